import { Suppressions } from './suppressions';

/**
 * A rule selector: one rule id (`rbac/secrets-access`) or a whole family (`pss/*`). Suppressions
 * of the configuration and `unsuppressible` name rules this way.
 */
export class RuleSelectors {
  /** `family/*` for every family of the known ids, in catalogue order. */
  public static families(knownIds: readonly string[]): string[] {
    return [...new Set(knownIds.map((id) => `${id.split('/')[0]}/*`))];
  }

  /** Every valid selector: the ids, then the families. */
  public static all(knownIds: readonly string[]): string[] {
    return [...knownIds, ...RuleSelectors.families(knownIds)];
  }

  /** True when the selector names `ruleId` or its family. */
  public static matches(selector: string, ruleId: string): boolean {
    return selector === ruleId || (selector.endsWith('/*') && ruleId.startsWith(selector.slice(0, -1)));
  }

  /** Why a selector names no rule (with the closest valid selectors), or undefined. */
  public static problem(selector: unknown, knownIds: readonly string[]): string | undefined {
    if (typeof selector !== 'string' || selector === '') return 'a rule id or family is required (e.g. "rbac/secrets-access" or "pss/*")';
    const all = RuleSelectors.all(knownIds);
    if (all.includes(selector)) return undefined;
    // A family is compared by its name: every family ends with the same `/*`.
    const close = selector.endsWith('/*')
      ? Suppressions.closeIds(selector.slice(0, -2), RuleSelectors.families(knownIds).map((f) => f.slice(0, -2))).map((f) => `${f}/*`)
      : Suppressions.closeIds(selector, all);
    return `unknown rule id or family '${selector}'${close.length > 0 ? `; did you mean ${close.map((id) => `'${id}'`).join(', ')}?` : ''}`;
  }

  private constructor() {}
}

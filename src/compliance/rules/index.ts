import type { Rule } from '../rule';
import { HARDENING_RULES } from './hardening';
import { INVALID_SUPPRESSION } from './invalid-suppression';
import { PSS_BASELINE_RULES, PSS_RESTRICTED_RULES } from './pss';
import { RBAC_RULES } from './rbac';
import { TOKEN_RULES } from './tokens';

export { HARDENING_RULES, INVALID_SUPPRESSION, PSS_BASELINE_RULES, PSS_RESTRICTED_RULES, RBAC_RULES, TOKEN_RULES };

/** Every rule of every pack, in catalogue order, plus the engine's own `guardrails/invalid-suppression`. */
export const ALL_RULES: readonly Rule[] = [
  ...TOKEN_RULES,
  ...RBAC_RULES,
  ...PSS_BASELINE_RULES,
  ...PSS_RESTRICTED_RULES,
  ...HARDENING_RULES,
  INVALID_SUPPRESSION,
];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/** Lookups in the rule catalogue. */
export class RuleRegistry {
  /** The rule with this id, or undefined. */
  public static get(id: string): Rule | undefined {
    return BY_ID.get(id);
  }

  /** Every rule id, in catalogue order. */
  public static ids(): string[] {
    return ALL_RULES.map((rule) => rule.id);
  }

  private constructor() {}
}

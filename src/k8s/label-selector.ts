/** A `metav1.LabelSelector` as it appears in manifests (any field may be malformed). */
export interface LabelSelectorJson {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: unknown;
}

interface LabelSelectorRequirement {
  readonly key?: unknown;
  readonly operator?: unknown;
  readonly values?: unknown;
}

/** The operators of a `matchExpressions` requirement: the first two need values, the last two take none. */
export const SELECTOR_OPERATORS_WITH_VALUES: readonly string[] = ['In', 'NotIn'];
export const SELECTOR_OPERATORS_WITHOUT_VALUES: readonly string[] = ['Exists', 'DoesNotExist'];

/** Label selectors, validated and matched as `metav1.LabelSelectorAsSelector` decides. */
export class LabelSelectors {
  /**
   * Why a requirement would be rejected (an unknown operator, `In`/`NotIn` without values,
   * `Exists`/`DoesNotExist` with values), as `<field> <problem>`, or undefined when it is valid.
   */
  public static requirementProblem(operator: string, values: readonly string[]): { field: 'operator' | 'values'; problem: string } | undefined {
    if (SELECTOR_OPERATORS_WITH_VALUES.includes(operator)) {
      return values.length === 0 ? { field: 'values', problem: `is empty: operator ${operator} needs at least one value` } : undefined;
    }
    if (SELECTOR_OPERATORS_WITHOUT_VALUES.includes(operator)) {
      return values.length > 0 ? { field: 'values', problem: `[${values.join(', ')}] must be empty with operator ${operator}` } : undefined;
    }
    return { field: 'operator', problem: `'${operator}' is not one of ${[...SELECTOR_OPERATORS_WITH_VALUES, ...SELECTOR_OPERATORS_WITHOUT_VALUES].join(', ')}` };
  }

  /**
   * True when the selector selects an object with these labels: the requirements are ANDed,
   * `NotIn` and `DoesNotExist` hold for an object without the key, and an empty selector (`{}`,
   * or `null`, which the API server decodes as one) is `labels.Everything()`. A selector the API
   * server would reject (not an object, `matchExpressions` not a list of objects, an unknown
   * operator, `values` not a list) selects nothing.
   */
  public static matches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
    if (selector === null) return true;
    if (typeof selector !== 'object' || Array.isArray(selector)) return false;
    const { matchLabels, matchExpressions } = selector as LabelSelectorJson;
    for (const [key, value] of Object.entries(matchLabels ?? {})) {
      if (labels[key] !== value) return false;
    }
    if (matchExpressions === undefined) return true;
    if (!Array.isArray(matchExpressions)) return false;
    for (const expression of matchExpressions) {
      if (!LabelSelectors.requirementHolds(expression, labels)) return false;
    }
    return true;
  }

  /** One `matchExpressions` requirement; `In` with no values selects nothing, `NotIn` with none holds. */
  private static requirementHolds(expression: unknown, labels: Readonly<Record<string, string>>): boolean {
    const { key, operator, values } = (expression ?? {}) as LabelSelectorRequirement;
    const listed = values ?? [];
    if (typeof key !== 'string' || !Array.isArray(listed)) return false;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In': return has && listed.includes(labels[key]);
      case 'NotIn': return !has || !listed.includes(labels[key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
    }
    return false;
  }

  private constructor() {}
}

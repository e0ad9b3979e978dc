import { CORE_GROUP, PolicyRuleJson, stringsOf, stringsOrEmptyOf, WILDCARD } from './policy-rule';

/**
 * A set of permissions that carries one risk: every (group, resource, verb) of the lists. `*` in
 * `verbs` means any verb; a resource `res/*` stands for every subresource of `res` (as for
 * `userextras/<key>`).
 */
export interface RiskPattern {
  readonly groups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/** One (apiGroup, resource, verb) of a policy rule, as written in the rule, that a pattern covers. */
export interface PatternMatch {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  /** Set for a non-resource URL (`apiGroup` is then `""`). */
  readonly nonResourceURL?: string;
}

/** How the RBAC authorizer matches a policy rule against the permissions of a pattern. */
export class RiskPatterns {
  /**
   * Every (apiGroup, resource, verb) of `rule`, as written, that covers a permission of one of
   * the patterns: `*` in the rule's groups, resources or verbs covers every value, `*\/<sub>`
   * covers that subresource of every resource.
   */
  public static matches(rule: PolicyRuleJson, patterns: readonly RiskPattern[]): PatternMatch[] {
    const matches: PatternMatch[] = [];
    const verbs = stringsOf(rule?.verbs);
    if (verbs.length === 0) return matches;
    for (const group of stringsOrEmptyOf(rule?.apiGroups)) {
      for (const resource of stringsOf(rule?.resources)) {
        for (const verb of verbs) {
          if (patterns.some((pattern) => RiskPatterns.covers(pattern, group, resource, verb))) matches.push({ apiGroup: group, resource, verb });
        }
      }
    }
    return matches;
  }

  /**
   * Every (apiGroup, resource, verb) or (non-resource URL, verb) of `rule` that contains a `*`:
   * what the rule grants without naming it.
   */
  public static wildcards(rule: PolicyRuleJson): PatternMatch[] {
    const matches: PatternMatch[] = [];
    const verbs = stringsOf(rule?.verbs);
    for (const url of stringsOf(rule?.nonResourceURLs)) {
      for (const verb of verbs) {
        if (url === WILDCARD || verb === WILDCARD) matches.push({ apiGroup: CORE_GROUP, resource: url, verb, nonResourceURL: url });
      }
    }
    for (const group of stringsOrEmptyOf(rule?.apiGroups)) {
      for (const resource of stringsOf(rule?.resources)) {
        for (const verb of verbs) {
          if (group === WILDCARD || resource.includes(WILDCARD) || verb === WILDCARD) matches.push({ apiGroup: group, resource, verb });
        }
      }
    }
    return matches;
  }

  /** True when a rule's (group, resource, verb), as written, covers a permission of the pattern. */
  public static covers(pattern: RiskPattern, group: string, resource: string, verb: string): boolean {
    const groupOk = group === WILDCARD || pattern.groups.includes(group);
    const verbOk = verb === WILDCARD || pattern.verbs.includes(WILDCARD) || pattern.verbs.includes(verb);
    return groupOk && verbOk && pattern.resources.some((target) => RiskPatterns.resourceCovers(resource, target));
  }

  /** True when a rule's resource (`*`, `*` + `/sub`, or exact) covers the target resource (`res/*` = any subresource of res). */
  private static resourceCovers(ruleResource: string, target: string): boolean {
    if (ruleResource === WILDCARD || ruleResource === target) return true;
    const [targetBase, targetSub] = target.split('/');
    // RBAC matches `*/<subresource>` against any resource's subresource.
    if (targetSub !== undefined && targetSub !== WILDCARD && ruleResource === `*/${targetSub}`) return true;
    // A target `res/*` stands for every subresource of res (userextras/<key>); `*/<key>` names
    // that subresource of every resource, so it covers res/<key> too.
    if (targetSub === WILDCARD && (ruleResource.startsWith(`${targetBase}/`) || ruleResource.startsWith(`${WILDCARD}/`))) return true;
    return false;
  }

  private constructor() {}
}

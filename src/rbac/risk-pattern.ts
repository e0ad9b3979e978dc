import { CORE_GROUP, PolicyRuleJson, stringsOf, stringsOrEmptyOf, WILDCARD } from './policy-rule';

/**
 * A set of permissions that carries one risk: every (group, resource, verb) of the lists. `*` in
 * `verbs` means any verb. Resources are exact (`pods`, `pods/exec`).
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

/** Non-resource URLs that match every URL (`NonResourceURLMatches`: `*`, or a `*` suffix after the prefix `/`). */
const EVERY_URL: readonly string[] = [WILDCARD, `/${WILDCARD}`];

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
   * Every (apiGroup, resource, verb) or (non-resource URL, verb) of `rule` that grants by a
   * wildcard what it does not name, as the authorizer matches: `*` in groups, verbs or resources,
   * `*\/<sub>` (that subresource of every resource), and the non-resource URLs `*` and `/*`
   * (every URL). Not `pods/*` nor `*\/*`: RBAC has no subresource wildcard, so they match only a
   * subresource literally named `*` (`ResourceMatches` in pkg/apis/rbac/v1/evaluation_helpers.go).
   */
  public static wildcards(rule: PolicyRuleJson): PatternMatch[] {
    const matches: PatternMatch[] = [];
    const verbs = stringsOf(rule?.verbs);
    for (const url of stringsOf(rule?.nonResourceURLs)) {
      for (const verb of verbs) {
        if (EVERY_URL.includes(url) || verb === WILDCARD) matches.push({ apiGroup: CORE_GROUP, resource: url, verb, nonResourceURL: url });
      }
    }
    for (const group of stringsOrEmptyOf(rule?.apiGroups)) {
      for (const resource of stringsOf(rule?.resources)) {
        for (const verb of verbs) {
          if (group === WILDCARD || RiskPatterns.isResourceWildcard(resource) || verb === WILDCARD) matches.push({ apiGroup: group, resource, verb });
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

  /**
   * True when a rule's resource names resources it does not spell out: `*` (every resource and
   * subresource) or `*\/<sub>` (that subresource of every resource); `*\/*` matches only a
   * subresource literally named `*`, and `pods/*` only the literal `pods/*`.
   */
  public static isResourceWildcard(resource: string): boolean {
    return resource === WILDCARD || (resource.startsWith(`${WILDCARD}/`) && resource !== `${WILDCARD}/${WILDCARD}`);
  }

  /**
   * Every resource a policy rule can name to cover the target resource (`ResourceMatches`): `*`,
   * the target itself, and for a subresource `*\/<sub>`. The same fact as `resourceCovers`, as
   * a list to look rules up by.
   */
  public static resourcesCovering(target: string): string[] {
    const slash = target.indexOf('/');
    return slash > 0 ? [WILDCARD, target, `${WILDCARD}${target.slice(slash)}`] : [WILDCARD, target];
  }

  /** True when a rule's resource covers the target resource, as `ResourceMatches` does: `*`, exact, or `*\/<sub>` for a subresource. */
  private static resourceCovers(ruleResource: string, target: string): boolean {
    if (ruleResource === WILDCARD || ruleResource === target) return true;
    const slash = target.indexOf('/');
    // RBAC matches `*/<subresource>` against any resource's subresource (and nothing else with a `*`).
    return slash > 0 && ruleResource === `${WILDCARD}${target.slice(slash)}`;
  }

  private constructor() {}
}

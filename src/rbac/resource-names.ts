import { stringsOf, WILDCARD } from './policy-rule';

/**
 * How the RBAC authorizer applies a rule's `resourceNames` to one verb on one resource.
 *
 * `RuleAllows` (plugin/pkg/auth/authorizer/rbac/rbac.go) requires `ResourceNameMatches(rule,
 * request.Name)` (pkg/apis/rbac/v1/evaluation_helpers.go): a rule without names matches any
 * request; a rule with names matches only a request whose name is one of them, so a request
 * without a name never matches it. The request's name comes from the URL
 * (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 * - `create` of a resource (`POST .../pods`) has no name: the object is not named yet, so a rule
 *   with names never grants it; nor does it grant `deletecollection` (`DELETE .../pods`, no name).
 *   One exception: an object created by a server-side apply (`PATCH .../pods/NAME`) or by a PUT of
 *   a missing object is authorized as `create` WITH its name (`createAuthorizerAttributes` in
 *   staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go and update.go), so create by
 *   name grants the names its holder may also patch or update (see `writableNames`).
 * - A subresource request names its parent object (`POST .../serviceaccounts/NAME/token`,
 *   `.../pods/NAME/exec`): `create` on a subresource is limited to those names.
 * - `list` and `watch` carry a name only with a `metadata.name=NAME` field selector
 *   (`fieldSelector.RequiresExactMatch("metadata.name")`), so names limit them to clients that
 *   ask for exactly one named object (the Kubernetes RBAC documentation says the same).
 * - Every other verb (get, update, patch, delete, and bind/escalate/impersonate/approve/use...)
 *   names its object: limited to those names.
 */
export type NameLimit =
  /** The rule has no resourceNames: every object. */
  | { readonly kind: 'all' }
  /**
   * Only the named objects; for list/watch only with a `metadata.name` field selector; for a
   * create (`createdByName`) only by a server-side apply or a PUT, never by a POST.
   */
  | { readonly kind: 'names'; readonly names: readonly string[]; readonly byFieldSelector: boolean; readonly createdByName?: true }
  /** The rule can never match this verb: create or deletecollection of a named resource. */
  | { readonly kind: 'never'; readonly names: readonly string[] };

/** Verbs whose requests carry no object name, so `resourceNames` never matches them (on a resource, not a subresource). */
export const VERBS_WITHOUT_NAME: readonly string[] = ['create', 'deletecollection'];

/** Verbs whose requests carry a name only from a `metadata.name` field selector. */
export const VERBS_NAMED_BY_FIELD_SELECTOR: readonly string[] = ['list', 'watch'];

/** Verbs that can create an object by its name: a server-side apply is a `patch`, a PUT of a missing object an `update`. */
export const VERBS_CREATING_BY_NAME: readonly string[] = ['patch', 'update'];

/** The objects of one resource a holder may patch or update: every one (`all`), or those named. */
export type WritableNames = 'all' | readonly string[];

/**
 * What `resourceNames` leaves of one (verb, resource) of a rule. `resource` is the rule's
 * resource as written (`pods`, `pods/exec`, `*`, `*\/scale`); `*` also stands for subresources,
 * whose creates are named, so a `*` resource (or verb) is `names`, never `never`. `writable` is
 * what the same holder may patch or update of the resource (`writableNames`): a create by name
 * grants those of its names (created by a server-side apply or a PUT, which carry the name).
 * PUT creates only where the resource allows create-on-update; counting `update` for every
 * resource over-reports, never under-reports.
 */
export function nameLimit(verb: string, resource: string, resourceNames: readonly string[] | undefined, writable: WritableNames = []): NameLimit {
  const names = resourceNames ?? [];
  if (names.length === 0) return { kind: 'all' };
  const subresource = resource.includes('/') || resource === WILDCARD;
  if (!subresource && verb === 'create') {
    const created = writable === 'all' ? names : names.filter((name) => writable.includes(name));
    return created.length > 0 ? { kind: 'names', names: created, byFieldSelector: false, createdByName: true } : { kind: 'never', names };
  }
  if (!subresource && VERBS_WITHOUT_NAME.includes(verb)) return { kind: 'never', names };
  return { kind: 'names', names, byFieldSelector: VERBS_NAMED_BY_FIELD_SELECTOR.includes(verb) };
}

/**
 * What a role's rules let its holder patch or update of one resource (apiGroup, resource as
 * written in the rule being judged): `all`, or the names (possibly none). `*` in a rule's groups,
 * resources or verbs counts.
 */
export function writableNames(rules: readonly unknown[], apiGroup: string, resource: string): WritableNames {
  const names = new Set<string>();
  for (const rule of rules) {
    if (rule === null || typeof rule !== 'object') continue;
    const { apiGroups, resources, verbs, resourceNames } = rule as Record<string, unknown>;
    if (!stringsOf(verbs).some((verb) => verb === WILDCARD || VERBS_CREATING_BY_NAME.includes(verb))) continue;
    if (!stringsOf(apiGroups).some((group) => group === WILDCARD || group === apiGroup)) continue;
    if (!stringsOf(resources).some((r) => r === WILDCARD || r === resource)) continue;
    const ruleNames = stringsOf(resourceNames);
    if (ruleNames.length === 0) return 'all';
    ruleNames.forEach((name) => names.add(name));
  }
  return [...names];
}

/** One (apiGroup, resource, verb) of a rule that its resourceNames make impossible to match. */
export interface UnmatchableGrant {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly resourceNames: readonly string[];
}

/**
 * The (apiGroup, resource, verb) of a Role or ClusterRole rule that grant nothing because of
 * resourceNames (create or deletecollection of a resource, by name; a create by names the role
 * cannot also patch or update): the author meant something, and the cluster grants none of it.
 * `roleRules` are every rule of the role (the rule itself when omitted).
 */
export function unmatchableByName(rule: unknown, roleRules: readonly unknown[] = [rule]): UnmatchableGrant[] {
  if (rule === null || typeof rule !== 'object') return [];
  const { apiGroups, resources, verbs, resourceNames } = rule as Record<string, unknown>;
  const names = stringsOf(resourceNames);
  if (names.length === 0) return [];
  const found: UnmatchableGrant[] = [];
  for (const apiGroup of stringsOf(apiGroups)) {
    for (const resource of stringsOf(resources)) {
      for (const verb of stringsOf(verbs)) {
        const writable = verb === 'create' ? writableNames(roleRules, apiGroup, resource) : [];
        if (nameLimit(verb, resource, names, writable).kind === 'never') found.push({ apiGroup, resource, verb, resourceNames: names });
      }
    }
  }
  return found;
}

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
  /** Only the named objects; for list/watch only with a `metadata.name` field selector. */
  | { readonly kind: 'names'; readonly names: readonly string[]; readonly byFieldSelector: boolean }
  /** The rule can never match this verb: create or deletecollection of a named resource. */
  | { readonly kind: 'never'; readonly names: readonly string[] };

/** Verbs whose requests carry no object name, so `resourceNames` never matches them (on a resource, not a subresource). */
export const VERBS_WITHOUT_NAME: readonly string[] = ['create', 'deletecollection'];

/** Verbs whose requests carry a name only from a `metadata.name` field selector. */
export const VERBS_NAMED_BY_FIELD_SELECTOR: readonly string[] = ['list', 'watch'];

/**
 * What `resourceNames` leaves of one (verb, resource) of a rule. `resource` is the rule's
 * resource as written (`pods`, `pods/exec`, `*`, `*\/scale`); `*` also stands for subresources,
 * whose creates are named, so a `*` resource (or verb) is `names`, never `never`.
 */
export function nameLimit(verb: string, resource: string, resourceNames: readonly string[] | undefined): NameLimit {
  const names = resourceNames ?? [];
  if (names.length === 0) return { kind: 'all' };
  const subresource = resource.includes('/') || resource === WILDCARD;
  if (!subresource && VERBS_WITHOUT_NAME.includes(verb)) return { kind: 'never', names };
  return { kind: 'names', names, byFieldSelector: VERBS_NAMED_BY_FIELD_SELECTOR.includes(verb) };
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
 * resourceNames (create or deletecollection of a resource, by name): the author meant
 * something, and the cluster grants none of it.
 */
export function unmatchableByName(rule: unknown): UnmatchableGrant[] {
  if (rule === null || typeof rule !== 'object') return [];
  const { apiGroups, resources, verbs, resourceNames } = rule as Record<string, unknown>;
  const names = stringsOf(resourceNames);
  if (names.length === 0) return [];
  const found: UnmatchableGrant[] = [];
  for (const apiGroup of stringsOf(apiGroups)) {
    for (const resource of stringsOf(resources)) {
      for (const verb of stringsOf(verbs)) {
        if (nameLimit(verb, resource, names).kind === 'never') found.push({ apiGroup, resource, verb, resourceNames: names });
      }
    }
  }
  return found;
}

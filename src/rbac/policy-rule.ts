/**
 * A Kubernetes RBAC PolicyRule as plain JSON, exactly as it appears in a Role or ClusterRole.
 * TypeScript-only: the compliance engine, the risk catalogue and effective access read it.
 */
export interface PolicyRuleJson {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** The wildcard RBAC accepts in apiGroups, resources, verbs and nonResourceURLs. */
export const WILDCARD = '*';

/** The core (legacy) API group, written `""` in RBAC rules. */
export const CORE_GROUP = '';

/** The API group of Roles, ClusterRoles and their bindings. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The verbs that change objects. */
export const WRITE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * Every verb the Kubernetes authorizer checks on resources, in the order rules are written:
 * the eight API verbs, then the special verbs of specific resources (bind/escalate on roles,
 * impersonate on users/groups/serviceaccounts, approve/sign/attest on signers, use on
 * PodSecurityPolicies and similar).
 */
export const KUBERNETES_VERBS: readonly string[] = [
  'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection',
  'bind', 'escalate', 'impersonate', 'approve', 'sign', 'attest', 'use',
];

const VERB_ORDER = new Map(KUBERNETES_VERBS.map((verb, i) => [verb, i]));

/** Sorts verbs in the conventional order (get, list, watch, create, ...), unknown verbs last, alphabetically. */
export function compareVerbs(a: string, b: string): number {
  const ia = VERB_ORDER.get(a) ?? (a === WILDCARD ? -1 : KUBERNETES_VERBS.length);
  const ib = VERB_ORDER.get(b) ?? (b === WILDCARD ? -1 : KUBERNETES_VERBS.length);
  return ia !== ib ? ia - ib : a.localeCompare(b);
}

/**
 * The strings of a rule field; anything else (a missing field, a string instead of a list, junk
 * from YAML) is ignored. A null entry is "" to the API server, which matches no verb, resource or
 * URL, so dropping it here is exact; for apiGroups and resourceNames use `stringsOrEmptyOf`.
 */
export function stringsOf(field: unknown): string[] {
  return Array.isArray(field) ? field.filter((value): value is string => typeof value === 'string') : [];
}

/**
 * apiGroups and resourceNames as the API server decodes them: a null entry (`[~]`, a bare `-`)
 * is "" (Go's JSON decoding leaves a string's zero value): in apiGroups the core group, in
 * resourceNames the name "" (so `[~]` limits the rule to no object instead of allowing all).
 */
export function stringsOrEmptyOf(field: unknown): string[] {
  if (!Array.isArray(field)) return [];
  const strings: string[] = [];
  for (const value of field) {
    if (typeof value === 'string') strings.push(value);
    else if (value === null) strings.push('');
  }
  return strings;
}

/** One (apiGroup, resource, verb) that a rule grants, with the names it is limited to, if any. */
export interface RuleTriple {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly resourceNames?: readonly string[];
}

/**
 * Expands a rule into the (apiGroup, resource, verb) triples it grants: a rule is the cross
 * product of its apiGroups, resources and verbs. Non-resource rules yield no triples.
 */
export function expandRule(rule: PolicyRuleJson): RuleTriple[] {
  const triples: RuleTriple[] = [];
  const resourceNames = stringsOrEmptyOf(rule.resourceNames);
  const names = resourceNames.length > 0 ? resourceNames : undefined;
  for (const apiGroup of stringsOrEmptyOf(rule.apiGroups)) {
    for (const resource of stringsOf(rule.resources)) {
      for (const verb of stringsOf(rule.verbs)) {
        triples.push(names ? { apiGroup, resource, verb, resourceNames: names } : { apiGroup, resource, verb });
      }
    }
  }
  return triples;
}

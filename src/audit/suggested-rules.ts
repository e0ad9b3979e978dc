import { compareCodeUnits } from '../string-order';
import type { PermissionUse } from './permission-use';
import { RbacRuleMatch } from './rbac-rule-match';
import { AuditRequest, RequestAttributes } from './request-attributes';
import { KnownResources } from '../k8s/known-resources';
import { BASELINE_CLUSTER_ROLES } from '../k8s/rbac-bootstrap/baseline-grants';
import { compareVerbs, PolicyRuleJson } from '../rbac/policy-rule';
import { mergeRules, PermissionEntry } from '../rbac/rule-merger';

/** Least-privilege rules for one scope: a Role in a namespace, or a ClusterRole bound cluster-wide. */
export interface SuggestedRole {
  /** `Role` (bound by a RoleBinding in `namespace`) or `ClusterRole` (bound by a ClusterRoleBinding). */
  readonly kind: 'Role' | 'ClusterRole';
  /** The namespace of a Role. */
  readonly namespace?: string;
  readonly rules: PolicyRuleJson[];
}

// The bootstrap data is deeply readonly; the rule matchers only read it.
const BASELINE_RULES = [...BASELINE_CLUSTER_ROLES.values()].flat() as unknown as readonly PolicyRuleJson[];

/**
 * The smallest rules that allow exactly what a ServiceAccount was seen doing:
 *
 * - one Role per namespace for namespaced requests; one ClusterRole (with a ClusterRoleBinding)
 *   for cluster-scoped resources, requests across all namespaces (namespace `''`) and
 *   non-resource URLs, which a RoleBinding can never grant;
 * - `resourceNames` only where every request of that verb on that resource named an object the
 *   authorizer saw (so never for creates of a resource, deletecollection, or lists and watches
 *   without a `metadata.name` field selector: RBAC would then refuse the requests without a
 *   name), and not when more names were seen than are kept;
 * - requests the baseline already allows every ServiceAccount (discovery, health, self-reviews,
 *   issuer discovery) are left out;
 * - rules merged by the library's rule merger (src/rbac/rule-merger.ts), which never merges in a
 *   way that grants more.
 *
 * The core `namespaces` resource is cluster-scoped for the library (a RoleBinding never grants
 * it in the effective-access model), although the authorizer sees a request for namespace X
 * with namespace X: it is suggested cluster-wide, limited to the names seen.
 */
export class SuggestedRules {
  public static of(used: Iterable<PermissionUse>): SuggestedRole[] {
    const byScope = new Map<string, Map<string, { request: RequestAttributes; names: Set<string>; unnamed: boolean }>>();
    const urls = new Map<string, Set<string>>();
    for (const use of used) {
      const requests = use.requestsByName().filter((r) => !SuggestedRules.baselineAllows(r));
      if (requests.length === 0) continue;
      const request = use.request;
      if (request.path !== undefined) {
        const verbs = urls.get(request.path) ?? new Set<string>();
        verbs.add(request.verb);
        urls.set(request.path, verbs);
        continue;
      }
      const scope = SuggestedRules.clusterWide(request) ? '' : request.namespace;
      const resource = AuditRequest.combinedResource(request);
      const key = `${request.apiGroup}\u0000${resource}\u0000${request.verb}`;
      const entries = byScope.get(scope) ?? new Map();
      byScope.set(scope, entries);
      const entry = entries.get(key) ?? { request, names: new Set<string>(), unnamed: false };
      entries.set(key, entry);
      for (const r of requests) {
        if (r.name === '') entry.unnamed = true;
        else entry.names.add(r.name);
      }
      if (use.truncated) entry.unnamed = true;
    }

    const roles: SuggestedRole[] = [];
    for (const [scope, entries] of byScope) {
      const permissionEntries: PermissionEntry[] = [...entries.values()].map(({ request, names, unnamed }) => ({
        apiGroup: request.apiGroup,
        resource: AuditRequest.combinedResource(request),
        clusterScoped: scope === '',
        verbs: [request.verb],
        ...(!unnamed && names.size > 0 ? { resourceNames: [...names].sort(compareCodeUnits) } : {}),
      }));
      const rules = mergeRules(permissionEntries);
      if (scope === '') roles.push({ kind: 'ClusterRole', rules });
      else roles.push({ kind: 'Role', namespace: scope, rules });
    }
    if (urls.size > 0) {
      const nonResource = SuggestedRules.nonResourceRules(urls);
      const cluster = roles.find((r) => r.kind === 'ClusterRole');
      if (cluster) cluster.rules.push(...nonResource);
      else roles.push({ kind: 'ClusterRole', rules: nonResource });
    }
    // The ClusterRole first, then Roles by namespace.
    return roles.sort((a, b) => compareCodeUnits(a.namespace ?? '', b.namespace ?? ''));
  }

  /** True when the baseline every ServiceAccount holds already allows the request. */
  public static baselineAllows(request: RequestAttributes): boolean {
    return BASELINE_RULES.some((rule) => RbacRuleMatch.ruleAllows(rule, request));
  }

  /** True when only a cluster-wide grant can allow the request. */
  public static clusterWide(request: RequestAttributes): boolean {
    return request.path !== undefined || request.namespace === '' || KnownResources.isClusterScoped(request.apiGroup, request.resource);
  }

  /** Non-resource URLs sharing the same verbs share a rule. */
  private static nonResourceRules(urls: ReadonlyMap<string, ReadonlySet<string>>): PolicyRuleJson[] {
    const byVerbs = new Map<string, { verbs: string[]; urls: string[] }>();
    for (const [url, verbSet] of urls) {
      const verbs = [...verbSet].sort(compareVerbs);
      const key = verbs.join(',');
      const group = byVerbs.get(key) ?? { verbs, urls: [] };
      group.urls.push(url);
      byVerbs.set(key, group);
    }
    return [...byVerbs.values()]
      .map(({ verbs, urls: list }) => ({ nonResourceURLs: list.sort(compareCodeUnits), verbs }))
      .sort((a, b) => compareCodeUnits(a.nonResourceURLs[0], b.nonResourceURLs[0]));
  }

  private constructor() {}
}

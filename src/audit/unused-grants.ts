import { compareCodeUnits } from '../string-order';
import type { PermissionUse } from './permission-use';
import { RbacRuleMatch } from './rbac-rule-match';
import type { RequestAttributes } from './request-attributes';
import { BASELINE_CLUSTER_ROLES, BASELINE_GROUPS } from '../k8s/rbac-bootstrap/baseline-grants';
import { AccessGrant, ALL_NAMESPACES, BindingRef, RoleRefInfo } from '../rbac/effective-access';
import { compareVerbs } from '../rbac/policy-rule';

/** Granted verbs on one resource, through one binding and role, that the log never shows used. */
export interface UnusedPermission {
  /** `*`: every namespace and cluster-scoped resources (a ClusterRoleBinding). */
  readonly namespace: string;
  readonly apiGroup: string;
  /** `''` for a non-resource URL. */
  readonly resource: string;
  readonly nonResourceURL?: string;
  readonly verbs: string[];
  readonly resourceNames?: string[];
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
}

/**
 * The grants (from effective access: roles in the manifests and built-in roles) that no used
 * request matches: the candidates to remove. A grant is used when the authorizer would have let
 * one of the requests seen through it (RbacRuleMatch.grantAllows), so a wildcard grant is used
 * by any request it covers, and a grant limited by resourceNames only by requests for those
 * names. When more names were seen than are kept, a name-limited grant that matches the
 * permission is counted as used (it may have been). Baseline grants that every ServiceAccount
 * holds are never reported.
 */
export class UnusedGrants {
  public static of(grants: readonly AccessGrant[], used: readonly PermissionUse[]): UnusedPermission[] {
    const requests: RequestAttributes[] = used.flatMap((use) => use.requestsByName());
    const truncated = used.filter((use) => use.truncated).map((use) => use.request);
    const unused = grants.filter((grant) => !UnusedGrants.isBaseline(grant)
      && !requests.some((request) => RbacRuleMatch.grantAllows(grant, request))
      && !truncated.some((request) => RbacRuleMatch.grantAllows({ ...grant, resourceNames: undefined }, request)));
    return UnusedGrants.mergeVerbs(unused);
  }

  /** A grant of a baseline role to a group every ServiceAccount is in. */
  public static isBaseline(grant: AccessGrant): boolean {
    return grant.role.kind === 'ClusterRole' && BASELINE_CLUSTER_ROLES.has(grant.role.name)
      && grant.subject.kind === 'Group' && BASELINE_GROUPS.includes(grant.subject.name);
  }

  /** Grants that differ only in the verb become one row. */
  private static mergeVerbs(grants: readonly AccessGrant[]): UnusedPermission[] {
    const merged = new Map<string, { grant: AccessGrant; verbs: Set<string> }>();
    for (const grant of grants) {
      const key = JSON.stringify([grant.namespace, grant.apiGroup, grant.resource, grant.nonResourceURL ?? '', grant.resourceNames ?? [],
        grant.binding.kind, grant.binding.namespace ?? '', grant.binding.name, grant.role.kind, grant.role.name]);
      const entry = merged.get(key);
      if (entry) entry.verbs.add(grant.verb);
      else merged.set(key, { grant, verbs: new Set([grant.verb]) });
    }
    const rows: UnusedPermission[] = [...merged.values()].map(({ grant, verbs }) => ({
      namespace: grant.namespace,
      apiGroup: grant.apiGroup,
      resource: grant.resource,
      ...(grant.nonResourceURL !== undefined ? { nonResourceURL: grant.nonResourceURL } : {}),
      verbs: [...verbs].sort(compareVerbs),
      ...(grant.resourceNames ? { resourceNames: [...grant.resourceNames] } : {}),
      binding: grant.binding,
      role: grant.role,
    }));
    const key = (r: UnusedPermission) => [r.namespace === ALL_NAMESPACES ? '' : r.namespace, r.apiGroup, r.resource, r.nonResourceURL ?? '',
      r.binding.kind, r.binding.name, r.role.kind, r.role.name].join('\u0000');
    return rows.sort((a, b) => compareCodeUnits(key(a), key(b)));
  }

  private constructor() {}
}

import { createHash } from 'crypto';
import { GrantScope, GrantScopeKind } from '../rbac/grant-scope';
import type { Permission } from '../rbac/permission';

/** What a ServiceAccount grant is, independent of how and in which order it was asked for. */
export interface GrantIdentity {
  /** The ServiceAccount, as `namespace/name`. */
  readonly serviceAccount: string;
  /** Where the permissions hold. */
  readonly grantScope: GrantScope;
  /** Whether the rules are written once as a ClusterRole template. */
  readonly clusterRoleTemplate: boolean;
  /** What is granted. */
  readonly permissions: Permission[];
}

/** Role names are DNS subdomains (at most 253 characters); RoleGrant may append `-cluster`. */
const MAX_BASE_LENGTH = 253 - '-cluster'.length;
const DIGEST_LENGTH = 8;

/**
 * A canonical text of the grant: the sorted, de-duplicated (apiGroup, resource, verbs, names,
 * reasons) entries of the permissions, the sorted namespaces and the ServiceAccount. Two grants
 * with the same access and reasons have the same text, whatever the order of the permissions,
 * of the resources inside them or of the calls. Never throws: invalid permissions are refused
 * later by RoleGrant, with a PropertyError.
 */
export function grantFingerprint(grant: GrantIdentity): string {
  const entries = new Set<string>();
  for (const permission of grant.permissions) {
    for (const entry of permission._entries()) {
      entries.add(JSON.stringify([
        entry.apiGroup,
        entry.resource,
        [...entry.verbs].sort(),
        [...(entry.resourceNames ?? [])].sort(),
        permission.justification ?? null,
        permission.wildcardJustification ?? null,
      ]));
    }
  }
  const namespaces = grant.grantScope.kind === GrantScopeKind.ALL_NAMESPACES
    ? ['*']
    : [...new Set(grant.grantScope.namespaceNames)].sort();
  return JSON.stringify({
    serviceAccount: grant.serviceAccount,
    namespaces,
    clusterRoleTemplate: grant.clusterRoleTemplate,
    entries: [...entries].sort(),
  });
}

/**
 * The default name of a ServiceAccount's Roles and bindings: `<ServiceAccount name>-<digest>`,
 * the digest taken from the fingerprint, so it changes only when the access does.
 */
export function derivedGrantName(serviceAccountName: string, fingerprint: string): string {
  const digest = createHash('sha256').update(fingerprint).digest('hex').slice(0, DIGEST_LENGTH);
  const base = serviceAccountName.slice(0, MAX_BASE_LENGTH - DIGEST_LENGTH - 1).replace(/[-.]+$/, '');
  return `${base}-${digest}`;
}

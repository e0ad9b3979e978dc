import { RbacBootstrapPolicy } from './bootstrap-policy';
import type { BootstrapPolicyRule } from './bootstrap-types';

/**
 * The grants every ServiceAccount holds in every cluster: the bootstrap ClusterRoles bound by
 * bootstrap ClusterRoleBindings to `system:authenticated` or `system:serviceaccounts`
 * (`system:basic-user`, `system:discovery`, `system:public-info-viewer`,
 * `system:service-account-issuer-discovery`: self-reviews, discovery, version, health, issuer
 * discovery). DESIGN: they are not a permission an account *needs*: an account that holds only
 * them holds no permissions (`token/unnecessary-token`, `harden`), requests they allow are left
 * out of `audit`'s suggestions and they are never reported unused.
 */

/** The groups every ServiceAccount token belongs to (besides its namespace's). */
export const BASELINE_GROUPS: readonly string[] = ['system:authenticated', 'system:serviceaccounts'];

/** The baseline ClusterRoles by name, with their rules, read from the bootstrap policy data. */
export const BASELINE_CLUSTER_ROLES: ReadonlyMap<string, readonly BootstrapPolicyRule[]> = new Map(
  RbacBootstrapPolicy.clusterRoleBindings()
    .filter((binding) => binding.subjects?.some((s) => s.kind === 'Group' && BASELINE_GROUPS.includes(s.name)))
    .map((binding) => [binding.roleRef.name, RbacBootstrapPolicy.clusterRole(binding.roleRef.name)?.rules ?? []]),
);

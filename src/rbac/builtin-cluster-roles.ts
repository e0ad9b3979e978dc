import type { Manifest } from '../k8s/manifest';
import { RbacBootstrapPolicy } from '../k8s/rbac-bootstrap/bootstrap-policy';

/**
 * The built-in roles as the RBAC model sees them: every ClusterRole and Role of the Kubernetes
 * bootstrap policy (`src/k8s/rbac-bootstrap`, the one place of that fact). `cluster-admin`,
 * `admin`, `edit` and `view` are the user-facing ones; `admin`, `edit` and `view` are
 * *aggregated*: their rules are the union of every ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-<name>: "true"` (`edit` is labelled aggregate-to-admin
 * and `view` aggregate-to-edit, so admin includes edit includes view). Effective access
 * resolves them with the input's own aggregated ClusterRoles (CRD roles that carry the same
 * labels extend them, as in a real cluster).
 */

/** The user-facing built-in ClusterRoles (the names `RoleGrant` refuses to create or replace). */
export const BUILTIN_CLUSTER_ROLE_NAMES: readonly string[] = ['cluster-admin', 'admin', 'edit', 'view'];

/** Every built-in ClusterRole as a manifest (the bootstrap cluster roles, then the controller roles). */
export const BUILTIN_CLUSTER_ROLES: readonly Manifest[] = RbacBootstrapPolicy.clusterRoles() as unknown as readonly Manifest[];

/** Lookups of the built-in roles by name. */
export class BuiltInRoles {
  /** True when every cluster has a ClusterRole of this name (an unknown `system:` name is not built in). */
  public static isClusterRole(name: string): boolean {
    return RbacBootstrapPolicy.clusterRole(name) !== undefined;
  }

  /** True when every cluster has a Role of this name in this namespace (e.g. kube-system's `extension-apiserver-authentication-reader`). */
  public static isRole(namespace: string, name: string): boolean {
    return RbacBootstrapPolicy.role(namespace, name) !== undefined;
  }

  private constructor() {}
}

import type { ManifestIndex } from './manifest-index';
import { BASELINE_CLUSTER_ROLES } from '../k8s/rbac-bootstrap/baseline-grants';
import { EffectiveAccess } from '../rbac/effective-access';

/** The kinds `EffectiveAccess.compute` reads; it ignores every other object. */
const RBAC_KINDS = ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/**
 * Effective RBAC access of the input, computed once per index and only when a rule asks for it
 * (it is the most expensive view of the input).
 */
export class EffectiveAccessOf {
  public static of(index: ManifestIndex): EffectiveAccess {
    return index.memo('effective-access', () => {
      // Only the kinds effective access reads (it skips the others), in input order: the other
      // objects need not be read again.
      return EffectiveAccess.compute(index.ofKinds(RBAC_KINDS).map((o) => o.manifest), { defaultNamespace: index.defaultNamespace });
    });
  }

  /**
   * True when the ServiceAccount holds at least one permission beyond the baseline every account
   * holds (`BASELINE_CLUSTER_ROLES`): what makes its token necessary. An unset
   * namespace is the run's namespace.
   */
  public static hasPermissions(index: ManifestIndex, namespace: string | undefined, name: string): boolean {
    const access = EffectiveAccessOf.of(index);
    const ns = namespace ?? index.defaultNamespace;
    // hasGrants is cheap (nothing is materialized); the roles are read only when there are grants.
    if (!access.isKnown(ns, name) || !access.hasGrants(ns, name)) return false;
    // A baseline role defined (and so reconciled) in the input may hold more: only the built-in one is baseline.
    return access.rolesOf(ns, name).some((role) => !(role.kind === 'ClusterRole' && role.builtIn && BASELINE_CLUSTER_ROLES.has(role.name)));
  }

  private constructor() {}
}

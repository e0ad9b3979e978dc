import type { ManifestIndex } from './manifest-index';
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
      const relevant = RBAC_KINDS.flatMap((kind) => index.ofKind(kind)).sort((a, b) => a.index - b.index);
      return EffectiveAccess.compute(relevant.map((o) => o.manifest), { defaultNamespace: index.defaultNamespace });
    });
  }

  /** True when the ServiceAccount holds at least one permission (an unset namespace is the run's namespace). */
  public static hasPermissions(index: ManifestIndex, namespace: string | undefined, name: string): boolean {
    // Same answer as `forServiceAccount(...)?.grants.length > 0`, without materializing the grants.
    const access = EffectiveAccessOf.of(index);
    const ns = namespace ?? index.defaultNamespace;
    return access.isKnown(ns, name) && access.hasGrants(ns, name);
  }

  private constructor() {}
}

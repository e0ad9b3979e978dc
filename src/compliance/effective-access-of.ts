import type { ManifestIndex } from './manifest-index';
import { EffectiveAccess } from '../rbac/effective-access';

/**
 * Effective RBAC access of the input, computed once per index and only when a rule asks for it
 * (it is the most expensive view of the input).
 */
export class EffectiveAccessOf {
  public static of(index: ManifestIndex): EffectiveAccess {
    return index.memo('effective-access', () => EffectiveAccess.compute(index.objects.map((o) => o.manifest)));
  }

  /** True when the ServiceAccount holds at least one permission (an unset namespace is `default`). */
  public static hasPermissions(index: ManifestIndex, namespace: string | undefined, name: string): boolean {
    const access = EffectiveAccessOf.of(index).forServiceAccount(namespace ?? 'default', name);
    return access !== undefined && access.grants.length > 0;
  }

  private constructor() {}
}

import { KnownResources } from './known-resources';
import type { Manifest } from './manifest';

/** Where `kubectl apply` puts a namespaced object that names no namespace, without `-n`. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * The namespace an object lives in, decided once for every rule, report and command, as
 * `kubectl apply [-n NS]` and the API server decide it: cluster-scoped kinds have none (the
 * API server clears a namespace written on one); namespaced kinds have their own
 * `metadata.namespace`, else the namespace of the command (`-n`, default `default`).
 */
export class Namespaces {
  /**
   * @param manifest the object as read
   * @param requested the `-n` namespace (default `default`)
   * @param clusterScopedCustomKinds kinds that CRDs of the same input declare `scope: Cluster`
   *   (other unknown kinds are taken as namespaced, as most custom resources are)
   */
  public static resolve(manifest: Manifest, requested: string = DEFAULT_NAMESPACE, clusterScopedCustomKinds?: ReadonlySet<string>)
    : string | undefined {
    if (Namespaces.isClusterScoped(manifest.kind, clusterScopedCustomKinds)) return undefined;
    const own = manifest.metadata.namespace;
    return typeof own === 'string' && own !== '' ? own : requested;
  }

  /** True for a built-in cluster-scoped kind, or a kind that a CRD of the input declares cluster-scoped. */
  public static isClusterScoped(kind: string, clusterScopedCustomKinds?: ReadonlySet<string>): boolean {
    return KnownResources.isClusterScopedKind(kind) || (clusterScopedCustomKinds?.has(kind) ?? false);
  }

  /**
   * The kinds that the CustomResourceDefinitions among `manifests` declare cluster-scoped
   * (`spec.scope: Cluster`, `spec.names.kind`).
   */
  public static clusterScopedCustomKinds(manifests: Iterable<Manifest>): Set<string> {
    const kinds = new Set<string>();
    for (const m of manifests) {
      if (m.kind !== 'CustomResourceDefinition') continue;
      const kind = m.spec?.names?.kind;
      if (m.spec?.scope === 'Cluster' && typeof kind === 'string') kinds.add(kind);
    }
    return kinds;
  }

  private constructor() {}
}

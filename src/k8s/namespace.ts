import { CLUSTER_SCOPED_KINDS } from './cluster-scoped-kinds';

const BUILT_IN_CLUSTER_SCOPED = new Set(CLUSTER_SCOPED_KINDS.flatMap(({ group, kinds }) => kinds.map((kind) => `${group}/${kind}`)));

const NO_KINDS: ReadonlySet<string> = new Set();

/**
 * The `group/Kind` keys built so far, by apiVersion, then kind: an input has few distinct pairs,
 * and a key built again for each object is a new string to hash. Bounded, for hostile input.
 */
const GROUP_KIND_KEYS = new Map<string, Map<string, string>>();
const MAX_GROUP_KIND_KEYS = 4096;
let groupKindKeys = 0;

function groupKindKey(apiVersion: string, kind: string): string {
  let byKind = GROUP_KIND_KEYS.get(apiVersion);
  const known = byKind?.get(kind);
  if (known !== undefined) return known;
  const slash = apiVersion.indexOf('/');
  const key = `${slash >= 0 ? apiVersion.slice(0, slash) : ''}/${kind}`;
  if (groupKindKeys < MAX_GROUP_KIND_KEYS) {
    if (!byKind) GROUP_KIND_KEYS.set(apiVersion, byKind = new Map());
    byKind.set(kind, key);
    groupKindKeys++;
  }
  return key;
}

/**
 * The namespace an object lands in, decided as `kubectl apply [-n NS] -f` decides it
 * (k8s.io/cli-runtime resource/visitor.go SetNamespace and RequireNamespace, applied where the
 * REST mapping says the kind is namespaced): an object of a namespaced kind without
 * `metadata.namespace` (or with an empty one) is created in NS, or without `-n` in the
 * context's namespace, `default`; a cluster-scoped kind has no namespace. With `-n NS`, kubectl
 * refuses a namespaced object that names another namespace.
 *
 * Which kinds are cluster-scoped: the built-in table (cluster-scoped-kinds.ts) and the custom
 * kinds whose CustomResourceDefinition in the same input says `scope: Cluster`; any other kind
 * (a custom resource whose CRD is elsewhere) counts as namespaced, the default of CRDs.
 */
export class Namespaces {
  /** The namespace kubectl uses without `-n` (a kubeconfig context without one). */
  public static readonly DEFAULT = 'default';

  /** `group/Kind` of the custom kinds that CustomResourceDefinitions among `manifests` declare cluster-scoped. */
  public static clusterScopedCustomKinds(manifests: Iterable<unknown>): ReadonlySet<string> {
    const kinds = new Set<string>();
    for (const m of manifests) Namespaces.addClusterScopedCustomKind(m, kinds);
    return kinds;
  }

  /**
   * Adds to `kinds` the kind (`<group>/<Kind>`) that `manifest` defines if it is a cluster-scoped
   * CustomResourceDefinition, and returns that `Kind`; otherwise returns `undefined`.
   */
  public static addClusterScopedCustomKind(manifest: unknown, kinds: Set<string>): string | undefined {
    const crd = manifest as { apiVersion?: unknown; kind?: unknown; spec?: { scope?: unknown; group?: unknown; names?: { kind?: unknown } } };
    if (crd?.kind !== 'CustomResourceDefinition' || typeof crd.apiVersion !== 'string' || !crd.apiVersion.startsWith('apiextensions.k8s.io/')) return undefined;
    const spec = crd.spec;
    const kind = spec?.names?.kind;
    if (spec?.scope !== 'Cluster' || typeof spec.group !== 'string' || typeof kind !== 'string') return undefined;
    kinds.add(`${spec.group}/${kind}`);
    return kind;
  }

  /** Whether objects of this apiVersion and kind live in a namespace. */
  public static isNamespaced(apiVersion: unknown, kind: unknown, clusterScopedCustomKinds: ReadonlySet<string> = NO_KINDS): boolean {
    if (typeof kind !== 'string') return true;
    const key = groupKindKey(typeof apiVersion === 'string' ? apiVersion : '', kind);
    return !BUILT_IN_CLUSTER_SCOPED.has(key) && (clusterScopedCustomKinds.size === 0 || !clusterScopedCustomKinds.has(key));
  }

  /**
   * The namespace an object is applied in: its own `metadata.namespace`, else
   * `requestedNamespace` (`-n`), else `default`; `undefined` for a cluster-scoped kind.
   */
  public static resolve(manifest: unknown, requestedNamespace?: string, clusterScopedCustomKinds?: ReadonlySet<string>): string | undefined {
    const m = manifest as { apiVersion?: unknown; kind?: unknown; metadata?: { namespace?: unknown } } | undefined;
    if (!Namespaces.isNamespaced(m?.apiVersion, m?.kind, clusterScopedCustomKinds)) return undefined;
    if (Namespaces.namesNone(m)) return requestedNamespace ?? Namespaces.DEFAULT;
    return m?.metadata?.namespace as string;
  }

  /** True when the object names no namespace (none, or an empty one): a namespaced one then takes the run's (`resolve`). */
  public static namesNone(manifest: unknown): boolean {
    const own = (manifest as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
    return typeof own !== 'string' || own === '';
  }

  /**
   * Why `kubectl apply -n requestedNamespace` refuses the object (it is namespaced and names
   * another namespace), or `undefined`.
   */
  public static conflict(
    manifest: unknown, requestedNamespace: string | undefined, clusterScopedCustomKinds?: ReadonlySet<string>,
  ): string | undefined {
    if (requestedNamespace === undefined) return undefined;
    const m = manifest as { apiVersion?: unknown; kind?: unknown; metadata?: { namespace?: unknown } } | undefined;
    if (!Namespaces.isNamespaced(m?.apiVersion, m?.kind, clusterScopedCustomKinds)) return undefined;
    const own = m?.metadata?.namespace;
    if (typeof own !== 'string' || own === '' || own === requestedNamespace) return undefined;
    return `the namespace from the provided object "${own}" does not match the namespace "${requestedNamespace}": kubectl apply -n ${requestedNamespace} refuses it`;
  }
}

import type { Manifest } from '../k8s/manifest';
import { Namespaces } from '../k8s/namespace';
import { NamespacedMap } from '../k8s/namespaced-map';
import { FoundPodSpec, PodTemplates } from '../k8s/pod-templates';
import { CONTAINER_KINDS, ContainerKind } from '../k8s/workloads';
import type { ManifestInput, ManifestSource } from '../reader/input';

/** One object of the input, with its position and where it came from. */
export interface IndexedObject {
  /** Position in `ManifestIndex.objects` (and in the input). */
  readonly index: number;
  readonly manifest: Manifest;
  readonly source: ManifestSource;
  /**
   * The namespace the object lives in, as `kubectl apply -n` puts it (`Namespaces.resolve`): its
   * own, else the run's namespace for namespaced kinds; `undefined` for cluster-scoped kinds.
   */
  readonly namespace?: string;
}

/** A container of a pod spec, with its kind and JSON pointer. */
export interface ContainerRef {
  readonly container: any;
  readonly name: string;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly kind: ContainerKind;
  /** JSON pointer from the object root, e.g. `/spec/template/spec/containers/0`. */
  readonly path: string;
}

/**
 * A pod spec found in an object (a Pod, a workload's template, a CronJob's job template, one of
 * the replicated jobs of a JobSet...). An object may hold several.
 */
export interface PodSpecRef {
  readonly owner: IndexedObject;
  /** The pod spec itself (`{}` when the template has no spec). */
  readonly spec: any;
  /** The pod template metadata (labels, annotations), or the Pod's own metadata. */
  readonly metadata: any;
  /**
   * JSON pointer from the owner's root to the pod spec, e.g. `/spec/template/spec`, or
   * `/spec/replicatedJobs/1/template/spec/template/spec` (list positions and map keys included).
   */
  readonly path: string;
  /** The ServiceAccount the pod runs as (`default` when unset). */
  readonly serviceAccountName: string;
  /** Every container of every kind, in order: init, regular, ephemeral. */
  readonly containers: ContainerRef[];
}

/**
 * A `ContainerRef` whose JSON pointer is built on first read: most containers never get a
 * finding, and a string per container of a large input is work and garbage for nothing.
 */
class IndexedContainer implements ContainerRef {
  private pointer?: string;

  constructor(
    public readonly container: any,
    public readonly name: string,
    public readonly kind: ContainerRef['kind'],
    private readonly podPath: string,
    private readonly position: number,
  ) {}

  public get path(): string {
    return this.pointer ??= `${this.podPath}/${this.kind}/${this.position}`;
  }
}

/** The source of inputs that carry none: one shared, frozen object rather than one per object. */
const NO_SOURCE: ManifestSource = Object.freeze({});

/** The table without user entries, built once (most runs add none). */
let defaultPodTemplates: PodTemplates | undefined;

/**
 * One pass over the input that every rule reads: objects by kind and by kind/namespace/name,
 * and every pod spec of every workload kind. Cross-object rules look things up here instead of
 * scanning pairs, so the cost stays linear in the number of objects.
 */
export class ManifestIndex {
  public readonly objects: IndexedObject[] = [];
  public readonly podSpecs: PodSpecRef[] = [];
  private readonly kinds = new Map<string, IndexedObject[]>();
  /**
   * kind -> (namespace, '' when unset; name) -> object. Not one map of joined keys: rules call
   * `get` once per pod or binding, and a joined key is a new string each time.
   */
  private readonly byKey = new Map<string, NamespacedMap<IndexedObject>>();
  private readonly memos = new Map<string, unknown>();
  private defaulted = 0;

  /**
   * @param inputs the objects, in input order
   * @param defaultNamespace the namespace of namespaced objects that name none (`kubectl apply -n`)
   * @param podTemplates where each kind keeps its pods (default: the library's table)
   */
  constructor(
    inputs: readonly ManifestInput[],
    public readonly defaultNamespace: string = Namespaces.DEFAULT,
    podTemplates: PodTemplates = defaultPodTemplates ??= new PodTemplates(),
    admit?: (input: ManifestInput) => boolean,
  ) {
    // One pass over the input: on a large input each pass is a walk through memory that is no
    // longer in the CPU cache, so the CustomResourceDefinitions (which make kinds cluster-scoped)
    // are collected on the way and objects read before their CRD are corrected afterwards.
    const customClusterKinds = new Set<string>();
    // The kinds (without group) those CRDs define: the objects to look at again.
    const customKindNames = new Set<string>();
    for (const input of inputs) {
      if (admit && !admit(input)) continue;
      // Each field is read once: cdk8s renders every object with its own hidden class, so each
      // property read here is a slow, megamorphic lookup.
      const manifest = input.manifest;
      const kind = manifest.kind;
      const metadata = manifest.metadata;
      if (kind === 'CustomResourceDefinition') {
        const defined = Namespaces.addClusterScopedCustomKind(manifest, customClusterKinds);
        if (defined !== undefined) customKindNames.add(defined);
      }
      const namespace = Namespaces.resolve(manifest, defaultNamespace, customClusterKinds);
      const object: IndexedObject = { index: this.objects.length, manifest, source: input.source ?? NO_SOURCE, namespace };
      if (namespace !== undefined && Namespaces.namesNone(manifest)) this.defaulted++;
      this.objects.push(object);
      let list = this.kinds.get(kind);
      if (!list) {
        list = [];
        this.kinds.set(kind, list);
      }
      list.push(object);
      this.add(kind, namespace ?? '', metadata.name, object);
      for (const found of podTemplates.podSpecsOf(manifest)) this.podSpecs.push(podSpecRef(object, found));
    }
    if (customKindNames.size > 0) this.resolveAgain(customKindNames, customClusterKinds);
  }

  /** How many namespaced objects name no namespace and so live in `defaultNamespace` (as `kubectl apply -n` puts them). */
  public get defaultedObjects(): number {
    return this.defaulted;
  }

  /** Every object of a kind, in input order. */
  public ofKind(kind: string): readonly IndexedObject[] {
    return this.kinds.get(kind) ?? [];
  }

  /**
   * Every object of these kinds, in input order: the kinds' lists merged (each is in input order),
   * so neither every object nor a sort of them is needed.
   */
  public ofKinds(kinds: readonly string[]): IndexedObject[] {
    const lists = kinds.map((kind) => this.ofKind(kind)).filter((list) => list.length > 0);
    const next = lists.map(() => 0);
    const merged: IndexedObject[] = [];
    for (;;) {
      let from = -1;
      for (let k = 0; k < lists.length; k++) {
        if (next[k] < lists[k].length && (from < 0 || lists[k][next[k]].index < lists[from][next[from]].index)) from = k;
      }
      if (from < 0) return merged;
      merged.push(lists[from][next[from]++]);
    }
  }

  /** The object with this kind, namespace (as resolved: omit for cluster-scoped kinds) and name, if present. */
  public get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    // Callers may pass what a manifest holds (a number from YAML, null): compare as strings, like a joined key would.
    return this.byKey.get(String(kind))?.get(namespace ?? '', name);
  }

  /**
   * Computes a derived view of the input once, on first use (e.g. effective RBAC access), so
   * that the cost is paid only when an enabled rule needs it.
   */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * Resolves again the namespace of every object of the kinds that CRDs of the input made
   * cluster-scoped (an object may come before its CRD), and files them again. `kinds` are the
   * kinds' names, `customClusterKinds` their `<group>/<Kind>` (a kind name may be in several groups).
   */
  private resolveAgain(kinds: ReadonlySet<string>, customClusterKinds: ReadonlySet<string>): void {
    for (const kind of kinds) {
      const objects = this.kinds.get(kind) ?? [];
      this.byKey.delete(kind);
      for (const object of objects) {
        const namespace = Namespaces.resolve(object.manifest, this.defaultNamespace, customClusterKinds);
        if (namespace !== object.namespace) {
          // Only a namespaced object (never a cluster-scoped one) can have taken the default.
          if (object.namespace !== undefined && Namespaces.namesNone(object.manifest)) this.defaulted--;
          (object as { namespace?: string }).namespace = namespace;
        }
        this.add(kind, namespace ?? '', object.manifest.metadata.name, object);
      }
    }
  }

  /** Files the object under its kind, namespace and name (a later object with the same key wins). */
  private add(kind: string, namespace: string, name: string, object: IndexedObject): void {
    let objects = this.byKey.get(kind);
    if (!objects) this.byKey.set(kind, objects = new NamespacedMap());
    objects.set(namespace, name, object);
  }
}

/** A pod spec found in an object, with the ServiceAccount it runs as and its containers. */
function podSpecRef(owner: IndexedObject, found: FoundPodSpec): PodSpecRef {
  const { spec, pointer: path } = found;
  const metadata = found.holder.metadata ?? {};
  const accountName = spec.serviceAccountName;
  const account = spec.serviceAccount;
  const serviceAccountName = typeof accountName === 'string' && accountName !== ''
    ? accountName
    : (typeof account === 'string' && account !== '' ? account : 'default');
  const containers: ContainerRef[] = [];
  for (const containerKind of CONTAINER_KINDS) {
    const list = spec[containerKind];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const container = list[i];
      if (container === null || typeof container !== 'object') continue;
      containers.push(new IndexedContainer(container, String(container.name ?? `#${i}`), containerKind, path, i));
    }
  }
  return { owner, spec, metadata, path, serviceAccountName, containers };
}

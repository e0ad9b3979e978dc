import type { Manifest, ManifestInput, ManifestSource } from './model';

/** One object of the input, with its position and where it came from. */
export interface IndexedObject {
  /** Position in `ManifestIndex.objects` (and in the input). */
  readonly index: number;
  readonly manifest: Manifest;
  readonly source: ManifestSource;
  /** The namespace the object lives in (`undefined` for cluster-scoped or unset). */
  readonly namespace?: string;
}

/** A container of a pod spec, with its kind and JSON pointer. */
export interface ContainerRef {
  readonly container: any;
  readonly name: string;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly kind: 'containers' | 'initContainers' | 'ephemeralContainers';
  /** JSON pointer from the object root, e.g. `/spec/template/spec/containers/0`. */
  readonly path: string;
}

/** A pod spec found in an object (a Pod, a workload's template, a CronJob's job template). */
export interface PodSpecRef {
  readonly owner: IndexedObject;
  /** The pod spec itself (`{}` when the template has no spec). */
  readonly spec: any;
  /** The pod template metadata (labels, annotations), or the Pod's own metadata. */
  readonly metadata: any;
  /** JSON pointer from the owner's root to the pod spec, e.g. `/spec/template/spec`. */
  readonly path: string;
  /** The ServiceAccount the pod runs as (`default` when unset). */
  readonly serviceAccountName: string;
  /** Every container of every kind, in order: init, regular, ephemeral. */
  readonly containers: ContainerRef[];
}

/** Where the pod spec sits in each workload kind. Anything else with `spec.template.spec` counts too. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // A core/v1 PodTemplate keeps its template at the top level.
  PodTemplate: ['template', 'spec'],
};

const TEMPLATE_PATH = ['spec', 'template', 'spec'];
const TEMPLATE_POINTER = '/spec/template/spec';

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

const CONTAINER_KINDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

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
   * kind -> namespace ('' when unset) -> name -> object. Nested maps rather than one map of
   * joined keys: rules call `get` once per pod or binding, and a joined key is a new string each time.
   */
  private readonly byKey = new Map<string, Map<string, Map<string, IndexedObject>>>();
  private readonly memos = new Map<string, unknown>();

  constructor(inputs: readonly ManifestInput[]) {
    for (const input of inputs) {
      // Each field is read once: cdk8s renders every object with its own hidden class, so each
      // property read here is a slow, megamorphic lookup.
      const manifest = input.manifest;
      const kind = manifest.kind;
      const metadata = manifest.metadata;
      const rawNamespace = metadata.namespace;
      const namespace = typeof rawNamespace === 'string' ? rawNamespace : undefined;
      const object: IndexedObject = { index: this.objects.length, manifest, source: input.source ?? NO_SOURCE, namespace };
      this.objects.push(object);
      let list = this.kinds.get(kind);
      if (!list) {
        list = [];
        this.kinds.set(kind, list);
      }
      list.push(object);
      this.add(kind, namespace ?? '', metadata.name, object);
      const pod = this.findPodSpec(object, kind);
      if (pod) this.podSpecs.push(pod);
    }
  }

  /** Every object of a kind, in input order. */
  public ofKind(kind: string): readonly IndexedObject[] {
    return this.kinds.get(kind) ?? [];
  }

  /** The object with this kind, namespace (omit for cluster-scoped) and name, if present. */
  public get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    // Callers may pass what a manifest holds (a number from YAML, null): compare as strings, like a joined key would.
    return this.byKey.get(String(kind))?.get(String(namespace ?? ''))?.get(String(name));
  }

  /**
   * Calls `visit` with `podSpecs` narrowed to successive chunks of at most `size` pod specs (at
   * least once, even without pods), then restores it. Everything else stays the same. The engine
   * runs the pod rules this way (see `Rule.scope`); narrowing this very object rather than a
   * copy keeps the rules' property accesses monomorphic.
   */
  public forEachPodChunk(size: number, visit: () => void): void {
    const all = this.podSpecs;
    const self = this as { podSpecs: PodSpecRef[] };
    try {
      for (let start = 0; start === 0 || start < all.length; start += size) {
        self.podSpecs = all.length <= size ? all : all.slice(start, start + size);
        visit();
      }
    } finally {
      self.podSpecs = all;
    }
  }

  /**
   * Computes a derived view of the input once, on first use (e.g. effective RBAC access), so
   * that the cost is paid only when an enabled rule needs it.
   */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** Files the object under its kind, namespace and name (a later object with the same key wins). */
  private add(kind: string, namespace: string, name: string, object: IndexedObject): void {
    let namespaces = this.byKey.get(kind);
    if (!namespaces) this.byKey.set(kind, namespaces = new Map());
    let names = namespaces.get(namespace);
    if (!names) namespaces.set(namespace, names = new Map());
    names.set(name, object);
  }

  private findPodSpec(owner: IndexedObject, kind: string): PodSpecRef | undefined {
    const segments = POD_SPEC_PATHS[kind] ?? TEMPLATE_PATH;
    // `holder` ends as the object that holds the pod spec: the pod template (its metadata has the
    // pod's labels and annotations), or a Pod itself.
    let holder: any;
    let spec: any = owner.manifest;
    for (const s of segments) {
      holder = spec;
      spec = spec !== null && typeof spec === 'object' ? spec[s] : undefined;
    }
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
    const path = segments === TEMPLATE_PATH ? TEMPLATE_POINTER : '/' + segments.join('/');
    const metadata = holder.metadata ?? {};
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
}

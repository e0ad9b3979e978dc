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

/**
 * One pass over the input that every rule reads: objects by kind and by kind/namespace/name,
 * and every pod spec of every workload kind. Cross-object rules look things up here instead of
 * scanning pairs, so the cost stays linear in the number of objects.
 */
export class ManifestIndex {
  private static templateMetadata(m: any): any {
    if (m.kind === 'CronJob') return m.spec?.jobTemplate?.spec?.template?.metadata;
    if (m.kind === 'PodTemplate') return m.template?.metadata;
    return m.spec?.template?.metadata;
  }

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
  }

  public readonly objects: IndexedObject[] = [];
  public readonly podSpecs: PodSpecRef[] = [];
  private readonly kinds = new Map<string, IndexedObject[]>();
  private readonly byKey = new Map<string, IndexedObject>();
  private readonly memos = new Map<string, unknown>();

  constructor(inputs: readonly ManifestInput[]) {
    for (const input of inputs) {
      const manifest = input.manifest;
      const namespace = typeof manifest.metadata?.namespace === 'string' ? manifest.metadata.namespace : undefined;
      const object: IndexedObject = { index: this.objects.length, manifest, source: input.source ?? {}, namespace };
      this.objects.push(object);
      let list = this.kinds.get(manifest.kind);
      if (!list) {
        list = [];
        this.kinds.set(manifest.kind, list);
      }
      list.push(object);
      this.byKey.set(ManifestIndex.key(manifest.kind, namespace, manifest.metadata.name), object);
      const pod = this.findPodSpec(object);
      if (pod) this.podSpecs.push(pod);
    }
  }

  /** Every object of a kind, in input order. */
  public ofKind(kind: string): readonly IndexedObject[] {
    return this.kinds.get(kind) ?? [];
  }

  /** The object with this kind, namespace (omit for cluster-scoped) and name, if present. */
  public get(kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    return this.byKey.get(ManifestIndex.key(kind, namespace, name));
  }

  /**
   * Computes a derived view of the input once, on first use (e.g. effective RBAC access), so
   * that the cost is paid only when an enabled rule needs it.
   */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  private findPodSpec(owner: IndexedObject): PodSpecRef | undefined {
    const m = owner.manifest;
    const segments = POD_SPEC_PATHS[m.kind] ?? TEMPLATE_PATH;
    let spec: any = m;
    for (const s of segments) {
      spec = spec !== null && typeof spec === 'object' ? spec[s] : undefined;
    }
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
    const path = '/' + segments.join('/');
    const metadata = m.kind === 'Pod' ? m.metadata : ManifestIndex.templateMetadata(m) ?? {};
    const serviceAccountName = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== ''
      ? spec.serviceAccountName
      : (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '' ? spec.serviceAccount : 'default');
    const containers: ContainerRef[] = [];
    for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      const list = spec[kind];
      if (!Array.isArray(list)) continue;
      list.forEach((container: any, i: number) => {
        if (container === null || typeof container !== 'object') return;
        containers.push({ container, name: String(container.name ?? `#${i}`), kind, path: `${path}/${kind}/${i}` });
      });
    }
    return { owner, spec, metadata, path, serviceAccountName, containers };
  }
}

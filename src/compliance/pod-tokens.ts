import type { IndexedObject, ManifestIndex, PodSpecRef } from './manifest-index';

/**
 * Shared reading of "does this pod get an API token, and which containers see it", used by
 * the token rules. Kubernetes precedence: the pod's `automountServiceAccountToken` wins, then
 * the ServiceAccount's, then `true`.
 */

/** The ServiceAccount a pod runs as, if it is in the input (both namespaces as `kubectl apply -n` resolves them). */
export function serviceAccountOf(pod: PodSpecRef, index: ManifestIndex): IndexedObject | undefined {
  return index.get('ServiceAccount', pod.owner.namespace, pod.serviceAccountName);
}

/** True when Kubernetes will automount the API token into this pod. */
export function isAutomounted(pod: PodSpecRef, index: ManifestIndex): boolean {
  const podValue = pod.spec.automountServiceAccountToken;
  if (podValue === false) return false;
  if (podValue === true) return true;
  // The pod leaves it unset: the ServiceAccount decides (true when absent from the input).
  return serviceAccountOf(pod, index)?.manifest.automountServiceAccountToken !== false;
}

/** A projected `serviceAccountToken` source in one of the pod's volumes. */
export interface ProjectedTokenRef {
  readonly volumeName: string;
  readonly source: any;
  /** JSON pointer from the owner's root to the `serviceAccountToken` object. */
  readonly path: string;
}

/** A `ProjectedTokenRef` whose JSON pointer is built on first read (most tokens get no finding). */
class ProjectedToken implements ProjectedTokenRef {
  private pointer?: string;

  constructor(
    public readonly volumeName: string,
    public readonly source: any,
    private readonly podPath: string,
    private readonly volumePosition: number,
    private readonly sourcePosition: number,
  ) {}

  public get path(): string {
    return this.pointer ??= `${this.podPath}/volumes/${this.volumePosition}/projected/sources/${this.sourcePosition}/serviceAccountToken`;
  }
}

/** Every projected `serviceAccountToken` source in the pod's volumes. */
export function projectedTokens(pod: PodSpecRef): ProjectedTokenRef[] {
  const result: ProjectedTokenRef[] = [];
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return result;
  for (let v = 0; v < volumes.length; v++) {
    const volume = volumes[v];
    const sources = volume?.projected?.sources;
    if (!Array.isArray(sources)) continue;
    for (let s = 0; s < sources.length; s++) {
      const token = sources[s]?.serviceAccountToken;
      if (token === null || typeof token !== 'object') continue;
      result.push(new ProjectedToken(String(volume.name ?? `#${v}`), token, pod.path, v, s));
    }
  }
  return result;
}

/** A token with no audience (or the empty audience) is accepted by the API server. */
export function isApiServerAudience(token: ProjectedTokenRef): boolean {
  const audience = token.source.audience;
  return audience === undefined || audience === null || audience === '';
}

/** Names of the containers (any kind) that mount the named volume. */
export function containersMounting(pod: PodSpecRef, volumeName: string): Set<string> {
  const names = new Set<string>();
  for (const c of pod.containers) {
    const mounts = c.container.volumeMounts;
    if (Array.isArray(mounts) && mounts.some((m: any) => m?.name === volumeName)) names.add(c.name);
  }
  return names;
}

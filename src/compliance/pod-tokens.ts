import type { ContainerRef, IndexedObject, ManifestIndex, PodSpecRef } from './manifest-index';
import { ApiAudiences } from '../k8s/api-audiences';
import { KubeletPaths } from '../k8s/kubelet-paths';
import { TokenLifetime } from '../k8s/token-lifetime';

/**
 * The token model: for each container of a pod, whether it holds an API-server token and how.
 * Every token rule and the access report read it, so they cannot disagree about who holds what.
 *
 * Kubernetes facts it follows:
 * - automount: the pod's `automountServiceAccountToken` wins, then the ServiceAccount's, then
 *   `true`; the ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go,
 *   `mountServiceAccountToken`) mounts the `kube-api-access-*` volume into every init and regular
 *   container that has no mount of its own at `/var/run/secrets/kubernetes.io/serviceaccount`,
 *   never into ephemeral containers (added later through a subresource). That volume asks for
 *   3607 s, which the API server extends to a year;
 * - a projected `serviceAccountToken` reaches the containers that mount its volume (a `subPath`
 *   mount sees only that file or directory);
 * - a host path on the kubelet's pod directory (directly, or through a claim bound to a hostPath
 *   or local PersistentVolume of the input) holds the token of every pod on the node;
 * - containers that share a process namespace read each other's files through `/proc/<pid>/root`
 *   (when they run as the same user, or with CAP_SYS_PTRACE: manifests cannot always tell, so it
 *   counts): every container with `shareProcessNamespace: true`, and an ephemeral container with
 *   its `targetContainerName`. Only containers that run at the same time can: a run-to-completion
 *   init container runs alone, beside the sidecars started before it.
 */

/** An empty list shared by every container that holds nothing. */
const NONE: readonly never[] = Object.freeze([]);

/** The automount holding, one object for every container. */
const AUTOMOUNT: TokenHolding = Object.freeze({ via: 'automount' });

/** Where the automounted token is mounted; a container with its own mount there gets no automounted token. */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How a container runs: init (to completion, before the others), sidecar (init with restartPolicy Always), regular, ephemeral. */
export type ContainerRole = 'init' | 'sidecar' | 'regular' | 'ephemeral';

/** A projected `serviceAccountToken` source in one of the pod's volumes. */
export interface ProjectedTokenRef {
  readonly volumeName: string;
  readonly source: any;
  /** JSON pointer from the owner's root to the `serviceAccountToken` object. */
  readonly path: string;
  /** The audience as written, when it is a non-empty string. */
  readonly audience?: string;
  /** True when the API server accepts the token (no audience, or one of the API server's own). */
  readonly apiServer: boolean;
  /** The lifetime Kubernetes gives it before any extension (`expirationSeconds`, default 3600). */
  readonly expirationSeconds: unknown;
}

/** A `ProjectedTokenRef` whose JSON pointer is built on first read (most tokens get no finding). */
class ProjectedToken implements ProjectedTokenRef {
  public readonly audience?: string;
  public readonly apiServer: boolean;
  public readonly expirationSeconds: unknown;
  private pointer?: string;

  constructor(
    public readonly volumeName: string,
    public readonly source: any,
    private readonly podPath: string,
    private readonly volumePosition: number,
    private readonly sourcePosition: number,
  ) {
    const audience = source.audience;
    if (typeof audience === 'string' && audience !== '') this.audience = audience;
    this.apiServer = ApiAudiences.isApiServer(audience);
    const ttl = source.expirationSeconds;
    this.expirationSeconds = ttl === undefined || ttl === null ? TokenLifetime.DEFAULT_SECONDS : ttl;
  }

  public get path(): string {
    return this.pointer ??= `${this.podPath}/volumes/${this.volumePosition}/projected/sources/${this.sourcePosition}/serviceAccountToken`;
  }
}

/** A pod volume whose host path exposes the kubelet's pod directory. */
export interface KubeletDirVolume {
  readonly volumeName: string;
  /** Position in the pod's `volumes`. */
  readonly position: number;
  /** The host path (the PersistentVolume's, when through a claim). */
  readonly hostPath: string;
  /** The claim and PersistentVolume it goes through, when not a `hostPath` volume of the pod. */
  readonly claim?: string;
  readonly persistentVolume?: string;
}

/** One way a container holds a token. */
export type TokenHolding =
  /** The automounted `kube-api-access-*` volume (API server audience, 3607 s extended to a year). */
  | { readonly via: 'automount' }
  /** A projected serviceAccountToken volume it mounts. */
  | { readonly via: 'projected'; readonly token: ProjectedTokenRef }
  /** A host path on the kubelet's pod directory: the tokens of every pod on the node. */
  | { readonly via: 'kubelet-pods-dir'; readonly volume: KubeletDirVolume }
  /** Another container's token, read through a shared process namespace. */
  | { readonly via: 'process-namespace'; readonly from: string; readonly through: 'shareProcessNamespace' | 'targetContainerName' };

/** What one container holds. */
export interface ContainerTokens {
  readonly container: ContainerRef;
  readonly role: ContainerRole;
  /** Every way it holds an API-server token; empty when it holds none. */
  readonly apiTokens: readonly TokenHolding[];
  /** The projected tokens it mounts for other audiences (not API credentials). */
  readonly otherTokens: readonly ProjectedTokenRef[];
}

/** The token model of one pod. */
export interface PodTokens {
  /** True when Kubernetes automounts the API token into the pod. */
  readonly automounted: boolean;
  /** Every projected serviceAccountToken source of the pod's volumes. */
  readonly projected: readonly ProjectedTokenRef[];
  /** The pod's volumes that expose the kubelet's pod directory. */
  readonly kubeletDirVolumes: readonly KubeletDirVolume[];
  /** Each container, in pod order (init, regular, ephemeral). */
  readonly containers: readonly ContainerTokens[];
}

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

/** True when the API server accepts the token (no audience, or one of the API server's own: `ApiAudiences`). */
export function isApiServerAudience(token: ProjectedTokenRef): boolean {
  return token.apiServer;
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

/** The role of a container in its pod. */
export function roleOf(container: ContainerRef): ContainerRole {
  if (container.kind === 'ephemeralContainers') return 'ephemeral';
  if (container.kind === 'containers') return 'regular';
  return container.container.restartPolicy === 'Always' ? 'sidecar' : 'init';
}

/** How a message names a container: `init container 'migrate'`, `sidecar 'proxy'`, `container 'app'`. */
export function describeRole(container: ContainerTokens): string {
  const label = { init: 'init container', sidecar: 'sidecar', regular: 'container', ephemeral: 'ephemeral container' }[container.role];
  return `${label} '${container.container.name}'`;
}

/** How many pods' token models are kept (several chunks of `RuleRunner`'s 64 pods). */
const RECENT_PODS = 256;

/** The token model of pods, computed once per pod (and again only if asked again long after). */
export class PodTokenModel {
  /**
   * What each container of the pod holds. The models of the last `RECENT_PODS` pods are kept: the
   * rules that read them judge the same chunk of pods one after the other (`RuleRunner`), and a
   * model kept for every pod of a large input is memory that outlives the run's young generation.
   */
  public static of(pod: PodSpecRef, index: ManifestIndex): PodTokens {
    const recent = index.memo('pod-tokens', () => new Map<PodSpecRef, PodTokens>());
    let model = recent.get(pod);
    if (!model) {
      if (recent.size >= RECENT_PODS) recent.delete(recent.keys().next().value!);
      recent.set(pod, model = PodTokenModel.build(pod, index));
    }
    return model;
  }

  /** The containers that hold an API-server token (any way). */
  public static holders(model: PodTokens): ContainerTokens[] {
    return model.containers.filter((c) => c.apiTokens.length > 0);
  }

  /**
   * The pod's volumes that expose the kubelet's pod directory: `hostPath` volumes on it, and
   * claims bound to a hostPath or local PersistentVolume of the input on it.
   */
  public static kubeletDirVolumes(pod: PodSpecRef, index: ManifestIndex): KubeletDirVolume[] {
    const found: KubeletDirVolume[] = [];
    const volumes = pod.spec.volumes;
    if (!Array.isArray(volumes)) return found;
    volumes.forEach((volume: any, position: number) => {
      if (volume === null || typeof volume !== 'object') return;
      const volumeName = String(volume.name ?? `#${position}`);
      const hostPath = volume.hostPath?.path;
      if (KubeletPaths.exposesPodTokens(hostPath)) found.push({ volumeName, position, hostPath });
      const claim = volume.persistentVolumeClaim?.claimName;
      if (typeof claim !== 'string') return;
      const pv = boundVolume(index, pod.owner.namespace ?? index.defaultNamespace, claim);
      const pvPath = pv ? hostPathOfVolume(pv.manifest) : undefined;
      if (pv && pvPath !== undefined && KubeletPaths.exposesPodTokens(pvPath)) {
        found.push({ volumeName, position, hostPath: pvPath, claim, persistentVolume: pv.manifest.metadata.name });
      }
    });
    return found;
  }

  private static build(pod: PodSpecRef, index: ManifestIndex): PodTokens {
    const automounted = isAutomounted(pod, index);
    const projected = projectedTokens(pod);
    const kubeletDirVolumes = PodTokenModel.kubeletDirVolumes(pod, index);
    const direct = pod.containers.map((container): ContainerTokens => {
      const role = roleOf(container);
      // Lists are made only when something is found: most containers of a large input hold nothing.
      let apiTokens: TokenHolding[] | undefined;
      let otherTokens: ProjectedTokenRef[] | undefined;
      const mounts: any[] = Array.isArray(container.container.volumeMounts) ? container.container.volumeMounts : NONE;
      if (automounted && role !== 'ephemeral' && !mounts.some((m) => m?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH || m?.mountPath === `${SERVICE_ACCOUNT_MOUNT_PATH}/`)) {
        (apiTokens ??= []).push(AUTOMOUNT);
      }
      for (const token of projected) {
        if (!mounts.some((m) => m?.name === token.volumeName && mountSeesToken(m, token))) continue;
        if (token.apiServer) (apiTokens ??= []).push({ via: 'projected', token });
        else (otherTokens ??= []).push(token);
      }
      for (const volume of kubeletDirVolumes) {
        if (mounts.some((m) => m?.name === volume.volumeName && mountExposesPodDir(m, volume.hostPath))) (apiTokens ??= []).push({ via: 'kubelet-pods-dir', volume });
      }
      return { container, role, apiTokens: apiTokens ?? NONE, otherTokens: otherTokens ?? NONE };
    });
    const shared = pod.spec.shareProcessNamespace === true;
    // Most pods share no process namespace: nothing is read from another container.
    if (!shared && !direct.some((c) => c.role === 'ephemeral' && typeof c.container.container.targetContainerName === 'string')) {
      return { automounted, projected, kubeletDirVolumes, containers: direct };
    }
    const containers: ContainerTokens[] = direct.map((reader, r) => {
      const read: TokenHolding[] = [];
      const target = reader.role === 'ephemeral' ? reader.container.container.targetContainerName : undefined;
      direct.forEach((holder, h) => {
        if (h === r || holder.apiTokens.length === 0) return;
        const targeted = typeof target === 'string' && holder.container.name === target;
        if (!targeted && !(shared && coexist(reader, r, holder, h))) return;
        read.push({ via: 'process-namespace', from: holder.container.name, through: targeted && !shared ? 'targetContainerName' : 'shareProcessNamespace' });
      });
      return read.length === 0 ? reader : { ...reader, apiTokens: [...reader.apiTokens, ...read] };
    });
    return { automounted, projected, kubeletDirVolumes, containers };
  }

  private constructor() {}
}

/** True when a mount of a projected volume shows the token file (a `subPath` mount shows only that file or directory). */
function mountSeesToken(mount: any, token: ProjectedTokenRef): boolean {
  if (typeof mount.subPathExpr === 'string' && mount.subPathExpr !== '') return true;
  const subPath = mount.subPath;
  if (typeof subPath !== 'string' || subPath === '') return true;
  const file = String(token.source.path ?? '');
  const dir = subPath.replace(/\/+$/, '');
  return file === dir || file.startsWith(`${dir}/`);
}

/** True when a mount of a host path volume exposes the kubelet's pod directory (its `subPath` may narrow it). */
function mountExposesPodDir(mount: any, hostPath: string): boolean {
  if (typeof mount.subPathExpr === 'string' && mount.subPathExpr !== '') return true;
  return KubeletPaths.exposesPodTokens(KubeletPaths.withSubPath(hostPath, mount.subPath));
}

/** Positions in container order: init containers run one after the other, sidecars keep running. */
function coexist(a: ContainerTokens, aAt: number, b: ContainerTokens, bAt: number): boolean {
  const running = (c: ContainerTokens) => c.role === 'regular' || c.role === 'ephemeral';
  if (running(a) && running(b)) return true;
  if (a.role === 'init' && b.role === 'init') return false;
  if (a.role === 'sidecar' && b.role === 'sidecar') return true;
  // One of them is a sidecar or an init container: a sidecar runs beside everything started after it;
  // a run-to-completion init container runs beside the sidecars started before it, and nothing else.
  if (a.role === 'sidecar') return running(b) || bAt > aAt;
  if (b.role === 'sidecar') return running(a) || aAt > bAt;
  return false;
}

/** The host path of a hostPath or local PersistentVolume. */
function hostPathOfVolume(pv: any): string | undefined {
  const path = pv.spec?.hostPath?.path ?? pv.spec?.local?.path;
  return typeof path === 'string' ? path : undefined;
}

/** The PersistentVolume of the input bound to a claim: the claim's `volumeName`, else a volume whose `claimRef` names the claim. */
function boundVolume(index: ManifestIndex, namespace: string, claim: string): IndexedObject | undefined {
  const volumeName = index.get('PersistentVolumeClaim', namespace, claim)?.manifest.spec?.volumeName;
  if (typeof volumeName === 'string') {
    const pv = index.get('PersistentVolume', undefined, volumeName);
    if (pv) return pv;
  }
  const byClaim = index.memo('persistent-volumes-by-claim', () => {
    const map = new Map<string, IndexedObject>();
    for (const pv of index.ofKind('PersistentVolume')) {
      const ref = pv.manifest.spec?.claimRef;
      if (ref === null || typeof ref !== 'object' || typeof ref.name !== 'string') continue;
      map.set(`${typeof ref.namespace === 'string' ? ref.namespace : index.defaultNamespace}/${ref.name}`, pv);
    }
    return map;
  });
  return byClaim.get(`${namespace}/${claim}`);
}

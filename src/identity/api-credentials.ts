import type { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { projectedVolume } from './projected-volume';
import { tokenExpirationSeconds } from './token-expiration';
import { PropertyError } from '../errors';
import { Automount } from '../k8s/automount';
import { KubernetesNames } from '../k8s/names';

/** Options for `ApiCredentials`. */
export interface ApiCredentialsProps {
  /**
   * Names of the containers (regular or init) that receive the token. Every other container
   * gets nothing. At least one.
   */
  readonly containers: string[];

  /**
   * Lifetime of the token. The kubelet refreshes it at 80% of this; client-go re-reads it every
   * minute. Kubernetes allows 600 s to 2^32 s; 3607 s is refused because the API server silently
   * extends such tokens to one year.
   *
   * @default Duration.hours(1)
   */
  readonly expiration?: Duration;

  /**
   * Audience of the token, for a token meant for another system (Vault, a cloud IAM, ...). When
   * set, only the token is projected (no CA bundle or namespace) at `mountPath`/`fileName`.
   *
   * @default - the API server: a drop-in replacement of the automounted credentials (token,
   * `ca.crt` from ConfigMap `kube-root-ca.crt`, and `namespace`) at
   * `/var/run/secrets/kubernetes.io/serviceaccount`
   */
  readonly audience?: string;

  /**
   * Directory the volume is mounted at (read-only).
   *
   * @default - `/var/run/secrets/kubernetes.io/serviceaccount` for the API server,
   * `/var/run/secrets/tokens/<volumeName>` for another audience
   */
  readonly mountPath?: string;

  /**
   * File name of the token inside `mountPath`.
   *
   * @default 'token'
   */
  readonly fileName?: string;

  /**
   * Name of the pod volume.
   *
   * @default - `api-credentials` for the API server, `token-<audience as a DNS label>` otherwise
   */
  readonly volumeName?: string;
}

const TYPE = 'ApiCredentials';

/**
 * A projected, short-lived ServiceAccount token mounted read-only into the named containers of
 * a cdk8s-plus workload (Deployment, StatefulSet, Job, Pod, ...), instead of
 * `automountServiceAccountToken: true`, which hands a token to every container.
 *
 * Without `audience` it reproduces exactly what automount gives in-cluster clients: the token
 * (`token`), the cluster CA (`ca.crt` from ConfigMap `kube-root-ca.crt`) and the namespace
 * (`namespace`, from the downward API) at `/var/run/secrets/kubernetes.io/serviceaccount`.
 */
export class ApiCredentials extends Construct {
  /** Where automount puts the API credentials; in-cluster clients (client-go, ...) read them here. */
  public static readonly SERVICE_ACCOUNT_MOUNT_PATH: string = Automount.MOUNT_PATH;

  private static defaultVolumeName(audience: string | undefined): string {
    if (audience === undefined) return 'api-credentials';
    const label = audience.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return `token-${label}`.slice(0, 63).replace(/-+$/, '');
  }

  /** The projected volume added to the pod. */
  public readonly volume: kplus.Volume;
  /** Directory the volume is mounted at. */
  public readonly mountPath: string;
  /** Full path of the token file inside the containers. */
  public readonly tokenPath: string;
  /** Token lifetime in seconds, as written to `expirationSeconds`. */
  public readonly expirationSeconds: number;
  /** The audience, or `undefined` for the API server. */
  public readonly audience?: string;
  /** Names of the containers that receive the token. */
  public readonly containers: string[];

  /**
   * @param workload the cdk8s-plus workload whose pod gets the volume
   * @param id construct id
   * @param props which containers, lifetime and audience
   */
  constructor(workload: kplus.AbstractPod, id: string, props: ApiCredentialsProps) {
    super(workload, id);
    if (workload.automountServiceAccountToken) {
      throw new PropertyError(TYPE, this, 'automountServiceAccountToken', 'of the workload is true: every container already gets a long-lived token. Set it to false; projected credentials replace it');
    }
    this.expirationSeconds = tokenExpirationSeconds(TYPE, this, 'expiration', props.expiration);
    if (props.audience !== undefined && props.audience.trim() === '') {
      throw new PropertyError(TYPE, this, 'audience', `'${props.audience}' is empty (allowed: a non-empty audience such as 'vault' or 'sts.amazonaws.com'; omit it for the API server)`);
    }
    this.audience = props.audience;
    const fileName = props.fileName ?? 'token';
    if (fileName === '' || fileName.includes('/') || fileName.startsWith('..')) {
      throw new PropertyError(TYPE, this, 'fileName', `'${fileName}' is not a plain file name (allowed: a non-empty name without '/' that does not start with '..')`);
    }
    const volumeName = props.volumeName ?? ApiCredentials.defaultVolumeName(props.audience);
    const nameProblem = KubernetesNames.dnsLabelProblem(volumeName);
    if (nameProblem) throw new PropertyError(TYPE, this, 'volumeName', nameProblem);
    if (volumeName.startsWith(Automount.RESERVED_VOLUME_PREFIX)) {
      throw new PropertyError(TYPE, this, 'volumeName', `'${volumeName}' is reserved: the kubelet's automount uses '${Automount.RESERVED_VOLUME_PREFIX}*'`);
    }
    this.mountPath = props.mountPath ?? (props.audience === undefined ? ApiCredentials.SERVICE_ACCOUNT_MOUNT_PATH : `/var/run/secrets/tokens/${volumeName}`);
    if (!this.mountPath.startsWith('/')) {
      throw new PropertyError(TYPE, this, 'mountPath', `'${this.mountPath}' is not an absolute path`);
    }
    this.tokenPath = `${this.mountPath.replace(/\/+$/, '')}/${fileName}`;

    const targets = this.resolveContainers(workload, props.containers);
    this.ensureNoClash(workload, volumeName, targets);
    this.containers = targets.map(c => c.name);

    const token = { path: fileName, expirationSeconds: this.expirationSeconds, audience: props.audience };
    const sources = props.audience === undefined
      ? [
        { serviceAccountToken: token },
        { configMap: { name: Automount.CA_CONFIG_MAP, items: [{ key: Automount.CA_KEY, path: Automount.CA_FILE }] } },
        { downwardApi: { items: [{ path: Automount.NAMESPACE_FILE, fieldRef: { apiVersion: 'v1', fieldPath: Automount.NAMESPACE_FIELD } }] } },
      ]
      : [{ serviceAccountToken: token }];
    this.volume = projectedVolume(this, 'Volume', volumeName, { sources });
    for (const container of targets) {
      container.mount(this.mountPath, this.volume, { readOnly: true });
    }
  }

  private resolveContainers(workload: kplus.AbstractPod, names: string[]): kplus.Container[] {
    if (names.length === 0) {
      throw new PropertyError(TYPE, this, 'containers', 'is empty (allowed: the names of one or more containers of the pod that need the token)');
    }
    const all = [...workload.initContainers, ...workload.containers];
    const seen = new Set<string>();
    return names.map(name => {
      if (seen.has(name)) {
        throw new PropertyError(TYPE, this, 'containers', `names '${name}' twice`);
      }
      seen.add(name);
      const container = all.find(c => c.name === name);
      if (!container) {
        const known = all.map(c => `'${c.name}'`).join(', ') || 'none';
        throw new PropertyError(TYPE, this, 'containers', `names '${name}', which is not a container of the pod (containers: ${known}). Add the container before granting it API access`);
      }
      return container;
    });
  }

  private ensureNoClash(workload: kplus.AbstractPod, volumeName: string, targets: kplus.Container[]) {
    const all = [...workload.initContainers, ...workload.containers];
    const volumeNames = new Set<string>([
      ...workload.volumes.map(v => v.name),
      ...all.flatMap(c => c.mounts.map(m => m.volume.name)),
    ]);
    if (volumeNames.has(volumeName)) {
      throw new PropertyError(TYPE, this, 'volumeName', `'${volumeName}' is already a volume of the pod (choose another volumeName)`);
    }
    for (const container of targets) {
      const clash = container.mounts.find(m => m.path.replace(/\/+$/, '') === this.mountPath.replace(/\/+$/, ''));
      if (clash) {
        throw new PropertyError(TYPE, this, 'mountPath', `'${this.mountPath}' is already mounted in container '${container.name}' (volume '${clash.volume.name}'); choose another mountPath`);
      }
    }
  }
}

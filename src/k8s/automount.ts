/**
 * What the API server's ServiceAccount admission plugin gives a pod when the token is automounted,
 * and therefore what an explicit replacement must reproduce for in-cluster clients (client-go,
 * controller-runtime, ...) to work unchanged. Source: kubernetes/kubernetes
 * plugin/pkg/admission/serviceaccount/admission.go (`mountServiceAccountToken`,
 * `TokenVolumeSource`, `DefaultAPITokenMountPath`), unchanged from 1.22 to 1.33.
 */

/** A volume mount as the fact needs it (a container's `volumeMounts` entry). */
interface MountLike {
  readonly mountPath?: unknown;
}

export const Automount = {
  /** Where in-cluster clients read the credentials (`DefaultAPITokenMountPath`). */
  MOUNT_PATH: '/var/run/secrets/kubernetes.io/serviceaccount',
  /** The token file inside the mount. */
  TOKEN_FILE: 'token',
  /** The ConfigMap every namespace holds with the cluster CA, its key, and the file it becomes. */
  CA_CONFIG_MAP: 'kube-root-ca.crt',
  CA_KEY: 'ca.crt',
  CA_FILE: 'ca.crt',
  /** The namespace file, from the downward API. */
  NAMESPACE_FILE: 'namespace',
  NAMESPACE_FIELD: 'metadata.namespace',
  /**
   * The prefix of the volume the plugin adds (`kube-api-access-<random>`): a pod volume with this
   * prefix is taken for the automount volume by the plugin, so never name a volume of ours so.
   */
  RESERVED_VOLUME_PREFIX: 'kube-api-access-',

  /**
   * The projected sources of the credentials (Kubernetes field names, `downwardAPI`): the token
   * with this lifetime, the cluster CA and the namespace.
   */
  sources(expirationSeconds: number): Array<Record<string, unknown>> {
    return [
      { serviceAccountToken: { path: Automount.TOKEN_FILE, expirationSeconds } },
      { configMap: { name: Automount.CA_CONFIG_MAP, items: [{ key: Automount.CA_KEY, path: Automount.CA_FILE }] } },
      { downwardAPI: { items: [{ path: Automount.NAMESPACE_FILE, fieldRef: { apiVersion: 'v1', fieldPath: Automount.NAMESPACE_FIELD } }] } },
    ];
  },

  /**
   * True when automount puts the token into this container: the plugin mounts it into every init
   * and regular container (never an ephemeral one) that has no mount at `MOUNT_PATH` yet (the
   * path compared exactly, as the plugin does).
   */
  reaches(kind: 'initContainers' | 'containers' | 'ephemeralContainers', volumeMounts: unknown): boolean {
    if (kind === 'ephemeralContainers') return false;
    if (!Array.isArray(volumeMounts)) return true;
    return !volumeMounts.some((m: MountLike | null) => m !== null && typeof m === 'object' && m.mountPath === Automount.MOUNT_PATH);
  },
} as const;

import { JsonPointer } from '../../../k8s/json-pointer';
import { KubeletPaths, KUBELET_PODS_DIR } from '../../../k8s/kubelet-paths';
import type { IndexedObject } from '../../manifest-index';
import { PodTokenModel } from '../../pod-tokens';
import type { PodViolation, Rule, Violation } from '../../rule';
import { CredentialValues } from '../credential-values';
import { EXAMPLE_NAMESPACE } from '../examples';

/** Secrets of this type are `token/legacy-token-secret`'s. */
const LEGACY_TOKEN_TYPE = 'kubernetes.io/service-account-token';

/** The fields of a Secret or ConfigMap that hold values, and whether they are base64. */
const VALUE_FIELDS: Readonly<Record<string, ReadonlyArray<{ readonly field: string; readonly base64: boolean }>>> = {
  Secret: [{ field: 'data', base64: true }, { field: 'stringData', base64: false }],
  ConfigMap: [{ field: 'data', base64: false }, { field: 'binaryData', base64: true }],
};

/**
 * `token/credentials-at-rest`: no standing API credential in the input. A Secret or ConfigMap
 * value that is a JWT bearer token or a kubeconfig with a token or client key, and a host path
 * (a PersistentVolume's, or a pod volume's) on the kubelet's pod directory, where every pod's
 * token lies, are credentials that outlive any pod. Messages name the key and what the value is,
 * never the value.
 */
export const CREDENTIALS_AT_REST: Rule = {
  id: 'token/credentials-at-rest',
  title: 'No standing credential at rest: no bearer token or kubeconfig in a Secret or ConfigMap, no host path on the kubelet\'s pod directory',
  defaultSeverity: 'error',
  rationale: 'A JWT (a ServiceAccount token copied out of a pod, a CI token) or a kubeconfig with a token or client key stored in a Secret or ConfigMap works for whoever can read the object, for as long as it is valid, often forever; a ConfigMap is readable by far more identities than a Secret. '
    + `A host path on ${KUBELET_PODS_DIR} or one of its parents (a pod volume, or a hostPath or local PersistentVolume behind an innocent-looking claim) exposes the projected token of every pod on the node.`,
  remediation: 'Remove the stored credential: pods get short-lived projected tokens, people and CI get tokens from the TokenRequest API (kubectl create token) or an exec credential plugin in their kubeconfig. '
    + `Mount only the host directory the workload needs, never ${KUBELET_PODS_DIR} or a parent of it.`,
  references: ['Kubescape C-0012 (credentials in configuration files)', 'none for the kubelet pod directory: no peer checks it'],
  examples: {
    failing: [{
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'ci-deployer', namespace: EXAMPLE_NAMESPACE },
      type: 'Opaque',
      stringData: {
        kubeconfig: [
          'apiVersion: v1', 'kind: Config',
          'clusters: [{ name: prod, cluster: { server: "https://203.0.113.10:6443" } }]',
          'users: [{ name: deployer, user: { token: "not-a-real-token" } }]',
          'contexts: [{ name: prod, context: { cluster: prod, user: deployer } }]',
        ].join('\n'),
      },
    }],
    passing: [{
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'ci-deployer', namespace: EXAMPLE_NAMESPACE },
      type: 'Opaque',
      stringData: {
        kubeconfig: [
          'apiVersion: v1', 'kind: Config',
          'clusters: [{ name: prod, cluster: { server: "https://203.0.113.10:6443" } }]',
          'users: [{ name: deployer, user: { exec: { apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token] } } }]',
          'contexts: [{ name: prod, context: { cluster: prod, user: deployer } }]',
        ].join('\n'),
      },
    }],
  },
  check(index) {
    const violations: Violation[] = [];
    for (const kind of Object.keys(VALUE_FIELDS)) {
      for (const object of index.ofKind(kind)) violations.push(...storedCredentials(object, kind));
    }
    for (const pv of index.ofKind('PersistentVolume')) {
      for (const source of ['hostPath', 'local']) {
        const path = pv.manifest.spec?.[source]?.path;
        if (!KubeletPaths.exposesPodTokens(path)) continue;
        violations.push({
          objectIndex: pv.index,
          path: `/spec/${source}/path`,
          message: `The PersistentVolume's ${source} path ${path} exposes the kubelet's pod directory (${KUBELET_PODS_DIR}): any claim bound to it reads the token of every pod on the node.`,
        });
      }
    }
    return violations;
  },
  checkPod(pod, { index }) {
    const violations: PodViolation[] = [];
    for (const volume of PodTokenModel.kubeletDirVolumes(pod, index)) {
      const where = `${pod.path}/volumes/${volume.position}`;
      violations.push(volume.claim === undefined
        ? {
          path: `${where}/hostPath/path`,
          target: volume.volumeName,
          message: `Volume '${volume.volumeName}' mounts host path ${volume.hostPath}, which exposes the kubelet's pod directory (${KUBELET_PODS_DIR}) and the token of every pod on the node.`,
        }
        : {
          path: `${where}/persistentVolumeClaim/claimName`,
          target: volume.volumeName,
          message: `Volume '${volume.volumeName}' uses claim '${volume.claim}', bound to PersistentVolume '${volume.persistentVolume}' on host path ${volume.hostPath}, which exposes the kubelet's pod directory (${KUBELET_PODS_DIR}) and the token of every pod on the node.`,
        });
    }
    return violations;
  },
};

/** The values of a Secret or ConfigMap that are credentials. */
function storedCredentials(object: IndexedObject, kind: string): Violation[] {
  const m = object.manifest;
  if (kind === 'Secret' && m.type === LEGACY_TOKEN_TYPE) return [];
  const violations: Violation[] = [];
  for (const { field, base64 } of VALUE_FIELDS[kind]) {
    const values = m[field];
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    for (const [key, raw] of Object.entries(values)) {
      const text = base64 ? CredentialValues.decodeBase64(raw) : typeof raw === 'string' ? raw : undefined;
      const found = text === undefined ? undefined : CredentialValues.find(text);
      if (!found) continue;
      violations.push({
        objectIndex: object.index,
        path: `/${field}/${JsonPointer.segment(key)}`,
        target: key,
        message: `The ${kind}'s key '${key}' holds ${found.description}.`,
      });
    }
  }
  return violations;
}

import { projectedTokenVolume, securePodSpec } from '../compliance/helpers';

/**
 * The good and bad manifests of the differential test: the pod specs of the engine's token rule
 * tests (built with the same helpers), plus the edges each rule has, each wrapped in every
 * workload kind the policy matches; and the Secrets of the legacy-token rule.
 *
 * Left out on purpose: values the API server's schema rejects before admission (a string
 * `expirationSeconds`, a `null` field), and custom kinds with `spec.template.spec` (the engine
 * checks them, the policy matches only the built-in workload kinds).
 */

/** The workload kinds the policy matches, and how each wraps a pod spec. */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;
export type WorkloadKind = typeof WORKLOAD_KINDS[number];

const API_VERSIONS: Record<WorkloadKind, string> = {
  Pod: 'v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** A manifest of `kind` whose pod spec is `podSpec`, in namespace `apps`. */
export function workload(kind: WorkloadKind, name: string, podSpec: Record<string, any>, metadata: Record<string, any> = {}): any {
  const base = { apiVersion: API_VERSIONS[kind], kind, metadata: { name, namespace: 'apps', ...metadata } };
  const labels = { app: name };
  const template = { metadata: { labels }, spec: podSpec };
  switch (kind) {
    case 'Pod':
      return { ...base, spec: podSpec };
    case 'CronJob':
      return { ...base, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template } } } };
    case 'Job':
      return { ...base, spec: { template } };
    case 'ReplicationController':
      return { ...base, spec: { selector: labels, template } };
    case 'StatefulSet':
      return { ...base, spec: { serviceName: name, selector: { matchLabels: labels }, template } };
    default:
      return { ...base, spec: { selector: { matchLabels: labels }, template } };
  }
}

function without(spec: Record<string, any>, ...keys: string[]): Record<string, any> {
  const copy = { ...spec };
  for (const key of keys) delete copy[key];
  return copy;
}

function withToken(token: Record<string, unknown>): Record<string, any> {
  return securePodSpec({ volumes: [{ name: 'cfg', configMap: { name: 'x' } }, projectedTokenVolume('api-token', token)] });
}

/** What the ServiceAccount admission plugin injects when the token is automounted. */
const INJECTED_KUBE_API_ACCESS = {
  name: 'kube-api-access-abcde',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

/** Pod specs with a name that says what they test. */
export const POD_SPEC_CASES: ReadonlyArray<readonly [string, Record<string, any>]> = [
  ['secure', securePodSpec()],
  ['automount unset', without(securePodSpec(), 'automountServiceAccountToken')],
  ['automount true', securePodSpec({ automountServiceAccountToken: true })],
  ['serviceAccountName unset', without(securePodSpec(), 'serviceAccountName')],
  ['serviceAccountName default', securePodSpec({ serviceAccountName: 'default' })],
  ['serviceAccountName empty', securePodSpec({ serviceAccountName: '' })],
  ['deprecated serviceAccount default', without(securePodSpec({ serviceAccount: 'default' }), 'serviceAccountName')],
  ['deprecated serviceAccount web', without(securePodSpec({ serviceAccount: 'web' }), 'serviceAccountName')],
  ['empty serviceAccountName, serviceAccount web', securePodSpec({ serviceAccountName: '', serviceAccount: 'web' })],
  ['token 600', withToken({ expirationSeconds: 600 })],
  ['token 1800', withToken({ expirationSeconds: 1800 })],
  ['token 3600', withToken({ expirationSeconds: 3600 })],
  ['token unset', withToken({})],
  ['token 599', withToken({ expirationSeconds: 599 })],
  ['token 3601', withToken({ expirationSeconds: 3601 })],
  ['token 3607', withToken({ expirationSeconds: 3607 })],
  ['token 7200', withToken({ expirationSeconds: 7200 })],
  ['token 7201', withToken({ expirationSeconds: 7201 })],
  ['token 2^32 for vault', withToken({ audience: 'vault', expirationSeconds: 2 ** 32 })],
  ['projected volume without a token', securePodSpec({ volumes: [{ name: 'info', projected: { sources: [{ configMap: { name: 'x' } }, { downwardAPI: { items: [] } }] } }] })],
  ['two token volumes, the second bad', securePodSpec({ volumes: [projectedTokenVolume('a', { expirationSeconds: 900 }), projectedTokenVolume('b', { expirationSeconds: 3607 })] })],
  ['one volume, two tokens, the second bad', securePodSpec({
    volumes: [{ name: 'tokens', projected: { sources: [{ serviceAccountToken: { path: 'a', expirationSeconds: 900 } }, { serviceAccountToken: { path: 'b', expirationSeconds: 300 } }] } }],
  })],
  ['kube-api-access volume as injected by automount', securePodSpec({ volumes: [INJECTED_KUBE_API_ACCESS] })],
  ['everything wrong', without(securePodSpec({ automountServiceAccountToken: true, volumes: [INJECTED_KUBE_API_ACCESS] }), 'serviceAccountName')],
];

/** Every pod spec case in every workload kind. */
export function workloadCases(): Array<readonly [string, any]> {
  const result: Array<readonly [string, any]> = [];
  for (const kind of WORKLOAD_KINDS) {
    for (const [name, spec] of POD_SPEC_CASES) {
      result.push([`${kind}: ${name}`, workload(kind, name.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), spec)]);
    }
  }
  return result;
}

function secret(name: string, extra: Record<string, any>): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'apps', ...(extra.metadata ?? {}) }, ...without(extra, 'metadata') };
}

/** Secrets and objects the policy does not match. */
export const OTHER_CASES: ReadonlyArray<readonly [string, any]> = [
  ['Secret: legacy token', secret('web-token', { metadata: { annotations: { 'kubernetes.io/service-account.name': 'web' } }, type: 'kubernetes.io/service-account-token' })],
  ['Secret: Opaque', secret('s', { type: 'Opaque', data: { a: 'Yg==' } })],
  ['Secret: no type', secret('s', { stringData: { a: 'b' } })],
  ['Secret: tls', secret('tls', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } })],
  ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'apps' }, data: { type: 'kubernetes.io/service-account-token' } }],
  ['ServiceAccount with automount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'apps' }, automountServiceAccountToken: true }],
];

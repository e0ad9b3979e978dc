import type { Manifest } from '../../src/k8s/manifest';

/**
 * Objects in the shapes upstream installs ship them: namespace-less (applied with `kubectl apply
 * -n`), automount left unset, one operator account with permissions.
 */

export function account(name: string, extra: Record<string, unknown> = {}): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, ...extra };
}

/** A ClusterRole with one rule and its ClusterRoleBinding to the account `name` in `namespace`. */
export function clusterGrant(name: string, namespace: string, resources: string[] = ['configmaps']): Manifest[] {
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources, verbs: ['get', 'list', 'watch'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
}

/** A Role (leases) and a RoleBinding whose ServiceAccount subject names no namespace (the binding's). */
export function namespacedGrant(name: string): Manifest[] {
  return [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name }, rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name }],
    },
  ];
}

export function container(name: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return { name, image: `registry.example.com/${name}:1.0.0`, ...extra };
}

/** A workload of `kind` around a pod spec, at the path the kind keeps it. */
export function workload(kind: string, name: string, podSpec: Record<string, unknown>): Manifest {
  const template = { metadata: { labels: { app: name } }, spec: podSpec };
  const selector = { matchLabels: { app: name } };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { name }, spec: podSpec };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { template } };
    case 'StatefulSet':
      return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { serviceName: name, selector, template } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { selector, template } };
  }
}

/** The pod spec of a workload built by `workload`. */
export function podSpecOf(manifest: Manifest): any {
  if (manifest.kind === 'Pod') return manifest.spec;
  if (manifest.kind === 'CronJob') return manifest.spec.jobTemplate.spec.template.spec;
  return manifest.spec.template.spec;
}

/** A projected API token volume (the automount shape) with this lifetime (omitted when undefined). */
export function tokenVolume(name: string, expirationSeconds?: number, audience?: string): Record<string, any> {
  const token: Record<string, unknown> = { path: 'token' };
  if (expirationSeconds !== undefined) token.expirationSeconds = expirationSeconds;
  if (audience !== undefined) token.audience = audience;
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: token },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ],
    },
  };
}

export function tokenMount(volume: string, mountPath = '/var/run/secrets/kubernetes.io/serviceaccount'): Record<string, any> {
  return { name: volume, mountPath, readOnly: true };
}

/** The names of the containers (any list) that mount an API-audience projected token after hardening. */
export function tokenHolders(podSpec: any): string[] {
  const apiVolumes = new Set((podSpec.volumes ?? [])
    .filter((v: any) => (v.projected?.sources ?? []).some((s: any) => s.serviceAccountToken && !s.serviceAccountToken.audience))
    .map((v: any) => v.name));
  const automount = podSpec.automountServiceAccountToken !== false;
  return [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]
    .filter((c: any) => automount || (c.volumeMounts ?? []).some((m: any) => apiVolumes.has(m.name)))
    .map((c: any) => c.name);
}

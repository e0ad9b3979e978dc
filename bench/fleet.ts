import type { Manifest } from '../src/k8s/manifest';

/**
 * Realistic, RBAC-heavy manifests for the engine and CLI benchmarks, generated (never
 * committed). The fleet is a set of team namespaces; each team has services (a workload, its
 * ServiceAccount, Service, ConfigMap, Role and RoleBinding), RoleBindings to shared and built-in
 * ClusterRoles, and a ClusterRole + ClusterRoleBinding for its operator. Shared ClusterRoles are
 * defined once and bound from every namespace, so cross-object rules (bindings -> roles ->
 * ServiceAccounts -> pods) have real work to do. A seeded fraction of the services carries one
 * realistic mistake (a `latest` image, a privileged container, reading Secrets, ...).
 */
export interface FleetOptions {
  /** About how many objects to generate (whole teams are generated, so it may be a few more). */
  readonly objects: number;
  /** Fraction of services with one violation. */
  readonly violatingFraction: number;
  /** PRNG seed: the same seed gives the same manifests. */
  readonly seed?: number;
}

const SERVICES_PER_TEAM = 8;
const SHARED_CLUSTER_ROLES = ['metrics-reader', 'crd-viewer', 'lease-user'];
const DIGEST = '@sha256:' + '4f2d0c6e9a1b3c5d'.repeat(4);

/** The mistakes people make, one per violating service. */
const VIOLATIONS = [
  'latest-image', 'privileged', 'automount-pod', 'secrets-read', 'default-sa-binding',
  'wildcard-role', 'long-token', 'writable-root', 'no-resources', 'host-path',
] as const;
type ViolationKind = typeof VIOLATIONS[number];

export function generateFleet(options: FleetOptions): Manifest[] {
  const random = seededRandom(options.seed ?? 7);
  const objects: Manifest[] = SHARED_CLUSTER_ROLES.map((name) => clusterRole(name, [
    { apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list'] },
  ]));
  for (let team = 0; objects.length < options.objects; team++) {
    const ns = `team-${team}`;
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    for (let s = 0; s < SERVICES_PER_TEAM; s++) {
      const violation = random() < options.violatingFraction ? VIOLATIONS[Math.floor(random() * VIOLATIONS.length)] : undefined;
      objects.push(...service(ns, `svc-${s}`, s, violation));
    }
    // Every namespace binds the shared ClusterRoles (RoleBinding -> ClusterRole) for its services.
    SHARED_CLUSTER_ROLES.forEach((role, i) => objects.push(binding('RoleBinding', ns, `${ns}-${role}`, 'ClusterRole', role,
      [0, 1, 2].map((k) => saSubject(ns, `svc-${(i + k) % SERVICES_PER_TEAM}`)))));
    objects.push(binding('RoleBinding', ns, `${ns}-viewers`, 'ClusterRole', 'view', [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `${ns}-developers` }]));
    // The team's operator watches its custom resources cluster-wide.
    objects.push(clusterRole(`${ns}-operator`, [
      { apiGroups: [`${ns}.example.com`], resources: ['widgets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [`${ns}.example.com`], resources: ['widgets/status'], verbs: ['get', 'update', 'patch'] },
    ]));
    objects.push(binding('ClusterRoleBinding', undefined, `${ns}-operator`, 'ClusterRole', `${ns}-operator`, [saSubject(ns, 'svc-0')]));
  }
  return objects;
}

/** One service: workload, ServiceAccount, Service, ConfigMap, Role, RoleBinding. */
function service(ns: string, name: string, ordinal: number, violation?: ViolationKind): Manifest[] {
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': ns };
  const sa: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, labels }, automountServiceAccountToken: false };
  const rules: any[] = [
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
  ];
  if (violation === 'secrets-read') rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] });
  if (violation === 'wildcard-role') rules.push({ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] });
  const role: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns, labels }, rules };
  const subjects = [saSubject(ns, name)];
  if (violation === 'default-sa-binding') subjects.push(saSubject(ns, 'default'));
  const roleBinding = binding('RoleBinding', ns, name, 'Role', name, subjects);
  const configMap: Manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${name}-config`, namespace: ns, labels },
    data: {
      'LOG_LEVEL': 'info',
      'application.yaml': 'server:\n  port: 8080\nfeatures:\n  cache: true\n  region: eu-west-1\n',
    },
  };
  const svc: Manifest = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels },
    spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  };
  const pod = podTemplate(name, labels, violation, ordinal);
  // Mostly Deployments, some StatefulSets and CronJobs, as in a real fleet.
  let workload: Manifest;
  if (ordinal % 8 === 6) {
    workload = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: ns, labels }, spec: { serviceName: name, replicas: 3, selector: { matchLabels: labels }, template: pod } };
  } else if (ordinal % 8 === 7) {
    workload = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: ns, labels }, spec: { schedule: '*/15 * * * *', jobTemplate: { spec: { template: { ...pod, spec: { ...pod.spec, restartPolicy: 'OnFailure' } } } } } };
  } else {
    workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, labels }, spec: { replicas: 2, selector: { matchLabels: labels }, template: pod } };
  }
  return [sa, configMap, svc, role, roleBinding, workload];
}

/** A restricted pod with a projected API token mounted into the main container only. */
function podTemplate(name: string, labels: Record<string, string>, violation: ViolationKind | undefined, ordinal: number): any {
  const securityContext: any = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const resources: any = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  const main: any = {
    name: 'main',
    image: violation === 'latest-image' ? `registry.example.com/${name}:latest` : `registry.example.com/${name}:1.${ordinal}.0${DIGEST}`,
    imagePullPolicy: 'IfNotPresent',
    args: ['--config=/etc/app/application.yaml', '--leader-elect'],
    env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
    ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
    resources: violation === 'no-resources' ? undefined : resources,
    securityContext: { ...securityContext, privileged: violation === 'privileged', readOnlyRootFilesystem: violation !== 'writable-root' },
    volumeMounts: [
      { name: 'config', mountPath: '/etc/app', readOnly: true },
      { name: 'api-token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ],
  };
  if (main.resources === undefined) delete main.resources;
  const proxy: any = {
    name: 'proxy',
    image: `registry.example.com/envoy:1.29.1${DIGEST}`,
    ports: [{ name: 'https', containerPort: 8443 }],
    resources,
    securityContext,
  };
  const volumes: any[] = [
    { name: 'config', configMap: { name: `${name}-config` } },
    {
      name: 'api-token',
      projected: {
        sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: violation === 'long-token' ? 86400 : 3600 } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    },
  ];
  if (violation === 'host-path') volumes.push({ name: 'logs', hostPath: { path: '/var/log' } });
  const spec: any = {
    serviceAccountName: name,
    securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [main, proxy],
    volumes,
  };
  if (violation !== 'automount-pod') spec.automountServiceAccountToken = false;
  return { metadata: { labels }, spec };
}

function clusterRole(name: string, rules: any[]): Manifest {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', ns: string | undefined, name: string, roleKind: string, roleName: string, subjects: any[]): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: ns === undefined ? { name } : { name, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    subjects,
  };
}

function saSubject(ns: string, name: string): any {
  return { kind: 'ServiceAccount', name, namespace: ns };
}

/** A small seeded PRNG (Park-Miller "minimal standard"), so that every run checks the same input. */
function seededRandom(seed: number): () => number {
  const MODULUS = 2147483647;
  let state = (Math.abs(Math.floor(seed)) % (MODULUS - 1)) + 1;
  return () => {
    state = (state * 48271) % MODULUS;
    return (state - 1) / (MODULUS - 1);
  };
}

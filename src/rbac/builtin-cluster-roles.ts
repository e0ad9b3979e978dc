import type { PolicyRuleJson } from './policy-rule';
import type { Manifest } from '../k8s/manifest';

/**
 * The user-facing ClusterRoles every cluster has (Kubernetes bootstrap policy, 1.28+), as data:
 * `cluster-admin`, and `admin` / `edit` / `view`, which are *aggregated*: their rules are the
 * union of every ClusterRole labelled `rbac.authorization.k8s.io/aggregate-to-<name>: "true"`.
 * The `system:aggregate-to-*` roles carry the well-known rules; `edit` is labelled
 * aggregate-to-admin and `view` aggregate-to-edit, so admin includes edit includes view.
 * Effective access resolves them with the input's own aggregated ClusterRoles (CRD roles that
 * carry the same labels extend them, as in a real cluster).
 */

const AGGREGATE = 'rbac.authorization.k8s.io/aggregate-to-';
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function clusterRole(name: string, options: { labels?: Record<string, string>; aggregateFrom?: string; rules?: PolicyRuleJson[] }): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...options.labels } },
    ...(options.aggregateFrom
      ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGGREGATE}${options.aggregateFrom}`]: 'true' } }] } }
      : {}),
    rules: options.rules ?? [],
  };
}

const VIEW_RULES: PolicyRuleJson[] = [
  {
    apiGroups: [''],
    resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers',
      'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'],
    verbs: READ,
  },
  {
    apiGroups: [''],
    resources: ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status',
      'resourcequotas', 'resourcequotas/status'],
    verbs: READ,
  },
  { apiGroups: [''], resources: ['namespaces'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  {
    apiGroups: ['apps'],
    resources: ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status',
      'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'],
    verbs: READ,
  },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
  { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: READ },
  {
    apiGroups: ['extensions'],
    resources: ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status',
      'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'],
    verbs: READ,
  },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
];

const EDIT_RULES: PolicyRuleJson[] = [
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  {
    apiGroups: [''],
    resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets',
      'serviceaccounts', 'services', 'services/proxy'],
    verbs: WRITE,
  },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  {
    apiGroups: ['apps'],
    resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets',
      'statefulsets/scale'],
    verbs: WRITE,
  },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  {
    apiGroups: ['extensions'],
    resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets',
      'replicasets/scale', 'replicationcontrollers/scale'],
    verbs: WRITE,
  },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL },
];

const ADMIN_RULES: PolicyRuleJson[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: ALL },
];

/** The names of the built-in user-facing ClusterRoles a binding can refer to without defining them. */
export const BUILTIN_CLUSTER_ROLE_NAMES: readonly string[] = ['cluster-admin', 'admin', 'edit', 'view'];

/** The built-in ClusterRoles as manifests, including the `system:aggregate-to-*` roles that feed them. */
export const BUILTIN_CLUSTER_ROLES: readonly Manifest[] = [
  clusterRole('cluster-admin', {
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  }),
  clusterRole('admin', { aggregateFrom: 'admin' }),
  clusterRole('edit', { aggregateFrom: 'edit', labels: { [`${AGGREGATE}admin`]: 'true' } }),
  clusterRole('view', { aggregateFrom: 'view', labels: { [`${AGGREGATE}edit`]: 'true' } }),
  clusterRole('system:aggregate-to-admin', { labels: { [`${AGGREGATE}admin`]: 'true' }, rules: ADMIN_RULES }),
  clusterRole('system:aggregate-to-edit', { labels: { [`${AGGREGATE}edit`]: 'true' }, rules: EDIT_RULES }),
  clusterRole('system:aggregate-to-view', { labels: { [`${AGGREGATE}view`]: 'true' }, rules: VIEW_RULES }),
];

/**
 * The Kubernetes resources the library knows by name: their API group and whether they are
 * cluster-scoped. Users write `deployments` and get `apps`; effective access uses the scope to
 * drop cluster-scoped resources from RoleBindings (a RoleBinding never grants them).
 */
export interface KnownResource {
  readonly resource: string;
  readonly apiGroup: string;
  readonly clusterScoped: boolean;
  /** The kind of its objects (none for `signers`, which are only an RBAC resource). */
  readonly kind?: string;
}

const CLUSTER = true;
const NAMESPACED = false;

const TABLE: ReadonlyArray<[string, string, boolean, string | undefined]> = [
  // core ("")
  ['pods', '', NAMESPACED, 'Pod'], ['services', '', NAMESPACED, 'Service'], ['endpoints', '', NAMESPACED, 'Endpoints'], ['configmaps', '', NAMESPACED, 'ConfigMap'],
  ['secrets', '', NAMESPACED, 'Secret'], ['serviceaccounts', '', NAMESPACED, 'ServiceAccount'], ['persistentvolumeclaims', '', NAMESPACED, 'PersistentVolumeClaim'],
  ['events', '', NAMESPACED, 'Event'], ['replicationcontrollers', '', NAMESPACED, 'ReplicationController'], ['resourcequotas', '', NAMESPACED, 'ResourceQuota'],
  ['limitranges', '', NAMESPACED, 'LimitRange'], ['podtemplates', '', NAMESPACED, 'PodTemplate'],
  ['namespaces', '', CLUSTER, 'Namespace'], ['nodes', '', CLUSTER, 'Node'], ['persistentvolumes', '', CLUSTER, 'PersistentVolume'], ['componentstatuses', '', CLUSTER, 'ComponentStatus'],
  // workloads
  ['deployments', 'apps', NAMESPACED, 'Deployment'], ['statefulsets', 'apps', NAMESPACED, 'StatefulSet'], ['daemonsets', 'apps', NAMESPACED, 'DaemonSet'],
  ['replicasets', 'apps', NAMESPACED, 'ReplicaSet'], ['controllerrevisions', 'apps', NAMESPACED, 'ControllerRevision'],
  ['jobs', 'batch', NAMESPACED, 'Job'], ['cronjobs', 'batch', NAMESPACED, 'CronJob'],
  ['horizontalpodautoscalers', 'autoscaling', NAMESPACED, 'HorizontalPodAutoscaler'],
  ['poddisruptionbudgets', 'policy', NAMESPACED, 'PodDisruptionBudget'],
  // networking and discovery
  ['ingresses', 'networking.k8s.io', NAMESPACED, 'Ingress'], ['networkpolicies', 'networking.k8s.io', NAMESPACED, 'NetworkPolicy'],
  ['ingressclasses', 'networking.k8s.io', CLUSTER, 'IngressClass'], ['endpointslices', 'discovery.k8s.io', NAMESPACED, 'EndpointSlice'],
  // coordination
  ['leases', 'coordination.k8s.io', NAMESPACED, 'Lease'],
  // RBAC
  ['roles', 'rbac.authorization.k8s.io', NAMESPACED, 'Role'], ['rolebindings', 'rbac.authorization.k8s.io', NAMESPACED, 'RoleBinding'],
  ['clusterroles', 'rbac.authorization.k8s.io', CLUSTER, 'ClusterRole'], ['clusterrolebindings', 'rbac.authorization.k8s.io', CLUSTER, 'ClusterRoleBinding'],
  // extension and admission
  ['customresourcedefinitions', 'apiextensions.k8s.io', CLUSTER, 'CustomResourceDefinition'], ['apiservices', 'apiregistration.k8s.io', CLUSTER, 'APIService'],
  ['validatingwebhookconfigurations', 'admissionregistration.k8s.io', CLUSTER, 'ValidatingWebhookConfiguration'],
  ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io', CLUSTER, 'MutatingWebhookConfiguration'],
  ['validatingadmissionpolicies', 'admissionregistration.k8s.io', CLUSTER, 'ValidatingAdmissionPolicy'],
  ['validatingadmissionpolicybindings', 'admissionregistration.k8s.io', CLUSTER, 'ValidatingAdmissionPolicyBinding'],
  // certificates, auth
  ['certificatesigningrequests', 'certificates.k8s.io', CLUSTER, 'CertificateSigningRequest'], ['signers', 'certificates.k8s.io', CLUSTER, undefined],
  ['tokenreviews', 'authentication.k8s.io', CLUSTER, 'TokenReview'], ['subjectaccessreviews', 'authorization.k8s.io', CLUSTER, 'SubjectAccessReview'],
  ['selfsubjectaccessreviews', 'authorization.k8s.io', CLUSTER, 'SelfSubjectAccessReview'], ['localsubjectaccessreviews', 'authorization.k8s.io', NAMESPACED, 'LocalSubjectAccessReview'],
  // storage, scheduling, nodes
  ['storageclasses', 'storage.k8s.io', CLUSTER, 'StorageClass'], ['csidrivers', 'storage.k8s.io', CLUSTER, 'CSIDriver'], ['csinodes', 'storage.k8s.io', CLUSTER, 'CSINode'],
  ['volumeattachments', 'storage.k8s.io', CLUSTER, 'VolumeAttachment'], ['csistoragecapacities', 'storage.k8s.io', NAMESPACED, 'CSIStorageCapacity'],
  ['priorityclasses', 'scheduling.k8s.io', CLUSTER, 'PriorityClass'], ['runtimeclasses', 'node.k8s.io', CLUSTER, 'RuntimeClass'],
];

const BY_NAME = new Map<string, KnownResource>(
  TABLE.map(([resource, apiGroup, clusterScoped, kind]) => {
    const known: KnownResource = kind ? { resource, apiGroup, clusterScoped, kind } : { resource, apiGroup, clusterScoped };
    return [resource, known];
  }),
);
/** Kinds of cluster-scoped objects (by kind alone: no built-in kind is cluster-scoped in one group and namespaced in another). */
const CLUSTER_SCOPED_KINDS = new Set(TABLE.filter(([, , clusterScoped, kind]) => clusterScoped && kind).map(([, , , kind]) => kind!));

/** Lookups in the table of known resources. */
export class KnownResources {
  /** The known resource with this plural name (no subresource), if any. */
  public static byName(resource: string): KnownResource | undefined {
    return BY_NAME.get(resource);
  }

  /** True when `group`/`resource` (subresources too: `nodes/proxy`) is a known cluster-scoped resource. */
  public static isClusterScoped(apiGroup: string, resource: string): boolean {
    const known = BY_NAME.get(resource.split('/')[0]);
    return known !== undefined && known.clusterScoped && (apiGroup === '*' || known.apiGroup === apiGroup);
  }

  /** The known plural a singular or Kind-like name most likely meant (`deployment` -> `deployments`). */
  public static suggestPlural(name: string): string | undefined {
    const lower = name.toLowerCase();
    const candidates = [lower, `${lower}s`, `${lower}es`, lower.replace(/y$/, 'ies')];
    return candidates.find((candidate) => BY_NAME.has(candidate));
  }

  /** True when objects of this built-in kind are cluster-scoped (unknown kinds are not: see `Namespaces`). */
  public static isClusterScopedKind(kind: string): boolean {
    return CLUSTER_SCOPED_KINDS.has(kind);
  }

  /** Every known resource, in table order. */
  public static all(): readonly KnownResource[] {
    return [...BY_NAME.values()];
  }

  private constructor() {}
}

/**
 * The Kubernetes resources the library knows by name: their API group and whether they are
 * cluster-scoped. Users write `deployments` and get `apps`; effective access uses the scope to
 * drop cluster-scoped resources from RoleBindings (a RoleBinding never grants them).
 */
export interface KnownResource {
  readonly resource: string;
  readonly apiGroup: string;
  readonly clusterScoped: boolean;
}

const CLUSTER = true;
const NAMESPACED = false;

const TABLE: ReadonlyArray<[string, string, boolean]> = [
  // core ("")
  ['pods', '', NAMESPACED], ['services', '', NAMESPACED], ['endpoints', '', NAMESPACED], ['configmaps', '', NAMESPACED],
  ['secrets', '', NAMESPACED], ['serviceaccounts', '', NAMESPACED], ['persistentvolumeclaims', '', NAMESPACED],
  ['events', '', NAMESPACED], ['replicationcontrollers', '', NAMESPACED], ['resourcequotas', '', NAMESPACED],
  ['limitranges', '', NAMESPACED], ['podtemplates', '', NAMESPACED],
  ['namespaces', '', CLUSTER], ['nodes', '', CLUSTER], ['persistentvolumes', '', CLUSTER], ['componentstatuses', '', CLUSTER],
  // workloads
  ['deployments', 'apps', NAMESPACED], ['statefulsets', 'apps', NAMESPACED], ['daemonsets', 'apps', NAMESPACED],
  ['replicasets', 'apps', NAMESPACED], ['controllerrevisions', 'apps', NAMESPACED],
  ['jobs', 'batch', NAMESPACED], ['cronjobs', 'batch', NAMESPACED],
  ['horizontalpodautoscalers', 'autoscaling', NAMESPACED],
  ['poddisruptionbudgets', 'policy', NAMESPACED],
  // networking and discovery
  ['ingresses', 'networking.k8s.io', NAMESPACED], ['networkpolicies', 'networking.k8s.io', NAMESPACED],
  ['ingressclasses', 'networking.k8s.io', CLUSTER], ['endpointslices', 'discovery.k8s.io', NAMESPACED],
  // coordination
  ['leases', 'coordination.k8s.io', NAMESPACED],
  // RBAC
  ['roles', 'rbac.authorization.k8s.io', NAMESPACED], ['rolebindings', 'rbac.authorization.k8s.io', NAMESPACED],
  ['clusterroles', 'rbac.authorization.k8s.io', CLUSTER], ['clusterrolebindings', 'rbac.authorization.k8s.io', CLUSTER],
  // extension and admission
  ['customresourcedefinitions', 'apiextensions.k8s.io', CLUSTER], ['apiservices', 'apiregistration.k8s.io', CLUSTER],
  ['validatingwebhookconfigurations', 'admissionregistration.k8s.io', CLUSTER],
  ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io', CLUSTER],
  ['validatingadmissionpolicies', 'admissionregistration.k8s.io', CLUSTER],
  ['validatingadmissionpolicybindings', 'admissionregistration.k8s.io', CLUSTER],
  // certificates, auth
  ['certificatesigningrequests', 'certificates.k8s.io', CLUSTER], ['signers', 'certificates.k8s.io', CLUSTER],
  ['tokenreviews', 'authentication.k8s.io', CLUSTER], ['subjectaccessreviews', 'authorization.k8s.io', CLUSTER],
  ['selfsubjectaccessreviews', 'authorization.k8s.io', CLUSTER], ['localsubjectaccessreviews', 'authorization.k8s.io', NAMESPACED],
  // storage, scheduling, nodes
  ['storageclasses', 'storage.k8s.io', CLUSTER], ['csidrivers', 'storage.k8s.io', CLUSTER], ['csinodes', 'storage.k8s.io', CLUSTER],
  ['volumeattachments', 'storage.k8s.io', CLUSTER], ['csistoragecapacities', 'storage.k8s.io', NAMESPACED],
  ['priorityclasses', 'scheduling.k8s.io', CLUSTER], ['runtimeclasses', 'node.k8s.io', CLUSTER],
];

const BY_NAME = new Map<string, KnownResource>(
  TABLE.map(([resource, apiGroup, clusterScoped]) => [resource, { resource, apiGroup, clusterScoped }]),
);

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

  /** Every known resource, in table order. */
  public static all(): readonly KnownResource[] {
    return [...BY_NAME.values()];
  }

  private constructor() {}
}

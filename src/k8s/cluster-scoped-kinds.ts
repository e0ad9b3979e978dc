/**
 * The built-in kinds that are cluster-scoped (not in a namespace), by API group ('' is the core
 * group). Every other built-in kind is namespaced.
 *
 * Source: Kubernetes v1.32 API discovery, `scope: Cluster` in kubernetes/kubernetes
 * api/discovery/aggregated_v2.json (the same list `kubectl api-resources --namespaced=false`
 * prints), plus the cluster-scoped kinds of alpha and beta groups of v1.30-v1.33 and of removed
 * APIs that old manifests still carry (PodSecurityPolicy, removed in v1.25). Kinds are the same
 * in every version of a group.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlyArray<{ readonly group: string; readonly kinds: readonly string[] }> = [
  { group: '', kinds: ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'] },
  {
    group: 'admissionregistration.k8s.io',
    kinds: [
      'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
      'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
      'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
    ],
  },
  { group: 'apiextensions.k8s.io', kinds: ['CustomResourceDefinition'] },
  { group: 'apiregistration.k8s.io', kinds: ['APIService'] },
  { group: 'authentication.k8s.io', kinds: ['TokenReview', 'SelfSubjectReview'] },
  { group: 'authorization.k8s.io', kinds: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'] },
  { group: 'certificates.k8s.io', kinds: ['CertificateSigningRequest', 'ClusterTrustBundle'] },
  { group: 'flowcontrol.apiserver.k8s.io', kinds: ['FlowSchema', 'PriorityLevelConfiguration'] },
  { group: 'internal.apiserver.k8s.io', kinds: ['StorageVersion'] },
  { group: 'networking.k8s.io', kinds: ['IngressClass', 'IPAddress', 'ServiceCIDR'] },
  { group: 'node.k8s.io', kinds: ['RuntimeClass'] },
  { group: 'policy', kinds: ['PodSecurityPolicy'] },
  { group: 'rbac.authorization.k8s.io', kinds: ['ClusterRole', 'ClusterRoleBinding'] },
  { group: 'resource.k8s.io', kinds: ['DeviceClass', 'ResourceSlice'] },
  { group: 'scheduling.k8s.io', kinds: ['PriorityClass'] },
  { group: 'storage.k8s.io', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'] },
  { group: 'storagemigration.k8s.io', kinds: ['StorageVersionMigration'] },
];

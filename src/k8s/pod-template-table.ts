/**
 * Where custom resources keep their pod templates, and which kinds only look like they do. Each
 * entry names the upstream file (repository, path, API version) whose Go types give the shape;
 * the built-in kinds are in `workloads.ts`. Paths are dotted field names; `[*]` after a field is
 * every item of that list, `*` is every value of a map (PyTorchJob's `Master`, `Worker`...).
 */

/** A kind (by API group and kind) and the paths of its pod specs; no paths: known not to be a pod. */
export interface PodTemplateEntry {
  /** The API group (`''` for core). */
  readonly group: string;
  readonly kind: string;
  /** The paths from the object's root to its pod specs; empty when the kind is known not to hold one. */
  readonly paths: readonly string[];
  /** Where the shape comes from: upstream repository, file and API version (or who declared it). */
  readonly source: string;
}

/** `spec.template.spec`: a PodTemplateSpec at `spec.template`, as most workload kinds keep it. */
const TEMPLATE_SPEC = 'spec.template.spec';

/** Custom resources that run pods, with the path of every pod template they hold. */
export const CUSTOM_RESOURCE_WORKLOADS: readonly PodTemplateEntry[] = [
  // Argo Rollouts: RolloutSpec.Template corev1.PodTemplateSpec (a Rollout with workloadRef has none).
  { group: 'argoproj.io', kind: 'Rollout', paths: [TEMPLATE_SPEC], source: 'argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/types.go (argoproj.io/v1alpha1)' },
  // KEDA: ScaledJobSpec.JobTargetRef *batchv1.JobSpec.
  { group: 'keda.sh', kind: 'ScaledJob', paths: ['spec.jobTargetRef.template.spec'], source: 'kedacore/keda apis/keda/v1alpha1/scaledjob_types.go (keda.sh/v1alpha1)' },
  // JobSet: JobSetSpec.ReplicatedJobs []ReplicatedJob, ReplicatedJob.Template batchv1.JobTemplateSpec.
  {
    group: 'jobset.x-k8s.io',
    kind: 'JobSet',
    paths: ['spec.replicatedJobs[*].template.spec.template.spec'],
    source: 'kubernetes-sigs/jobset api/jobset/v1alpha2/jobset_types.go (jobset.x-k8s.io/v1alpha2)',
  },
  // Knative Serving: RevisionSpec inlines corev1.PodSpec; Service and Configuration hold a RevisionTemplateSpec at spec.template.
  { group: 'serving.knative.dev', kind: 'Service', paths: [TEMPLATE_SPEC], source: 'knative/serving pkg/apis/serving/v1/service_types.go, configuration_types.go (serving.knative.dev/v1)' },
  { group: 'serving.knative.dev', kind: 'Configuration', paths: [TEMPLATE_SPEC], source: 'knative/serving pkg/apis/serving/v1/configuration_types.go (serving.knative.dev/v1)' },
  { group: 'serving.knative.dev', kind: 'Revision', paths: ['spec'], source: 'knative/serving pkg/apis/serving/v1/revision_types.go (serving.knative.dev/v1): RevisionSpec inlines corev1.PodSpec' },
  // Kubeflow training operator: <X>ReplicaSpecs map[ReplicaType]*ReplicaSpec, ReplicaSpec.Template corev1.PodTemplateSpec.
  ...[
    ['PyTorchJob', 'pytorchReplicaSpecs', 'pytorch_types.go'],
    ['TFJob', 'tfReplicaSpecs', 'tensorflow_types.go'],
    ['MPIJob', 'mpiReplicaSpecs', 'mpi_types.go'],
    ['XGBoostJob', 'xgbReplicaSpecs', 'xgboost_types.go'],
    ['PaddleJob', 'paddleReplicaSpecs', 'paddlepaddle_types.go'],
    ['JAXJob', 'jaxReplicaSpecs', 'jax_types.go'],
  ].map(([kind, field, file]) => ({
    group: 'kubeflow.org',
    kind,
    paths: [`spec.${field}.*.template.spec`],
    source: `kubeflow/training-operator pkg/apis/kubeflow.org/v1/${file} (kubeflow.org/v1; MPIJob also kubeflow/mpi-operator v2beta1)`,
  })),
  // Volcano: JobSpec.Tasks []TaskSpec, TaskSpec.Template corev1.PodTemplateSpec.
  { group: 'batch.volcano.sh', kind: 'Job', paths: ['spec.tasks[*].template.spec'], source: 'volcano-sh/apis pkg/apis/batch/v1alpha1/job.go (batch.volcano.sh/v1alpha1)' },
  // OpenKruise workloads.
  { group: 'apps.kruise.io', kind: 'CloneSet', paths: [TEMPLATE_SPEC], source: 'openkruise/kruise apis/apps/v1alpha1/cloneset_types.go (apps.kruise.io/v1alpha1)' },
  { group: 'apps.kruise.io', kind: 'StatefulSet', paths: [TEMPLATE_SPEC], source: 'openkruise/kruise apis/apps/v1beta1/statefulset_types.go (Advanced StatefulSet, apps.kruise.io/v1beta1)' },
  { group: 'apps.kruise.io', kind: 'DaemonSet', paths: [TEMPLATE_SPEC], source: 'openkruise/kruise apis/apps/v1alpha1/daemonset_types.go (Advanced DaemonSet, apps.kruise.io/v1alpha1)' },
  { group: 'apps.kruise.io', kind: 'BroadcastJob', paths: [TEMPLATE_SPEC], source: 'openkruise/kruise apis/apps/v1alpha1/broadcastjob_types.go (apps.kruise.io/v1alpha1)' },
  {
    group: 'apps.kruise.io',
    kind: 'AdvancedCronJob',
    // CronJobTemplate: either a Job template or a BroadcastJob template.
    paths: ['spec.template.jobTemplate.spec.template.spec', 'spec.template.broadcastJobTemplate.spec.template.spec'],
    source: 'openkruise/kruise apis/apps/v1alpha1/advancedcronjob_types.go (apps.kruise.io/v1alpha1)',
  },
  {
    group: 'apps.kruise.io',
    kind: 'UnitedDeployment',
    // SubsetTemplate: one of four workload templates, each with its own spec.template.
    paths: [
      'spec.template.statefulSetTemplate.spec.template.spec',
      'spec.template.advancedStatefulSetTemplate.spec.template.spec',
      'spec.template.cloneSetTemplate.spec.template.spec',
      'spec.template.deploymentTemplate.spec.template.spec',
    ],
    source: 'openkruise/kruise apis/apps/v1alpha1/uniteddeployment_types.go (apps.kruise.io/v1alpha1)',
  },
];

/**
 * Kinds whose `spec.template.spec` is not a pod: the template of a node, a machine or a composed
 * resource. None of them runs containers from it, so none gets a pod finding.
 */
export const NOT_POD_KINDS: readonly PodTemplateEntry[] = [
  // Karpenter: NodePool.spec.template is a NodeClaimTemplate (requirements, nodeClassRef, taints).
  { group: 'karpenter.sh', kind: 'NodePool', paths: [], source: 'kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go (karpenter.sh/v1)' },
  { group: 'karpenter.sh', kind: 'NodeClaim', paths: [], source: 'kubernetes-sigs/karpenter pkg/apis/v1/nodeclaim.go (karpenter.sh/v1)' },
  // Cluster API: spec.template is a MachineTemplateSpec (bootstrap, infrastructureRef, version).
  { group: 'cluster.x-k8s.io', kind: 'MachineDeployment', paths: [], source: 'kubernetes-sigs/cluster-api api/v1beta1/machinedeployment_types.go (cluster.x-k8s.io/v1beta1)' },
  { group: 'cluster.x-k8s.io', kind: 'MachineSet', paths: [], source: 'kubernetes-sigs/cluster-api api/v1beta1/machineset_types.go (cluster.x-k8s.io/v1beta1)' },
  { group: 'cluster.x-k8s.io', kind: 'MachinePool', paths: [], source: 'kubernetes-sigs/cluster-api api/v1beta1/machinepool_types.go (cluster.x-k8s.io/v1beta1)' },
  { group: 'cluster.x-k8s.io', kind: 'Machine', paths: [], source: 'kubernetes-sigs/cluster-api api/v1beta1/machine_types.go (cluster.x-k8s.io/v1beta1)' },
  // Crossplane: compositions hold resource templates that the composition engine renders later.
  { group: 'apiextensions.crossplane.io', kind: 'Composition', paths: [], source: 'crossplane/crossplane apis/apiextensions/v1/composition_types.go (apiextensions.crossplane.io/v1)' },
  { group: 'apiextensions.crossplane.io', kind: 'CompositionRevision', paths: [], source: 'crossplane/crossplane apis/apiextensions/v1/composition_revision_types.go (apiextensions.crossplane.io/v1)' },
  { group: 'apiextensions.crossplane.io', kind: 'CompositeResourceDefinition', paths: [], source: 'crossplane/crossplane apis/apiextensions/v1/xrd_types.go (apiextensions.crossplane.io/v1)' },
];

/**
 * The kinds that hold a pod spec, where each keeps it, and which API resources they are. One
 * table for the engine (which pods to check), the RBAC model (which writes create pods) and the
 * rewriters.
 */

/** The three lists of containers of a pod spec, in the order the kubelet starts them. */
export type ContainerKind = 'initContainers' | 'containers' | 'ephemeralContainers';

/** Every container list of a pod spec: init containers first, then regular, then ephemeral. */
export const CONTAINER_KINDS: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** A kind whose objects carry a pod spec. */
export interface WorkloadKind {
  readonly kind: string;
  /** The API group (`''` for core). */
  readonly group: string;
  /** The RBAC resource (plural). */
  readonly resource: string;
  /** The path from the object's root to its pod spec. */
  readonly podSpecPath: readonly string[];
  /** True when creating the object makes pods run (a PodTemplate only stores one). */
  readonly createsPods: boolean;
}

/** The pod template of most workload kinds. */
const TEMPLATE_SPEC = ['spec', 'template', 'spec'] as const;

/** The built-in kinds that carry a pod spec (the `extensions` entries are the pre-1.16 group, still matched by RBAC rules). */
export const BUILT_IN_WORKLOADS: readonly WorkloadKind[] = [
  { kind: 'Pod', group: '', resource: 'pods', podSpecPath: ['spec'], createsPods: true },
  { kind: 'ReplicationController', group: '', resource: 'replicationcontrollers', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  // A core/v1 PodTemplate keeps its template at the top level.
  { kind: 'PodTemplate', group: '', resource: 'podtemplates', podSpecPath: ['template', 'spec'], createsPods: false },
  { kind: 'Deployment', group: 'apps', resource: 'deployments', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'StatefulSet', group: 'apps', resource: 'statefulsets', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'DaemonSet', group: 'apps', resource: 'daemonsets', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'ReplicaSet', group: 'apps', resource: 'replicasets', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'Deployment', group: 'extensions', resource: 'deployments', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'DaemonSet', group: 'extensions', resource: 'daemonsets', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'ReplicaSet', group: 'extensions', resource: 'replicasets', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'Job', group: 'batch', resource: 'jobs', podSpecPath: TEMPLATE_SPEC, createsPods: true },
  { kind: 'CronJob', group: 'batch', resource: 'cronjobs', podSpecPath: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], createsPods: true },
];

/** Lookups in the workload table (where any object keeps its pods, custom resources included: `PodTemplates`). */
export class Workloads {
  /** The (group, resources) whose creation makes pods run, grouped by API group. */
  public static podCreatingResources(): ReadonlyArray<{ readonly group: string; readonly resources: readonly string[] }> {
    const byGroup = new Map<string, string[]>();
    for (const w of BUILT_IN_WORKLOADS) {
      if (!w.createsPods) continue;
      const list = byGroup.get(w.group) ?? [];
      list.push(w.resource);
      byGroup.set(w.group, list);
    }
    return [...byGroup].map(([group, resources]) => ({ group, resources }));
  }

  private constructor() {}
}

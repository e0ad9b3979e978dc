import { BUILT_IN_WORKLOADS } from '../../../k8s/workloads';
import type { RiskPattern } from '../../../rbac/risk-pattern';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** Every kind that carries a pod spec (pods included: a pod's image is mutable), by API group. */
function workloadResources(): RiskPattern[] {
  const byGroup = new Map<string, string[]>();
  for (const w of BUILT_IN_WORKLOADS) byGroup.set(w.group, [...(byGroup.get(w.group) ?? []), w.resource]);
  return [...byGroup].map(([group, resources]) => ({ groups: [group], resources, verbs: ['update', 'patch'] }));
}

/** `rbac/workload-write`: No update or patch on pods or pod controllers. */
export const WORKLOAD_WRITE = roleRiskRule({
  id: 'rbac/workload-write',
  title: 'No update or patch on pods or pod controllers',
  risk: 'Changes what pods run',
  defaultSeverity: 'warning',
  rationale: 'Changing a pod template (Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, ReplicationControllers, PodTemplates) runs any image as any ServiceAccount of the namespace, with any Secret mounted, as creating one does; updating a running pod swaps a container\'s image, so its code runs with that pod\'s ServiceAccount and volumes.',
  remediation: 'Remove update and patch on pods and pod controllers, or suppress with a reason for a controller whose job is to manage them (a scaling controller needs only the scale subresource: deployments/scale).',
  references: ['Kubernetes RBAC good practices: Workload creation', 'rbac-police assign_sa', 'rbac-police modify_pods'],
  examples: {
    failing: exampleGrant('Role', 'image-updater', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }]),
    passing: exampleGrant('Role', 'image-updater', [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'update', 'patch'] },
    ]),
  },
  matches: workloadResources(),
});

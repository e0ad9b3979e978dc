import { Workloads } from '../../../k8s/workloads';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/create-pods`: No create on pods or pod controllers. */
export const CREATE_PODS = roleRiskRule({
  id: 'rbac/create-pods',
  title: 'No create on pods or pod controllers',
  risk: 'Creates pods or pod controllers',
  defaultSeverity: 'warning',
  rationale: 'Whoever creates a pod, directly or through a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob, can run it as any ServiceAccount of the namespace and mount any Secret there.',
  remediation: 'Remove create on pods and pod controllers, or suppress with a reason for a controller whose job is to create them.',
  references: ['CIS 5.1.4', 'C-0188'],
  examples: {
    failing: exampleGrant('Role', 'dashboard', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'create', 'delete'] }]),
    passing: exampleGrant('Role', 'dashboard', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'delete'] }]),
  },
  matches: Workloads.podCreatingResources().map(({ group, resources }) => ({ groups: [group], resources, verbs: ['create'] })),
});

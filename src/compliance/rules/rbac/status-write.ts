import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/status-write`: No update or patch on the status of Services, Pods or Nodes. */
export const STATUS_WRITE = roleRiskRule({
  id: 'rbac/status-write',
  title: 'No update or patch on services/status, pods/status or nodes/status',
  risk: 'Writes the status of Services, Pods or Nodes',
  defaultSeverity: 'warning',
  rationale: 'Status is what the cluster believes: services/status sets status.loadBalancer.ingress[].ip, which kube-proxy routes in-cluster traffic for that IP to (CVE-2020-8554, unfixed: intercept any address); pods/status changes a pod\'s conditions and IPs, steering Services and readiness; nodes/status changes node addresses, capacity and conditions, steering scheduling and the API server\'s connections to kubelets.',
  remediation: 'Remove update and patch on services/status, pods/status and nodes/status, or suppress with a reason for the controller that owns that status (a cloud load-balancer controller, a node agent).',
  references: ['CVE-2020-8554', 'rbac-police modify_service_status_cve_2020_8554', 'rbac-police modify_pod_status', 'rbac-police modify_node_status'],
  examples: {
    failing: exampleGrant('ClusterRole', 'lb-controller', [
      { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['services/status'], verbs: ['update', 'patch'] },
    ]),
    passing: exampleGrant('ClusterRole', 'lb-controller', [
      { apiGroups: [''], resources: ['services', 'services/status'], verbs: ['get', 'list', 'watch'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['services/status', 'pods/status', 'nodes/status'], verbs: ['update', 'patch'] }],
});

import { CORE_GROUP, WILDCARD } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/nodes-proxy`: No access to nodes/proxy. */
export const NODES_PROXY = roleRiskRule({
  id: 'rbac/nodes-proxy',
  title: 'No access to nodes/proxy',
  risk: 'Proxies to nodes',
  defaultSeverity: 'error',
  rationale: 'nodes/proxy reaches the kubelet API directly (exec into any pod on the node) and bypasses admission control and API server audit.',
  remediation: 'Remove nodes/proxy.',
  references: ['CIS 5.1.10', 'C-0279'],
  examples: {
    failing: exampleGrant('ClusterRole', 'prometheus', [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'nodes/proxy'], verbs: ['get', 'list', 'watch'] }]),
    passing: exampleGrant('ClusterRole', 'prometheus', [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get', 'list', 'watch'] }]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['nodes/proxy'], verbs: [WILDCARD] }],
});

import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/namespace-write`: No update or patch on namespaces. */
export const NAMESPACE_WRITE = roleRiskRule({
  id: 'rbac/namespace-write',
  title: 'No update or patch on namespaces',
  risk: 'Relabels namespaces',
  defaultSeverity: 'error',
  rationale: 'Namespace labels switch enforcement: pod-security.kubernetes.io/enforce=privileged lets any pod creator of the namespace run privileged pods (root on the node), and the labels that admission webhooks, admission policies and NetworkPolicies select namespaces by can take a namespace out of their reach.',
  remediation: 'Remove update and patch on namespaces; manage namespaces (and their labels) as manifests. Creating namespaces is not this risk.',
  references: ['Kubernetes RBAC good practices: Namespace modification'],
  examples: {
    failing: exampleGrant('ClusterRole', 'tenant-manager', [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch', 'create', 'patch'] }]),
    passing: exampleGrant('ClusterRole', 'tenant-manager', [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch', 'create'] }]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['namespaces'], verbs: ['update', 'patch'] }],
});

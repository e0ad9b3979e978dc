import { bindingRiskRule } from '../binding-risks';
import { exampleBinding, exampleGrant, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';

/** `rbac/cluster-admin-binding`: No binding to cluster-admin. */
export const CLUSTER_ADMIN_BINDING = bindingRiskRule({
  id: 'rbac/cluster-admin-binding',
  title: 'No binding to cluster-admin',
  defaultSeverity: 'error',
  rationale: 'cluster-admin is every verb on every resource in every namespace: a compromised subject owns the cluster.',
  remediation: 'Bind a Role with the exact permissions needed instead of cluster-admin.',
  references: ['CIS 5.1.1', 'C-0035'],
  examples: {
    failing: [
      exampleServiceAccount('deployer'),
      exampleBinding('ClusterRoleBinding', 'deployer', { kind: 'ClusterRole', name: 'cluster-admin' }, [exampleServiceAccountSubject('deployer')]),
    ],
    passing: exampleGrant('Role', 'deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }]),
  },
  match(binding) {
    const ref = binding?.roleRef;
    return ref?.kind === 'ClusterRole' && ref.name === 'cluster-admin'
      ? [{ field: 'roleRef', target: ref.name, message: 'binds the ClusterRole cluster-admin (every verb on every resource)' }]
      : [];
  },
});

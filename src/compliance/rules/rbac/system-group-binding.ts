import { bindingRiskRule, subjectsOf } from '../binding-risks';
import { exampleBinding, exampleRole } from '../examples';

/**
 * The subjects CIS 5.1.7 names (binding them grants to everyone, or bypasses RBAC: masters), and
 * system:serviceaccounts: every ServiceAccount of every namespace, so every pod of the cluster.
 */
const DANGEROUS_SYSTEM_SUBJECTS = ['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters', 'system:serviceaccounts'];

/** `rbac/system-group-binding`: No binding to system:anonymous, system:unauthenticated, system:authenticated, system:masters or system:serviceaccounts. */
export const SYSTEM_GROUP_BINDING = bindingRiskRule({
  id: 'rbac/system-group-binding',
  title: 'No binding to system:anonymous, system:unauthenticated, system:authenticated, system:masters or system:serviceaccounts',
  defaultSeverity: 'error',
  rationale: 'These subjects are everyone, every authenticated identity, or every ServiceAccount of the cluster (every pod, in every namespace, with a token); system:masters bypasses RBAC entirely.',
  remediation: 'Bind named Users, Groups or ServiceAccounts instead.',
  references: ['CIS 5.1.7', 'Kyverno restrict-binding-system-groups'],
  examples: {
    failing: [
      exampleRole('ClusterRole', 'metrics-reader', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]),
      exampleBinding('ClusterRoleBinding', 'metrics-reader', { kind: 'ClusterRole', name: 'metrics-reader' }, [
        { kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' },
      ]),
    ],
    passing: [
      exampleRole('ClusterRole', 'metrics-reader', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }]),
      exampleBinding('ClusterRoleBinding', 'metrics-reader', { kind: 'ClusterRole', name: 'metrics-reader' }, [
        { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' },
      ]),
    ],
  },
  match(binding) {
    return subjectsOf(binding)
      .filter((s) => (s.kind === 'Group' || s.kind === 'User') && DANGEROUS_SYSTEM_SUBJECTS.includes(s.name))
      .map((s) => ({ field: `subjects/${s.index}`, target: s.name, message: `binds ${s.kind} '${s.name}'` }));
  },
});

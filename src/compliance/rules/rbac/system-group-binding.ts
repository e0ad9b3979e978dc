import { bindingRiskRule, subjectsOf } from '../binding-risks';
import { exampleBinding, exampleRole } from '../examples';

/** The subjects CIS 5.1.7 names: binding them grants to everyone, or bypasses RBAC (masters). */
const DANGEROUS_SYSTEM_SUBJECTS = ['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'];

/** `rbac/system-group-binding`: No binding to system:anonymous, system:unauthenticated, system:authenticated or system:masters. */
export const SYSTEM_GROUP_BINDING = bindingRiskRule({
  id: 'rbac/system-group-binding',
  title: 'No binding to system:anonymous, system:unauthenticated, system:authenticated or system:masters',
  defaultSeverity: 'error',
  rationale: 'These subjects are everyone, or every authenticated identity; system:masters bypasses RBAC entirely.',
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

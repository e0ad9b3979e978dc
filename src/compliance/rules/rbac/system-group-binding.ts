import { bindingRiskRule } from './binding-risk';

/** `rbac/system-group-binding`: No binding to system:anonymous, system:unauthenticated, system:authenticated or system:masters. */
export const SYSTEM_GROUP_BINDING = bindingRiskRule({
  id: 'rbac/system-group-binding',
  title: 'No binding to system:anonymous, system:unauthenticated, system:authenticated or system:masters',
  defaultSeverity: 'error',
  rationale: 'These subjects are everyone, or every authenticated identity; system:masters bypasses RBAC entirely.',
  remediation: 'Bind named Users, Groups or ServiceAccounts instead.',
  references: ['CIS 5.1.7', 'Kyverno restrict-binding-system-groups'],
});

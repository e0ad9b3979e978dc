import { roleRiskRule } from './role-risk';

/** `rbac/secrets-access`: No get/list/watch on secrets. */
export const SECRETS_ACCESS = roleRiskRule({
  id: 'rbac/secrets-access',
  title: 'No get/list/watch on secrets',
  defaultSeverity: 'warning',
  rationale: 'Reading Secrets reveals every credential in scope; list and watch return the contents, not just the names.',
  remediation: 'Remove read access to secrets, or limit `get` to the named Secrets the workload needs with resourceNames (list and watch cannot be limited by name); suppress with a reason if a controller must read them.',
  references: ['CIS 5.1.2', 'C-0015', 'kube-linter access-to-secrets'],
});

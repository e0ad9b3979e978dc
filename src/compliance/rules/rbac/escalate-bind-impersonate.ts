import { roleRiskRule } from './role-risk';

/** `rbac/escalate-bind-impersonate`: No escalate/bind on roles, no impersonate on users, groups or serviceaccounts. */
export const ESCALATE_BIND_IMPERSONATE = roleRiskRule({
  id: 'rbac/escalate-bind-impersonate',
  title: 'No escalate/bind on roles, no impersonate on users, groups or serviceaccounts',
  defaultSeverity: 'error',
  rationale: 'escalate and bind on roles or clusterroles let a subject grant permissions it does not hold (bind on rolebindings is not the risk: the bind verb is checked on the role); impersonate acts as another user, group or ServiceAccount with all its permissions.',
  remediation: 'Remove escalate, bind and impersonate; grant the exact permissions instead.',
  references: ['CIS 5.1.8', 'C-0191', 'CKV_K8S_157/158'],
});

import { CORE_GROUP, RBAC_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/escalate-bind-impersonate`: No escalate/bind on roles, no impersonate on users, groups or serviceaccounts. */
export const ESCALATE_BIND_IMPERSONATE = roleRiskRule({
  id: 'rbac/escalate-bind-impersonate',
  title: 'No escalate/bind on roles, no impersonate on users, groups or serviceaccounts',
  risk: 'Escalates, binds roles or impersonates',
  defaultSeverity: 'error',
  rationale: 'escalate and bind on roles or clusterroles let a subject grant permissions it does not hold (bind on rolebindings is not the risk: the bind verb is checked on the role); impersonate acts as another user, group or ServiceAccount with all its permissions.',
  remediation: 'Remove escalate, bind and impersonate; grant the exact permissions instead.',
  references: ['CIS 5.1.8', 'C-0191', 'CKV_K8S_157/158'],
  examples: {
    failing: exampleGrant('ClusterRole', 'tenant-provisioner', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['get', 'list', 'create', 'update', 'bind', 'escalate'] },
    ]),
    passing: exampleGrant('ClusterRole', 'tenant-provisioner', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['get', 'list', 'create', 'update'] },
    ]),
  },
  matches: [
    { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
    // Not uids or userextras/<key> of authentication.k8s.io: the API server refuses Impersonate-Uid
    // and Impersonate-Extra-* without Impersonate-User, so alone they change no identity.
    { groups: [CORE_GROUP], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
  ],
});

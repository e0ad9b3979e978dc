import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/auth-delegation`: create on tokenreviews and subjectaccessreviews, reported for the record. */
export const AUTH_DELEGATION = roleRiskRule({
  id: 'rbac/auth-delegation',
  title: 'create on tokenreviews or subjectaccessreviews is reported, with its reason',
  risk: 'Reviews tokens and permissions of others',
  defaultSeverity: 'info',
  rationale: 'A TokenReview tells whether any token is valid and whose it is (an oracle for a stolen token); a SubjectAccessReview tells what any user or ServiceAccount may do (a map for an attacker). It grants no access itself, and it is what a server needs to authenticate and authorize its callers: operators need it for authenticated metrics (controller-runtime\'s WithAuthenticationAndAuthorization), extension API servers for delegated authentication (the built-in ClusterRole system:auth-delegator grants exactly this).',
  remediation: 'Grant it only to a server that authenticates its callers (a metrics endpoint, a webhook, an extension API server), and suppress with that reason.',
  references: ['Kubernetes authentication: webhook token authentication', 'ClusterRole system:auth-delegator'],
  examples: {
    failing: exampleGrant('ClusterRole', 'metrics-auth', [
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]),
    passing: exampleGrant('ClusterRole', 'metrics-auth', [
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'], verbs: ['create'] },
    ]),
  },
  matches: [
    { groups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { groups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ],
});

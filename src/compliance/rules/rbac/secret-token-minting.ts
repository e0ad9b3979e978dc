import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/secret-token-minting`: No create on secrets. */
export const SECRET_TOKEN_MINTING = roleRiskRule({
  id: 'rbac/secret-token-minting',
  title: 'No create on secrets (a service-account-token Secret mints a token for any ServiceAccount)',
  risk: 'Creates Secrets, so mints ServiceAccount tokens',
  defaultSeverity: 'warning',
  rationale: 'The token controller fills a Secret of type kubernetes.io/service-account-token, annotated kubernetes.io/service-account.name, with a token that never expires for that ServiceAccount: whoever creates Secrets in a namespace and can read them back (get, list, watch, or patch, whose response carries the data) holds the identity of every ServiceAccount there.',
  remediation: 'Remove create on secrets. If the workload must create Secrets (generated passwords, certificates), suppress with that reason and refuse service-account-token Secrets in the cluster (TokenAdmissionPolicy does).',
  references: ['Kubernetes RBAC good practices: Workload creation', 'rbac-police issue_token_secrets', 'rbac-police obtain_token_weak_ns'],
  examples: {
    failing: exampleGrant('Role', 'password-generator', [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] },
    ]),
    passing: exampleGrant('Role', 'password-generator', [
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update'], resourceNames: ['db-password'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['secrets'], verbs: ['create'] }],
});

import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/token-request`: No create on serviceaccounts/token. */
export const TOKEN_REQUEST = roleRiskRule({
  id: 'rbac/token-request',
  title: 'No create on serviceaccounts/token',
  risk: 'Requests ServiceAccount tokens',
  defaultSeverity: 'error',
  rationale: 'create on serviceaccounts/token mints a token for any ServiceAccount in scope, and with it all of that account\'s permissions.',
  remediation: 'Remove create on serviceaccounts/token; pods get their own tokens through projected volumes.',
  references: ['CIS 5.1.13', 'C-0282'],
  examples: {
    failing: exampleGrant('Role', 'ci-runner', [
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    ]),
    passing: exampleGrant('Role', 'ci-runner', [
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['serviceaccounts/token'], verbs: ['create'] }],
});

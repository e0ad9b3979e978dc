import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/secrets-access`: No get/list/watch on secrets. */
export const SECRETS_ACCESS = roleRiskRule({
  id: 'rbac/secrets-access',
  title: 'No get/list/watch on secrets',
  risk: 'Reads Secrets',
  defaultSeverity: 'warning',
  rationale: 'Reading Secrets reveals every credential in scope; list and watch return the contents, not just the names.',
  remediation: 'Remove read access to secrets, or limit `get` to the named Secrets the workload needs with resourceNames (list and watch cannot be limited by name); suppress with a reason if a controller must read them.',
  references: ['CIS 5.1.2', 'C-0015', 'kube-linter access-to-secrets'],
  examples: {
    failing: exampleGrant('Role', 'web', [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
    ]),
    passing: exampleGrant('Role', 'web', [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
});

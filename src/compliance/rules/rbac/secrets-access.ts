import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/secrets-access`: No get/list/watch/patch on secrets. */
export const SECRETS_ACCESS = roleRiskRule({
  id: 'rbac/secrets-access',
  title: 'No get/list/watch/patch on secrets',
  risk: 'Reads Secrets',
  defaultSeverity: 'warning',
  rationale: 'Reading Secrets reveals every credential in scope; list and watch return the contents, not just the names, and a patch answers with the whole object (an empty patch reads it).',
  remediation: 'Remove read access to secrets, or limit it with resourceNames to the Secrets the workload needs (reported one level lower, with the names): `get` by name, and list/watch by name for a client that sends a `metadata.name` field selector (the only list or watch that names an object); suppress with a reason if a controller must read them all.',
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
  matches: [{ groups: [CORE_GROUP], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'patch'] }],
});

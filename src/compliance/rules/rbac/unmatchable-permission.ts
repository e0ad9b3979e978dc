import { WILDCARD } from '../../../rbac/policy-rule';
import { unmatchableByName } from '../../../rbac/resource-names';
import { RiskPatterns } from '../../../rbac/risk-pattern';
import type { Rule, Violation } from '../../rule';
import { exampleGrant } from '../examples';
import { permissionTarget } from '../role-risks';

/** The kinds whose `rules` grant permissions. */
const ROLE_KINDS = ['Role', 'ClusterRole'];

/**
 * `rbac/unmatchable-permission`: a permission of a Role or ClusterRole that no request can match,
 * as the RBAC authorizer matches (`RuleAllows` in plugin/pkg/auth/authorizer/rbac/rbac.go):
 * - `create` or `deletecollection` of a resource limited by resourceNames: those requests name
 *   no object (a create by name is usable only with patch or update on the names, by server-side
 *   apply or PUT; see `nameLimit`);
 * - a resource pattern RBAC does not have: `pods/*` or `*\/*` match only a subresource literally
 *   named `*` (`ResourceMatches` supports `*` alone and `*\/<subresource>`).
 * The author meant something, and the cluster grants none of it: a grant that silently fails,
 * or a limit that silently does not hold once someone "fixes" it by dropping the names.
 */
export const UNMATCHABLE_PERMISSION: Rule = {
  id: 'rbac/unmatchable-permission',
  title: 'Every permission of a Role can match a request (no create or deletecollection by resourceNames, no subresource patterns)',
  defaultSeverity: 'info',
  rationale: 'A create (POST) or deletecollection request names no object, so a rule limited by resourceNames never grants it; RBAC has no subresource wildcard, so `pods/*` grants only a subresource literally named `*`. The role grants less than its author wrote, and the workload fails at run time; widening it by dropping the names grants every object.',
  remediation: 'Grant create and deletecollection in a rule without resourceNames (or create by name together with patch, for a client that creates by server-side apply), and list subresources by name (`pods/log`, `pods/status`) or use `*/<subresource>`.',
  references: ['Kubernetes RBAC documentation: Referring to resources'],
  examples: {
    failing: exampleGrant('Role', 'leader-election', [
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create'], resourceNames: ['web-leader'] },
    ]),
    passing: exampleGrant('Role', 'leader-election', [
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'update'], resourceNames: ['web-leader'] },
    ]),
  },
  check(index) {
    const violations: Violation[] = [];
    for (const kind of ROLE_KINDS) {
      for (const role of index.ofKind(kind)) {
        const rules: unknown = role.manifest.rules;
        if (!Array.isArray(rules)) continue;
        rules.forEach((rule: unknown, i: number) => {
          if (rule === null || typeof rule !== 'object') return;
          for (const grant of unmatchableByName(rule, rules)) {
            const names = grant.resourceNames.map((name) => `'${name}'`).join(', ');
            const why = grant.verb === 'create'
              ? 'a create request (POST) names no object, and the role cannot patch or update these names (a server-side apply or PUT would create them by name)'
              : 'a deletecollection request names no object';
            violations.push({
              objectIndex: role.index,
              path: `/rules/${i}/resourceNames`,
              target: permissionTarget(grant.verb, grant.resource, grant.apiGroup),
              message: `resourceNames [${names}] never match verb '${grant.verb}' on '${grant.resource}' in apiGroup '${grant.apiGroup}': ${why}, so this grants nothing. ${UNMATCHABLE_PERMISSION.remediation}`,
            });
          }
          const resources: unknown = (rule as Record<string, unknown>).resources;
          if (!Array.isArray(resources)) return;
          resources.forEach((resource: unknown, j: number) => {
            if (typeof resource !== 'string' || !resource.includes(WILDCARD) || RiskPatterns.isResourceWildcard(resource)) return;
            violations.push({
              objectIndex: role.index,
              path: `/rules/${i}/resources/${j}`,
              target: resource,
              message: `Resource '${resource}' is not a pattern: RBAC matches '*' alone (every resource) and '*/<subresource>' (that subresource of every resource), anything else literally, so this names a resource or subresource called '${resource}', which does not exist, and grants nothing. ${UNMATCHABLE_PERMISSION.remediation}`,
            });
          });
        });
      }
    }
    return violations;
  },
};

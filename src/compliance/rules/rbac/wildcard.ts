import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/wildcard`: * in verbs, resources or apiGroups. */
export const WILDCARD = roleRiskRule({
  id: 'rbac/wildcard',
  title: '`*` in verbs, resources or apiGroups (`*`, `*/<subresource>`), or every non-resource URL (`*`, `/*`)',
  risk: 'Wildcard in apiGroups, resources, verbs or non-resource URLs',
  defaultSeverity: 'error',
  rationale: 'A wildcard grants every current and future verb, resource or API group, including those added later by CRDs and upgrades, so nobody can review what the role allows; nonResourceURLs `*` and `/*` are every URL the API server serves outside the API (`/logs`, `/debug/pprof`...). `pods/*` and `*/*` are not wildcards: RBAC matches them literally (rbac/unmatchable-permission).',
  remediation: 'List the exact apiGroups, resources, verbs and non-resource URLs the workload needs.',
  references: ['CIS 5.1.3', 'CKV_K8S_49', 'Kyverno restrict-wildcard-*', 'C-0187'],
  examples: {
    failing: exampleGrant('Role', 'deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }]),
    passing: exampleGrant('Role', 'deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }]),
  },
  matches: 'wildcards',
});

import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/wildcard';

describe(RULE, () => {
  test('GIVEN exact groups, resources and verbs THEN no finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] }])])).toEqual([]);
  });

  test('GIVEN `*` in apiGroups only THEN a finding (every group that has a "deployments" resource, CRDs included)', () => {
    const findings = runRule(RULE, [role('r', [{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }])]);
    expect(findings).toMatchObject([{ severity: 'error', object: { kind: 'Role', name: 'r' }, path: '/rules/0', target: 'get deployments.*' }]);
  });

  test('GIVEN `*` in verbs and resources of a ClusterRole THEN one finding on the rule entry that covers each (verb, resource), in the rule\'s order', () => {
    const findings = runRule(RULE, [role('admin-ish', [{ apiGroups: [''], resources: ['*'], verbs: ['get', '*'] }], 'ClusterRole')]);
    expect(findings.map((f) => f.targets)).toEqual([['get *', '* *']]);
  });

  test('GIVEN `*` in nonResourceURLs THEN a finding', () => {
    expect(runRule(RULE, [role('urls', [{ nonResourceURLs: ['*'], verbs: ['get'] }], 'ClusterRole')])).toHaveLength(1);
  });
});

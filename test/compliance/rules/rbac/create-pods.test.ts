import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/create-pods';

describe(RULE, () => {
  test('GIVEN create on pods and on apps/deployments THEN a finding for each', () => {
    const findings = runRule(RULE, [role('r', [
      { apiGroups: [''], resources: ['pods'], verbs: ['create'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'get'] },
    ])]);
    expect(findings.map((f) => f.target)).toEqual(['create pods', 'create deployments.apps']);
  });

  test('GIVEN create on batch/cronjobs (a pod template too) THEN a finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['create'] }])])).toHaveLength(1);
  });

  test('GIVEN get/list/watch on pods THEN no finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }])])).toEqual([]);
  });
});

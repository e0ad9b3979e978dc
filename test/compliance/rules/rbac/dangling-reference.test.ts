import { binding, role, runRule, serviceAccount } from '../../helpers';

const RULE = 'rbac/dangling-reference';

describe(RULE, () => {
  test('GIVEN a binding whose Role and ServiceAccount are in the input THEN no finding', () => {
    expect(runRule(RULE, [role('r', []), serviceAccount('web'), binding('b', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'web' }])])).toEqual([]);
  });

  test('GIVEN a binding to built-in ClusterRoles (view, system:*) THEN no finding', () => {
    expect(runRule(RULE, [
      serviceAccount('web'),
      binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'web' }]),
      binding('b', { kind: 'ClusterRole', name: 'system:auth-delegator' }, [{ kind: 'ServiceAccount', name: 'web' }], 'ClusterRoleBinding'),
    ])).toEqual([]);
  });

  test('GIVEN a missing Role and a missing ServiceAccount THEN a warning for each', () => {
    const findings = runRule(RULE, [binding('b', { kind: 'Role', name: 'typo' }, [{ kind: 'ServiceAccount', name: 'ghost', namespace: 'apps' }])]);
    expect(findings.map((f) => [f.severity, f.path, f.target])).toEqual([
      ['warning', '/roleRef/name', 'typo'],
      ['warning', '/subjects/0/name', 'ghost'],
    ]);
  });
});

import { binding } from '../../helpers';
import { runRule } from '../../rule-harness';

describe('rbac/cluster-admin-binding', () => {
  const RULE = 'rbac/cluster-admin-binding';
  test('GIVEN a RoleBinding or ClusterRoleBinding to cluster-admin THEN an error on roleRef', () => {
    const findings = runRule(RULE, [
      binding('a', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }]),
      binding('b', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'User', name: 'alice' }], 'ClusterRoleBinding'),
    ]);
    expect(findings).toMatchObject([
      { severity: 'error', object: { kind: 'RoleBinding' }, path: '/roleRef', target: 'cluster-admin' },
      { object: { kind: 'ClusterRoleBinding' } },
    ]);
  });
  test('GIVEN a binding to view THEN no finding', () => {
    expect(runRule(RULE, [binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'alice' }])])).toEqual([]);
  });
});

describe('rbac/system-group-binding', () => {
  const RULE = 'rbac/system-group-binding';
  test.each(['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'])('GIVEN a binding to group %s THEN an error on that subject', (group) => {
    const findings = runRule(RULE, [binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: group }])]);
    expect(findings).toMatchObject([{ severity: 'error', path: '/subjects/1', target: group }]);
  });
  test('GIVEN a binding to system:serviceaccounts:apps THEN no finding', () => {
    expect(runRule(RULE, [binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: 'system:serviceaccounts:apps' }])])).toEqual([]);
  });
});

describe('rbac/default-service-account-binding', () => {
  const RULE = 'rbac/default-service-account-binding';
  test('GIVEN a binding to the default ServiceAccount THEN an error', () => {
    expect(runRule(RULE, [binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }])]))
      .toMatchObject([{ severity: 'error', path: '/subjects/0', target: 'default' }]);
  });
  test('GIVEN a binding to a dedicated ServiceAccount THEN no finding', () => {
    expect(runRule(RULE, [binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }])])).toEqual([]);
  });
});

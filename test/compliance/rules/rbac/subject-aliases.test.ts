import { binding, inNamespace } from '../../helpers';
import { runRule } from '../../rule-harness';

const view = { kind: 'ClusterRole', name: 'view' };

describe('rbac/system-group-binding: system:serviceaccounts', () => {
  test('GIVEN a binding to Group system:serviceaccounts (every ServiceAccount of the cluster) THEN an error on that subject', () => {
    expect(runRule('rbac/system-group-binding', [binding('all-sa', view, [{ kind: 'Group', name: 'system:serviceaccounts' }], 'ClusterRoleBinding')]))
      .toMatchObject([{ severity: 'error', path: '/subjects/0', target: 'system:serviceaccounts' }]);
  });

  test('GIVEN a namespace\'s group, or a ServiceAccount named like the group THEN not this rule', () => {
    expect(runRule('rbac/system-group-binding', [binding('ns', view, [
      { kind: 'Group', name: 'system:serviceaccounts:apps' },
      { kind: 'ServiceAccount', name: 'system:serviceaccounts', namespace: 'apps' },
    ])])).toEqual([]);
  });
});

describe('rbac/default-service-account-binding: the default account by its other names', () => {
  const RULE = 'rbac/default-service-account-binding';

  test('GIVEN User system:serviceaccount:NS:default THEN an error naming the account', () => {
    const [finding] = runRule(RULE, [binding('b', view, [{ kind: 'User', name: 'system:serviceaccount:apps:default' }], 'ClusterRoleBinding')]);
    expect(finding).toMatchObject({ severity: 'error', path: '/subjects/0', target: 'system:serviceaccount:apps:default' });
    expect(finding.message).toContain("the ServiceAccount 'default' of namespace 'apps'");
  });

  test('GIVEN Group system:serviceaccounts:NS THEN an error: every account of NS, default included', () => {
    const [finding] = runRule(RULE, [inNamespace(binding('b', view, [{ kind: 'Group', name: 'system:serviceaccounts:apps' }]), 'apps')]);
    expect(finding).toMatchObject({ severity: 'error', path: '/subjects/0', target: 'system:serviceaccounts:apps' });
    expect(finding.message).toContain("every ServiceAccount of namespace 'apps', 'default' included");
  });

  test('GIVEN another account\'s user name, a malformed one, or the cluster-wide groups THEN no finding here', () => {
    expect(runRule(RULE, [binding('b', view, [
      { kind: 'User', name: 'system:serviceaccount:apps:web' },
      { kind: 'User', name: 'system:serviceaccount:apps:default:extra' },
      { kind: 'Group', name: 'system:serviceaccounts' },
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:serviceaccounts:' },
    ], 'ClusterRoleBinding')])).toEqual([]);
  });
});

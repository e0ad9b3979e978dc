import { binding, role } from '../../helpers';
import { coveredTargets, runRule } from '../../rule-harness';

const sa = [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }];

describe('role risks granted through a binding to a built-in ClusterRole', () => {
  test('GIVEN a RoleBinding to the built-in edit THEN its exec and secrets risks are reported on the binding', () => {
    const manifests = [binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa)];
    const exec = runRule('rbac/exec-attach', manifests);
    expect(exec).toHaveLength(1);
    expect(exec[0]).toMatchObject({ object: { kind: 'RoleBinding', name: 'web-edit' }, path: '/roleRef' });
    expect(coveredTargets(exec)).toContain('create pods/exec');
    expect(exec[0].message).toContain("(through the built-in ClusterRole 'edit')");
    expect(coveredTargets(runRule('rbac/secrets-access', manifests))).toContain('get secrets');
  });

  test('GIVEN a RoleBinding to the built-in view THEN no exec or secrets finding', () => {
    const manifests = [binding('web-view', { kind: 'ClusterRole', name: 'view' }, sa)];
    expect(runRule('rbac/exec-attach', manifests)).toEqual([]);
    expect(runRule('rbac/secrets-access', manifests)).toEqual([]);
  });

  test('GIVEN the input defines its own ClusterRole named edit THEN that role is checked, not the built-in', () => {
    const manifests = [
      role('edit', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'ClusterRole'),
      binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa),
    ];
    expect(runRule('rbac/exec-attach', manifests)).toEqual([]);
  });

  test('GIVEN a binding to cluster-admin THEN only rbac/cluster-admin-binding reports it, not every role rule', () => {
    const manifests = [binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, sa, 'ClusterRoleBinding')];
    expect(runRule('rbac/wildcard', manifests)).toEqual([]);
    expect(runRule('rbac/cluster-admin-binding', manifests)).toHaveLength(1);
  });
});

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

  test('GIVEN the input defines a harmless ClusterRole named edit THEN the built-in\'s risks are reported on it: the API server reconciles edit back', () => {
    const manifests = [
      role('edit', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'ClusterRole'),
      binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa),
    ];
    const exec = runRule('rbac/exec-attach', manifests);
    expect(exec).toHaveLength(1);
    expect(exec[0]).toMatchObject({ object: { kind: 'ClusterRole', name: 'edit' }, path: '/metadata/name' });
    expect(exec[0].message).toContain("(through the aggregationRule the API server restores, from the built-in ClusterRole 'system:aggregate-to-edit')");
    expect(coveredTargets(runRule('rbac/secrets-access', manifests))).toContain('get secrets');
  });

  test('GIVEN a harmless ClusterRole named admin THEN admin\'s own rules and its aggregated ones are reported, as for a binding to the built-in', () => {
    const shadowed = [
      role('admin', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'ClusterRole'),
      binding('web-admin', { kind: 'ClusterRole', name: 'admin' }, sa),
    ];
    const builtIn = [binding('web-admin', { kind: 'ClusterRole', name: 'admin' }, sa)];
    for (const id of ['rbac/exec-attach', 'rbac/secrets-access', 'rbac/token-request']) {
      expect(coveredTargets(runRule(id, shadowed)).sort()).toEqual(coveredTargets(runRule(id, builtIn)).sort());
      expect(runRule(id, shadowed).length).toBeGreaterThan(0);
    }
  });

  test('GIVEN a Role named like a bootstrap Role THEN the rules the API server restores are reported on its name', () => {
    // kube-system's system:controller:bootstrap-signer reads Secrets; a copy without that rule gets it back.
    const shadow = { ...role('system:controller:bootstrap-signer', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]), metadata: { name: 'system:controller:bootstrap-signer', namespace: 'kube-system' } };
    const findings = runRule('rbac/secrets-access', [shadow]);
    expect(findings).toMatchObject([{ object: { kind: 'Role', name: 'system:controller:bootstrap-signer' }, path: '/metadata/name' }]);
    expect(findings[0].message).toContain("(restored by the API server, which reconciles the built-in Role 'system:controller:bootstrap-signer' into this one)");
  });

  test('GIVEN the input\'s ClusterRole named edit opts out of reconciliation (autoupdate "false") THEN only its own rules are checked', () => {
    const written = role('edit', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'ClusterRole');
    const optedOut = { ...written, metadata: { ...written.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } } };
    const manifests = [optedOut, binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa)];
    expect(runRule('rbac/exec-attach', manifests)).toEqual([]);
    expect(runRule('rbac/secrets-access', manifests)).toEqual([]);
  });

  test('GIVEN a binding to cluster-admin THEN only rbac/cluster-admin-binding reports it, not every role rule', () => {
    const manifests = [binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, sa, 'ClusterRoleBinding')];
    expect(runRule('rbac/wildcard', manifests)).toEqual([]);
    expect(runRule('rbac/cluster-admin-binding', manifests)).toHaveLength(1);
  });
});

import type { Manifest } from '../../src/k8s/manifest';
import { AccessGrant, EffectiveAccess } from '../../src/rbac/effective-access';

const RBAC = 'rbac.authorization.k8s.io/v1';
const AUTOUPDATE = 'rbac.authorization.kubernetes.io/autoupdate';

function clusterRole(name: string, rules: unknown[], metadata: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...metadata }, rules, ...extra };
}
function role(namespace: string, name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules };
}
function clusterRoleBinding(name: string, roleName: string, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects };
}
function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
}
const ctl = [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' }];

function has(grants: readonly AccessGrant[], apiGroup: string, resource: string, verb: string): boolean {
  return grants.some((g) => g.apiGroup === apiGroup && g.resource === resource && g.verb === verb);
}
function grantsOf(manifests: Manifest[]): AccessGrant[] {
  return EffectiveAccess.compute(manifests).forServiceAccount('ops', 'ctl')?.grants ?? [];
}

describe('every built-in role is known, with its rules (main knew only view, edit, admin, cluster-admin)', () => {
  test('GIVEN a ClusterRoleBinding to system:controller:clusterrole-aggregation-controller THEN the account can escalate clusterroles', () => {
    const grants = grantsOf([clusterRoleBinding('b', 'system:controller:clusterrole-aggregation-controller', ctl)]);
    expect(has(grants, 'rbac.authorization.k8s.io', 'clusterroles', 'escalate')).toBe(true);
    expect(grants[0].role).toEqual({ kind: 'ClusterRole', name: 'system:controller:clusterrole-aggregation-controller', builtIn: true });
  });

  test('GIVEN system:kube-controller-manager THEN list/watch of everything and serviceaccounts/token create', () => {
    const grants = grantsOf([clusterRoleBinding('b', 'system:kube-controller-manager', ctl)]);
    expect(has(grants, '*', '*', 'list')).toBe(true);
    expect(has(grants, '', 'serviceaccounts/token', 'create')).toBe(true);
    expect(has(grants, '', 'secrets', 'create')).toBe(true);
  });

  test('GIVEN system:node, system:kubelet-api-admin and system:controller:generic-garbage-collector THEN their real rules', () => {
    expect(has(grantsOf([clusterRoleBinding('b', 'system:node', ctl)]), '', 'secrets', 'get')).toBe(true);
    expect(has(grantsOf([clusterRoleBinding('b', 'system:kubelet-api-admin', ctl)]), '', 'nodes/proxy', '*')).toBe(true);
    const gc = grantsOf([clusterRoleBinding('b', 'system:controller:generic-garbage-collector', ctl)]);
    expect(has(gc, '*', '*', 'patch')).toBe(true);
    expect(has(gc, '*', '*', 'delete')).toBe(true);
  });

  test('GIVEN a binding to a system: name the bootstrap policy does not have THEN it grants nothing and is a missing role', () => {
    const access = EffectiveAccess.compute([clusterRoleBinding('typo', 'system:kube-controler-manager', ctl)]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants).toEqual([]);
    expect(access.missingRoles()).toEqual([{ binding: { kind: 'ClusterRoleBinding', name: 'typo' }, roleRef: { kind: 'ClusterRole', name: 'system:kube-controler-manager' } }]);
  });

  test('GIVEN a RoleBinding in kube-system to the bootstrap Role system:controller:token-cleaner THEN secrets there; elsewhere a missing Role', () => {
    const access = EffectiveAccess.compute([
      roleBinding('kube-system', 'b', { kind: 'Role', name: 'system:controller:token-cleaner' }, ctl),
      roleBinding('apps', 'c', { kind: 'Role', name: 'system:controller:token-cleaner' }, ctl),
    ]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants;
    expect(grants.filter((g) => g.resource === 'secrets').map((g) => `${g.namespace}:${g.verb}`)).toEqual(['kube-system:delete', 'kube-system:get', 'kube-system:list', 'kube-system:watch']);
    expect(access.missingRoles().map((m) => `${m.binding.namespace}/${m.binding.name}`)).toEqual(['apps/c']);
  });

  test('GIVEN admin bound by a RoleBinding THEN aggregation resolves through the bootstrap aggregate-to roles (edit and view rules included)', () => {
    const grants = grantsOf([roleBinding('ops', 'b', { kind: 'ClusterRole', name: 'admin' }, ctl)]);
    expect(has(grants, 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(true);
    expect(has(grants, '', 'secrets', 'create')).toBe(true);
    expect(has(grants, 'apps', 'deployments', 'watch')).toBe(true);
  });

  test('GIVEN bootstrapBindings THEN the controllers\' ServiceAccounts in kube-system hold their roles; without it they are unknown', () => {
    const withBootstrap = EffectiveAccess.compute([], { bootstrapBindings: true });
    const aggregator = withBootstrap.forServiceAccount('kube-system', 'clusterrole-aggregation-controller')!;
    expect(has(aggregator.grants, 'rbac.authorization.k8s.io', 'clusterroles', 'escalate')).toBe(true);
    expect(aggregator.grants[0].binding).toMatchObject({ kind: 'ClusterRoleBinding', builtIn: true });
    expect(EffectiveAccess.compute([]).forServiceAccount('kube-system', 'clusterrole-aggregation-controller')).toBeUndefined();
    // Every ServiceAccount holds the baseline of system:serviceaccounts and system:authenticated.
    const urls = withBootstrap.grantSetsOf('apps', 'any').flatMap((set) => set.triples.map((t) => t.nonResourceURL)).filter(Boolean);
    expect(urls).toContain('/openid/v1/jwks');
    expect(urls).toContain('/version');
    // Users and groups of the bootstrap bindings are known as such.
    expect(has(withBootstrap.grantSetsOfUser('system:kube-controller-manager').flatMap((s) => s.triples) as AccessGrant[], '', 'serviceaccounts/token', 'create')).toBe(true);
    expect(withBootstrap.namedUsersAndGroups().groups).toContain('system:masters');
  });
});

describe('shadowed built-ins: an input role named like a reconciled bootstrap role does not replace it', () => {
  test('GIVEN an input admin with one harmless rule THEN the binding still grants all of admin, plus that rule', () => {
    // On main the input replaced the built-in: the binding looked harmless.
    const grants = grantsOf([
      clusterRole('admin', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
      roleBinding('ops', 'b', { kind: 'ClusterRole', name: 'admin' }, ctl),
    ]);
    expect(has(grants, '', 'configmaps', 'get')).toBe(true);
    expect(has(grants, 'rbac.authorization.k8s.io', 'rolebindings', 'create')).toBe(true);
    expect(has(grants, '', 'pods', 'create')).toBe(true);
    expect(grants[0].role).toEqual({ kind: 'ClusterRole', name: 'admin', builtIn: false, reconciled: true });
  });

  test('GIVEN an input edit without its aggregate-to-admin label THEN reconciliation puts the label back: admin still holds what edit aggregates', () => {
    const extra = clusterRole('widgets-edit', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['update'] }],
      { labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } });
    const access = EffectiveAccess.compute([clusterRole('edit', []), extra]);
    const admin = access.resolveRole('ClusterRole', 'admin')!;
    expect(admin.rules).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['update'] });
    expect(access.resolveRole('ClusterRole', 'edit')!.rules).toContainEqual({ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['update'] });
  });

  test('GIVEN an input system:node with an aggregationRule THEN reconciliation removes it (the bootstrap role is not aggregated)', () => {
    const access = EffectiveAccess.compute([clusterRole('system:node', [], {}, { aggregationRule: { clusterRoleSelectors: [{}] } })]);
    const node = access.resolveRole('ClusterRole', 'system:node')!;
    expect(node.rules.some((rule) => rule.resources?.includes('*'))).toBe(false);
    expect(node.rules).toContainEqual({ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] });
  });

  test('GIVEN an input role annotated autoupdate "false" THEN the API server leaves it: the input\'s rules only', () => {
    const grants = grantsOf([
      clusterRole('admin', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], { annotations: { [AUTOUPDATE]: 'false' } }),
      roleBinding('ops', 'b', { kind: 'ClusterRole', name: 'admin' }, ctl),
    ]);
    expect(grants.map((g) => `${g.resource}:${g.verb}`)).toEqual(['configmaps:get']);
  });

  test('GIVEN an input Role shadowing a bootstrap Role of kube-system THEN the union too; the same name elsewhere is just the input Role', () => {
    const rules = [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }];
    const access = EffectiveAccess.compute([role('kube-system', 'system:controller:token-cleaner', rules), role('apps', 'system:controller:token-cleaner', rules)]);
    expect(access.resolveRole('Role', 'system:controller:token-cleaner', 'kube-system')).toMatchObject({ builtIn: false, reconciled: true });
    expect(access.resolveRole('Role', 'system:controller:token-cleaner', 'kube-system')!.rules).toContainEqual(
      { apiGroups: [''], resources: ['secrets'], verbs: ['delete', 'get', 'list', 'watch'] });
    expect(access.resolveRole('Role', 'system:controller:token-cleaner', 'apps')).toEqual(
      { kind: 'Role', name: 'system:controller:token-cleaner', namespace: 'apps', rules, builtIn: false });
  });
});

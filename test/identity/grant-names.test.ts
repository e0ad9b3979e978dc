import { Chart, Testing } from 'cdk8s';
import { PropertyError } from '../../src/errors';
import { SecureServiceAccount } from '../../src/identity/secure-service-account';
import { ApiResource } from '../../src/rbac/api-resource';
import { GrantScope } from '../../src/rbac/grant-scope';
import { Permission } from '../../src/rbac/permission';
import { newChart, ofKind } from '../helpers';

const WIDGETS = ApiResource.custom({ apiGroup: 'widgets.example.com', resource: 'widgets' });

/** Role name per rule set, so the test compares names by what they grant. */
function roleNamesByRules(chart: Chart): Record<string, string> {
  return Object.fromEntries(ofKind(Testing.synth(chart), 'Role').map((role) => [JSON.stringify(role.rules), role.metadata.name]));
}

describe('SecureServiceAccount grant names come from the access, not the call order', () => {
  test('GIVEN two grants WHEN made in the opposite order THEN each access keeps its Role name', () => {
    const forward = newChart('ops');
    const a = new SecureServiceAccount(forward, 'sa', { metadata: { name: 'controller' } });
    a.grant(Permission.leaderElection());
    a.grant(Permission.read(ApiResource.CONFIG_MAPS));

    const backward = newChart('ops');
    const b = new SecureServiceAccount(backward, 'sa', { metadata: { name: 'controller' } });
    b.grant(Permission.read(ApiResource.CONFIG_MAPS));
    b.grant(Permission.leaderElection());

    const names = roleNamesByRules(forward);
    expect(Object.keys(names)).toHaveLength(2);
    expect(roleNamesByRules(backward)).toEqual(names);
  });

  test('GIVEN a grant THEN its Role and RoleBinding are named <ServiceAccount>-<8 hex digits>', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    const grant = sa.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const out = Testing.synth(chart);
    const [role] = ofKind(out, 'Role');
    expect(role.metadata.name).toMatch(/^controller-[0-9a-f]{8}$/);
    expect(ofKind(out, 'RoleBinding').map((b) => [b.metadata.name, b.roleRef.name])).toEqual([[role.metadata.name, role.metadata.name]]);
    expect(grant.roles.map((r) => r.name)).toEqual([role.metadata.name]);
  });

  test('GIVEN the same permissions in another order or grouping THEN the name is the same', () => {
    const names = [
      [Permission.read(ApiResource.CONFIG_MAPS, ApiResource.SERVICES), Permission.events()],
      [Permission.events(), Permission.read(ApiResource.SERVICES, ApiResource.CONFIG_MAPS)],
      [Permission.read(ApiResource.SERVICES), Permission.events(), Permission.read(ApiResource.CONFIG_MAPS)],
    ].map((permissions) => new SecureServiceAccount(newChart('ops'), 'sa', { metadata: { name: 'controller' } }).grant(...permissions).roles[0].name);
    expect(new Set(names).size).toBe(1);
  });

  test('GIVEN different access THEN different names: permissions, reasons, scope, namespace', () => {
    const grantName = (namespace: string, build: (sa: SecureServiceAccount) => { roles: { name: string }[] }) =>
      build(new SecureServiceAccount(newChart(namespace), 'sa', { metadata: { name: 'controller' } })).roles[0].name;
    const names = [
      grantName('ops', (sa) => sa.grant(Permission.read(ApiResource.CONFIG_MAPS))),
      grantName('ops', (sa) => sa.grant(Permission.read(ApiResource.SERVICES))),
      grantName('ops', (sa) => sa.grant(Permission.read(ApiResource.SECRETS).withJustification('reads its TLS secret'))),
      grantName('ops', (sa) => sa.grant(Permission.read(ApiResource.SECRETS).withJustification('another reason, for another controller'))),
      grantName('ops', (sa) => sa.grantInNamespaces(['team-a'], Permission.read(ApiResource.CONFIG_MAPS))),
      grantName('ops', (sa) => sa.grantClusterWide(Permission.read(ApiResource.CONFIG_MAPS))),
      // Same name and access in another namespace: the ClusterRoles of both must not collide.
      grantName('dev', (sa) => sa.grantClusterWide(Permission.read(ApiResource.CONFIG_MAPS))),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  test('GIVEN grant() and the equivalent grantInNamespaces([own]) THEN one grant, returned twice', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    const first = sa.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const second = sa.grantInNamespaces(['ops'], Permission.read(ApiResource.CONFIG_MAPS));
    expect(second).toBe(first);
    expect(ofKind(Testing.synth(chart), 'Role')).toHaveLength(1);
  });

  test('GIVEN grantWith a name THEN every object carries it, and the cluster part gets -cluster', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    sa.grantWith({ name: 'widget-reconciler', permissions: [Permission.reconcile(WIDGETS), Permission.read(ApiResource.NAMESPACES)] });
    const out = Testing.synth(chart);
    expect(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].map((kind) => ofKind(out, kind).map((o) => o.metadata.name)))
      .toEqual([['widget-reconciler'], ['widget-reconciler'], ['widget-reconciler-cluster'], ['widget-reconciler-cluster']]);
  });

  test('GIVEN grantWith a scope and a ClusterRole template THEN it is honoured', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    const grant = sa.grantWith({ permissions: [Permission.read(ApiResource.PODS)], grantScope: GrantScope.namespaces(['a', 'b']), clusterRoleTemplate: true });
    const out = Testing.synth(chart);
    expect(ofKind(out, 'Role')).toEqual([]);
    expect(ofKind(out, 'ClusterRole').map((r) => r.metadata.name)).toEqual([grant.roles[0].name]);
    expect(ofKind(out, 'RoleBinding').map((b) => b.metadata.namespace)).toEqual(['a', 'b']);
  });

  test('GIVEN a name already used for different access THEN PropertyError naming it', () => {
    const sa = new SecureServiceAccount(newChart('ops'), 'sa', { metadata: { name: 'controller' } });
    sa.grantWith({ name: 'reader', permissions: [Permission.read(ApiResource.CONFIG_MAPS)] });
    const again = () => sa.grantWith({ name: 'reader', permissions: [Permission.read(ApiResource.PODS)] });
    expect(again).toThrow(PropertyError);
    expect(again).toThrow("SecureServiceAccount 'test/sa': grant name 'reader' is already the name of another grant of this ServiceAccount");
  });

  test('GIVEN a refused grant WHEN retried THEN the same PropertyError, not a construct clash', () => {
    const sa = new SecureServiceAccount(newChart('ops'), 'sa', { metadata: { name: 'controller' } });
    for (let i = 0; i < 2; i++) {
      expect(() => sa.grant(Permission.read(ApiResource.SECRETS))).toThrow(/^RoleGrant 'test\/sa\/Grant-controller-[0-9a-f]{8}': permissions\[0\] read\(secrets\) carries the risk/);
    }
  });

  test('GIVEN a ServiceAccount name near the limit THEN the derived name stays a valid role name', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: `${'a'.repeat(235)}.bbbbbbbbbb` } });
    const grant = sa.grant(Permission.read(ApiResource.CONFIG_MAPS), Permission.read(ApiResource.NAMESPACES));
    const names = grant.roles.map((r) => r.name);
    expect(names).toHaveLength(2);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(253);
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    }
  });
});

import { Testing } from 'cdk8s';
import { SecureServiceAccount } from '../../src/identity/secure-service-account';
import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';
import { newChart, ofKind, onlyOfKind } from '../helpers';

describe('SecureServiceAccount grant methods', () => {
  test('grant(): a Role and RoleBinding in its own namespace, returned for inspection', () => {
    // GIVEN
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    // WHEN
    const grant = sa.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const manifests = Testing.synth(chart);
    // THEN
    expect(onlyOfKind(manifests, 'Role').metadata.namespace).toBe('ops');
    expect(onlyOfKind(manifests, 'Role').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    expect(onlyOfKind(manifests, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'controller', namespace: 'ops' }]);
    expect(grant.namespaces).toEqual(['ops']);
    expect(grant.roles.map((r) => r.kind)).toEqual(['Role']);
  });

  test('grant() uses the ServiceAccount namespace over the chart namespace', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller', namespace: 'elsewhere' } });
    sa.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const manifests = Testing.synth(chart);
    expect(onlyOfKind(manifests, 'Role').metadata.namespace).toBe('elsewhere');
    expect(onlyOfKind(manifests, 'RoleBinding').subjects[0].namespace).toBe('elsewhere');
  });

  test('grantInNamespaces(): one Role and RoleBinding per namespace', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    const grant = sa.grantInNamespaces(['a', 'b'], Permission.read(ApiResource.PODS));
    const manifests = Testing.synth(chart);
    expect(ofKind(manifests, 'Role').map((r) => r.metadata.namespace)).toEqual(['a', 'b']);
    expect(ofKind(manifests, 'RoleBinding').map((r) => r.metadata.namespace)).toEqual(['a', 'b']);
    expect(grant.clusterWide).toBe(false);
  });

  test('grantClusterWide(): a ClusterRole and a ClusterRoleBinding', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    const grant = sa.grantClusterWide(Permission.read(ApiResource.PODS));
    const manifests = Testing.synth(chart);
    expect(ofKind(manifests, 'ClusterRole')).toHaveLength(1);
    expect(onlyOfKind(manifests, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'controller', namespace: 'ops' }]);
    expect(grant.clusterWide).toBe(true);
    expect(grant.namespaces).toEqual(['*']);
  });

  test('several grants on one ServiceAccount get distinct names', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    sa.grant(Permission.leaderElection());
    sa.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const names = ofKind(Testing.synth(chart), 'Role').map((r) => r.metadata.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });

  test('a risky permission is refused with the ServiceAccount grant path', () => {
    const chart = newChart('ops');
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    expect(() => sa.grant(Permission.read(ApiResource.SECRETS))).toThrow(/^RoleGrant 'test\/sa\/Grant-controller-[0-9a-f]{8}': permissions\[0\] read\(secrets\) carries the risk rbac\/secrets-access/);
  });
});

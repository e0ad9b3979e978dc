import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { RoleGrant } from '../../src/identity/role-grant';
import { ApiResource } from '../../src/rbac/api-resource';
import { GrantScope } from '../../src/rbac/grant-scope';
import { Permission } from '../../src/rbac/permission';
import { RbacSubject } from '../../src/rbac/rbac-subject';
import { newChart, ofKind, onlyOfKind } from '../helpers';
import { errorOf, synthGrant } from '../rbac/synth-util';

const CONTROLLER = RbacSubject.serviceAccount('ops', 'controller');
const READ_CONFIG = Permission.read(ApiResource.CONFIG_MAPS);

describe('RoleGrant scopes', () => {
  test('by default: one Role and one RoleBinding in the ServiceAccount namespace, nothing cluster-wide', () => {
    // GIVEN / WHEN
    const manifests = synthGrant([READ_CONFIG], { name: 'controller' });
    // THEN
    expect(manifests.map((m) => m.kind)).toEqual(['Role', 'RoleBinding']);
    const binding = onlyOfKind(manifests, 'RoleBinding');
    expect(binding.metadata).toEqual({ name: 'controller', namespace: 'ops' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'controller' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'controller', namespace: 'ops' }]);
    expect(onlyOfKind(manifests, 'Role').metadata).toEqual({ name: 'controller', namespace: 'ops' });
  });

  test('a list of namespaces: one Role and RoleBinding per namespace, each binding the same ServiceAccount', () => {
    const manifests = synthGrant([READ_CONFIG], { name: 'watcher', grantScope: GrantScope.namespaces(['team-a', 'team-b']) });
    expect(ofKind(manifests, 'Role').map((r) => r.metadata.namespace)).toEqual(['team-a', 'team-b']);
    expect(ofKind(manifests, 'RoleBinding').map((b) => [b.metadata.namespace, b.roleRef.kind, b.roleRef.name, b.subjects[0].namespace])).toEqual([
      ['team-a', 'Role', 'watcher', 'ops'], ['team-b', 'Role', 'watcher', 'ops'],
    ]);
    for (const role of ofKind(manifests, 'Role')) {
      expect(role.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    }
    expect(ofKind(manifests, 'ClusterRoleBinding')).toEqual([]);
  });

  test('a list of namespaces with clusterRoleTemplate: one ClusterRole bound by a RoleBinding per namespace, no ClusterRoleBinding', () => {
    const manifests = synthGrant([READ_CONFIG], { name: 'watcher', grantScope: GrantScope.namespaces(['team-a', 'team-b']), clusterRoleTemplate: true });
    const clusterRole = onlyOfKind(manifests, 'ClusterRole');
    expect(clusterRole.metadata).toEqual({ name: 'watcher' });
    expect(clusterRole.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    expect(ofKind(manifests, 'RoleBinding').map((b) => [b.metadata.namespace, b.roleRef.kind, b.roleRef.name])).toEqual([
      ['team-a', 'ClusterRole', 'watcher'], ['team-b', 'ClusterRole', 'watcher'],
    ]);
    expect(ofKind(manifests, 'Role')).toEqual([]);
    expect(ofKind(manifests, 'ClusterRoleBinding')).toEqual([]);
  });

  test('explicit all namespaces: one ClusterRole and one ClusterRoleBinding, without the chart namespace', () => {
    const manifests = synthGrant([READ_CONFIG], { name: 'watcher', grantScope: GrantScope.allNamespaces() });
    expect(manifests.map((m) => m.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    const binding = onlyOfKind(manifests, 'ClusterRoleBinding');
    expect(binding.metadata).toEqual({ name: 'watcher' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'watcher' });
  });

  test('cluster-scoped resources go to their own ClusterRole; namespaced ones stay in the Role', () => {
    const manifests = synthGrant([Permission.read(ApiResource.CONFIG_MAPS, ApiResource.NODES)], { name: 'ctl' });
    expect(onlyOfKind(manifests, 'Role').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
    const clusterRole = onlyOfKind(manifests, 'ClusterRole');
    expect(clusterRole.metadata).toEqual({ name: 'ctl-cluster' });
    expect(clusterRole.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }]);
    expect(onlyOfKind(manifests, 'ClusterRoleBinding').roleRef.name).toBe('ctl-cluster');
  });

  test('a custom cluster-scoped resource is granted cluster-wide', () => {
    const clusterWidgets = ApiResource.custom({ apiGroup: 'example.com', resource: 'clusterwidgets', clusterScoped: true });
    const manifests = synthGrant([Permission.read(clusterWidgets)], { name: 'ctl' });
    expect(ofKind(manifests, 'Role')).toEqual([]);
    expect(onlyOfKind(manifests, 'ClusterRole').rules).toEqual([{ apiGroups: ['example.com'], resources: ['clusterwidgets'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('the summary lists exactly what was emitted', () => {
    const chart = newChart('ops');
    const grant = new RoleGrant(chart, 'grant', {
      subjects: [CONTROLLER], name: 'ctl', permissions: [READ_CONFIG, Permission.read(ApiResource.NODES)], grantScope: GrantScope.namespaces(['a', 'b']),
    });
    Testing.synth(chart);
    expect(grant.namespaces).toEqual(['a', 'b']);
    expect(grant.clusterWide).toBe(true);
    expect(grant.roles.map((r) => `${r.kind} ${r.namespace ?? '-'} ${r.name}`)).toEqual(['Role a ctl', 'Role b ctl', 'ClusterRole - ctl-cluster']);
    expect(grant.bindings.map((b) => `${b.kind} ${b.namespace ?? '-'} ${b.roleKind}/${b.roleName} ${b.subjects}`)).toEqual([
      'RoleBinding a Role/ctl ServiceAccount ops/controller',
      'RoleBinding b Role/ctl ServiceAccount ops/controller',
      'ClusterRoleBinding - ClusterRole/ctl-cluster ServiceAccount ops/controller',
    ]);
    expect(grant.rules).toEqual([{ apiGroups: [''], resources: ['configmaps', 'nodes'], verbs: ['get', 'list', 'watch'] }]);
    expect(grant.risks).toEqual([]);
    expect(grant.apiObjects).toHaveLength(6);
  });

  test('a namespaced-only grant is not cluster-wide', () => {
    const chart = newChart('ops');
    const grant = new RoleGrant(chart, 'grant', { subjects: [CONTROLLER], permissions: [READ_CONFIG] });
    expect(grant.clusterWide).toBe(false);
    expect(grant.namespaces).toEqual(['ops']);
  });

  test('group and user subjects carry the RBAC apiGroup', () => {
    const manifests = synthGrant([READ_CONFIG], { subjects: [RbacSubject.group('platform-team'), RbacSubject.user('alice')], grantScope: GrantScope.namespace('ops') });
    expect(onlyOfKind(manifests, 'RoleBinding').subjects).toEqual([
      { kind: 'Group', name: 'platform-team', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
  });
});

describe('RoleGrant refusals', () => {
  test('a ServiceAccount named default is refused', () => {
    const message = errorOf(() => [READ_CONFIG], { subjects: [RbacSubject.serviceAccount('ops', 'default')] });
    expect(message).toContain("RoleGrant 'test/grant': subjects[0] ServiceAccount 'ops/default' is refused");
  });

  test.each(['system:authenticated', 'system:serviceaccounts', 'system:masters'])('the group %s is refused', (group) => {
    const message = errorOf(() => [READ_CONFIG], { subjects: [RbacSubject.group(group)], grantScope: GrantScope.namespace('ops') });
    expect(message).toContain(`RoleGrant 'test/grant': subjects[0] Group '${group}' is refused`);
  });

  test.each(['cluster-admin', 'admin', 'edit', 'view', 'system:controller'])('the role name %s is refused', (name) => {
    const message = errorOf(() => [READ_CONFIG], { name });
    expect(message).toContain(`RoleGrant 'test/grant': name '${name}' is refused: it is (or could be) a built-in ClusterRole`);
  });

  test('an invalid role name is refused', () => {
    expect(errorOf(() => [READ_CONFIG], { name: 'My_Role' })).toContain("RoleGrant 'test/grant': name 'My_Role' is not a valid object name");
  });

  test('no subjects, no permissions, no namespace are refused', () => {
    expect(errorOf(() => [READ_CONFIG], { subjects: [] })).toContain("RoleGrant 'test/grant': subjects is empty");
    expect(errorOf(() => [])).toContain("RoleGrant 'test/grant': permissions is empty");
    expect(errorOf(() => [READ_CONFIG], { grantScope: GrantScope.namespaces([]) })).toContain("RoleGrant 'test/grant': grantScope lists no namespace");
    expect(errorOf(() => [READ_CONFIG], { grantScope: GrantScope.namespace('Team_A') })).toContain("grantScope namespace 'Team_A' is not a valid namespace name");
  });

  test('a ServiceAccount without a namespace (none on it, none on its chart) is refused', () => {
    // GIVEN a chart without a namespace
    const chart = new Chart(Testing.app(), 'plain');
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'controller' } });
    // WHEN / THEN
    expect(() => new RoleGrant(chart, 'grant', { subjects: [RbacSubject.fromServiceAccount(sa)], permissions: [READ_CONFIG] }))
      .toThrow("RoleGrant 'plain/grant': subjects[0] ServiceAccount 'controller' has no namespace");
  });

  test('an empty user name is refused', () => {
    expect(errorOf(() => [READ_CONFIG], { subjects: [RbacSubject.user('')], grantScope: GrantScope.namespace('ops') }))
      .toContain("RoleGrant 'test/grant': subjects[0] User name '' is empty");
  });

  test('without a ServiceAccount subject the scope must be given', () => {
    expect(errorOf(() => [READ_CONFIG], { subjects: [RbacSubject.group('platform-team')] })).toContain("RoleGrant 'test/grant': grantScope is required here (no ServiceAccount subject)");
  });

  test('clusterRoleTemplate with all namespaces is refused (a dead option)', () => {
    expect(errorOf(() => [READ_CONFIG], { grantScope: GrantScope.allNamespaces(), clusterRoleTemplate: true })).toContain('clusterRoleTemplate true only applies to a list of namespaces');
  });

  test('a catalogued risk without a reason is refused, naming the risk and the fix', () => {
    const message = errorOf(() => [Permission.read(ApiResource.SECRETS)]);
    expect(message).toContain("RoleGrant 'test/grant': permissions[0] read(secrets) carries the risk rbac/secrets-access");
    expect(message).toContain(".withJustification('why this is needed')");
  });

  test.each([
    ['create pods', () => Permission.manage(ApiResource.PODS), 'rbac/create-pods'],
    ['exec', () => Permission.custom({ resources: [ApiResource.of('pods/exec')], verbs: ['get'] }), 'rbac/exec-attach'],
    ['token request', () => Permission.custom({ resources: [ApiResource.of('serviceaccounts/token')], verbs: ['create'] }), 'rbac/token-request'],
    ['PV create', () => Permission.manage(ApiResource.PERSISTENT_VOLUMES), 'rbac/persistent-volume-create'],
  ])('%s without a reason is refused', (_name, build, riskId) => {
    expect(errorOf(() => [build()])).toContain(`carries the risk ${riskId}`);
  });

  test('a justified risk is granted, listed in risks and written as a suppression with the reason', () => {
    // GIVEN
    const chart = newChart('ops');
    const reason = 'serves TLS with the certificate in Secret webhook-tls';
    // WHEN
    const grant = new RoleGrant(chart, 'grant', {
      subjects: [CONTROLLER],
      permissions: [Permission.getNamed(ApiResource.SECRETS, 'webhook-tls').withJustification(reason), READ_CONFIG],
    });
    const manifests = Testing.synth(chart);
    // THEN
    expect(grant.risks).toEqual(['rbac/secrets-access']);
    const role = onlyOfKind(manifests, 'Role');
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['webhook-tls'] });
    expect(JSON.parse(role.metadata.annotations['guardrails.cdk8s.io/suppress'])).toEqual([{ rule: 'rbac/secrets-access', reason }]);
  });

  test('an empty justification is refused', () => {
    expect(errorOf(() => [Permission.read(ApiResource.SECRETS).withJustification(' ')])).toContain('justification is empty');
  });
  test('GIVEN a justification or wildcard justification the engine would refuse (not a sentence) THEN the grant refuses it when built, naming the construct, instead of failing the synth later', () => {
    expect(errorOf(() => [Permission.read(ApiResource.SECRETS).withJustification('needed')]))
      .toBe("RoleGrant 'test/grant': permissions[0] read(secrets): justification reason \"needed\" is too short: write a sentence of at least 20 characters explaining why the finding is acceptable");
    expect(errorOf(() => [Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['*'], wildcardJustification: 'debugging' })]))
      .toContain("RoleGrant 'test/grant': permissions[0] custom(configmaps: *): wildcardJustification reason \"debugging\" is too short");
  });

});

describe('RoleGrant property: the synthesized RBAC grants exactly what was asked', () => {
  const RESOURCES = [ApiResource.CONFIG_MAPS, ApiResource.SERVICES, ApiResource.DEPLOYMENTS.subresource('status'), ApiResource.NODES,
    ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' })];
  const permissionArb = fc.record({
    resources: fc.subarray(RESOURCES, { minLength: 1 }),
    verbs: fc.subarray(['get', 'update', 'patch', 'delete'], { minLength: 1 }),
    named: fc.boolean(),
  }).map(({ resources, verbs, named }) => ({ resources, verbs, names: named ? ['x'] : undefined }));

  test('union of requested (group, resource, verb, names) = union of the emitted rules; cluster-scoped ones only in the ClusterRole', () => {
    fc.assert(fc.property(fc.array(permissionArb, { minLength: 1, maxLength: 5 }), (asked) => {
      // GIVEN random permissions WHEN granted in namespace ops
      const manifests = synthGrant(asked.map((p) => Permission.custom({ resources: p.resources, verbs: p.verbs, resourceNames: p.names })));
      // THEN
      const key = (g: string, r: string, v: string, names?: readonly string[]) => `${g}|${r}|${v}|${names ? names.join(',') : '*'}`;
      const expected = new Set<string>();
      for (const p of asked) {
        for (const r of p.resources) for (const v of p.verbs) expected.add(key(r.apiGroup, r.resource, v, p.names));
      }
      // an unrestricted grant covers the named one
      for (const k of [...expected]) if (!k.endsWith('|*') && expected.has(k.replace(/\|[^|]*$/, '|*'))) expected.delete(k);
      const emitted = new Set<string>();
      for (const role of [...ofKind(manifests, 'Role'), ...ofKind(manifests, 'ClusterRole')]) {
        for (const rule of role.rules) {
          for (const g of rule.apiGroups) {
            for (const r of rule.resources) {
              expect(role.kind === 'ClusterRole').toBe(r === 'nodes');
              for (const v of rule.verbs) emitted.add(key(g, r, v, rule.resourceNames));
            }
          }
        }
      }
      expect([...emitted].sort()).toEqual([...expected].sort());
    }), { numRuns: 60 });
  });
});

import { createApp, WATCHED_NAMESPACES } from '../../examples/least-privilege/app';
import { RiskCatalogue } from '../../src/compliance/risk-catalogue';
import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';
import { Json, ofKind, onlyOfKind } from '../helpers';

function synthesized(): Json[] {
  const app = createApp();
  return app.charts.flatMap((chart) => chart.toJson());
}

describe('examples/least-privilege: an operator granted only what it needs', () => {
  const manifests = synthesized();

  test('leader election is a Role in its own namespace with exactly leases get/create/update and events create/patch', () => {
    const ownRoles = ofKind(manifests, 'Role').filter((r) => r.metadata.namespace === 'widget-system');
    expect(ownRoles).toHaveLength(1);
    expect(ownRoles[0].rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
  });

  test('each watched namespace gets one Role with the reconcile rules, and one RoleBinding to the operator', () => {
    for (const namespace of WATCHED_NAMESPACES) {
      const roles = ofKind(manifests, 'Role').filter((r) => r.metadata.namespace === namespace);
      expect(roles).toHaveLength(1);
      expect(roles[0].rules).toEqual([
        { apiGroups: [''], resources: ['configmaps', 'services'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['widgets.example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: ['widgets.example.com'], resources: ['widgets/status'], verbs: ['get', 'update', 'patch'] },
      ]);
      const bindings = ofKind(manifests, 'RoleBinding').filter((b) => b.metadata.namespace === namespace);
      expect(bindings).toHaveLength(1);
      expect(bindings[0].roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roles[0].metadata.name });
      expect(bindings[0].subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'widget-system' }]);
    }
  });

  test('nothing is cluster-wide, nothing is wildcard, and no rule carries a catalogued risk', () => {
    expect(ofKind(manifests, 'ClusterRole')).toEqual([]);
    expect(ofKind(manifests, 'ClusterRoleBinding')).toEqual([]);
    const rules = ofKind(manifests, 'Role').flatMap((r) => r.rules);
    expect(rules.flatMap((rule) => RiskCatalogue.assess(rule))).toEqual([]);
    expect(JSON.stringify(rules)).not.toContain('*');
    expect(JSON.stringify(rules)).not.toContain('secrets');
  });

  test('effective access: the operator holds exactly these grants, and in no other namespace', () => {
    const access = EffectiveAccess.compute(manifests as Manifest[]).forServiceAccount('widget-system', 'widget-operator')!;
    expect(access.declared).toBe(true);
    expect([...new Set(access.grants.map((g) => g.namespace))].sort()).toEqual(['team-a', 'team-b', 'widget-system']);
    const inOwnNamespace = access.grants.filter((g) => g.namespace === 'widget-system').map((g) => `${g.apiGroup}/${g.resource}:${g.verb}`).sort();
    expect(inOwnNamespace).toEqual(['/events:create', '/events:patch', 'coordination.k8s.io/leases:create', 'coordination.k8s.io/leases:get', 'coordination.k8s.io/leases:update']);
    expect(access.grants.filter((g) => g.namespace === 'team-a')).toHaveLength(7 + 7 + 2 + 7 + 3);
  });

  test('the operator pod runs as its ServiceAccount with the token mounted by projection only', () => {
    const deployment = onlyOfKind(manifests, 'Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe('widget-operator');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(onlyOfKind(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].env).toContainEqual({ name: 'WATCH_NAMESPACE', value: 'team-a,team-b' });
  });
});

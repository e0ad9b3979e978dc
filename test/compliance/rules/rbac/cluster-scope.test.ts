import { binding, role, runRule } from '../../helpers';

const RULE = 'rbac/cluster-scope';
const sa = [{ kind: 'ServiceAccount', name: 'op', namespace: 'ops' }];

describe(RULE, () => {
  test('GIVEN a ClusterRoleBinding to a ClusterRole of namespaced resources only (RoleBinding-able) THEN a warning', () => {
    const findings = runRule(RULE, [
      role('read-pods', [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get'] }, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] }], 'ClusterRole'),
      binding('read-pods', { kind: 'ClusterRole', name: 'read-pods' }, sa, 'ClusterRoleBinding'),
    ]);
    expect(findings).toMatchObject([{ severity: 'warning', object: { kind: 'ClusterRoleBinding' }, path: '/roleRef', target: 'read-pods' }]);
  });

  test('GIVEN the same ClusterRole bound by a RoleBinding THEN no finding', () => {
    expect(runRule(RULE, [
      role('read-pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'ClusterRole'),
      binding('read-pods', { kind: 'ClusterRole', name: 'read-pods' }, sa),
    ])).toEqual([]);
  });

  test('GIVEN a ClusterRole that includes a cluster-scoped resource, a wildcard or an unknown resource THEN no finding', () => {
    const manifests = [
      role('nodes', [{ apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get'] }], 'ClusterRole'),
      role('all', [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }], 'ClusterRole'),
      role('crd', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }], 'ClusterRole'),
      ...['nodes', 'all', 'crd'].map((n) => binding(n, { kind: 'ClusterRole', name: n }, sa, 'ClusterRoleBinding')),
    ];
    expect(runRule(RULE, manifests)).toEqual([]);
  });

  test('GIVEN a custom resource whose CRD in the input is Namespaced THEN it counts as namespaced', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { scope: 'Namespaced', names: { plural: 'widgets' } } };
    expect(runRule(RULE, [
      crd,
      role('crd', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }], 'ClusterRole'),
      binding('crd', { kind: 'ClusterRole', name: 'crd' }, sa, 'ClusterRoleBinding'),
    ])).toHaveLength(1);
  });
});

import { binding, role } from '../../helpers';
import { runRule } from '../../rule-harness';

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
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets' } } };
    expect(runRule(RULE, [
      crd,
      role('crd', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }], 'ClusterRole'),
      binding('crd', { kind: 'ClusterRole', name: 'crd' }, sa, 'ClusterRoleBinding'),
    ])).toHaveLength(1);
  });
});

describe(`${RULE} edges`, () => {
  const crb = (name: string) => binding(name, { kind: 'ClusterRole', name }, sa, 'ClusterRoleBinding');
  const pods = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };

  test('GIVEN a finding THEN its message names the ClusterRole and says to use RoleBindings', () => {
    expect(runRule(RULE, [role('read-pods', [pods], 'ClusterRole'), crb('read-pods')]).map((f) => f.message)).toEqual([
      "ClusterRole 'read-pods' grants only namespaced resources, yet this ClusterRoleBinding grants them in every namespace. Use a RoleBinding per namespace instead.",
    ]);
  });

  test('GIVEN a namespaced rule and a separate rule on a cluster-scoped resource THEN no finding (every rule must be namespaced)', () => {
    expect(runRule(RULE, [role('mixed', [pods, { apiGroups: [''], resources: ['nodes'], verbs: ['get'] }], 'ClusterRole'), crb('mixed')])).toEqual([]);
  });

  test('GIVEN a rule on non-resource URLs THEN no finding (only a ClusterRoleBinding can grant them); an empty list grants none', () => {
    expect(runRule(RULE, [role('health', [pods, { nonResourceURLs: ['/healthz'], verbs: ['get'] }], 'ClusterRole'), crb('health')])).toEqual([]);
    expect(runRule(RULE, [role('empty-urls', [{ ...pods, nonResourceURLs: [] }], 'ClusterRole'), crb('empty-urls')])).toHaveLength(1);
  });

  test('GIVEN a rule without resources next to a namespaced rule THEN a warning (a rule without resources grants no cluster-scoped one)', () => {
    expect(runRule(RULE, [role('partial', [pods, { apiGroups: [''], verbs: ['get'] }], 'ClusterRole'), crb('partial')])).toHaveLength(1);
  });

  test('GIVEN a ClusterRole with no rules, an empty rule list or an aggregationRule THEN no finding (nothing to judge: aggregated rules are filled in by the cluster)', () => {
    const noRules = { ...role('no-rules', [], 'ClusterRole'), rules: undefined };
    const aggregated = { ...role('aggregated', [pods], 'ClusterRole'), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-aggregated': 'true' } }] } };
    expect(runRule(RULE, [noRules, role('empty', [], 'ClusterRole'), aggregated, crb('no-rules'), crb('empty'), crb('aggregated')])).toEqual([]);
  });

  test('GIVEN a ClusterRoleBinding to a ClusterRole absent from the input (built-in view, or missing) THEN no finding and no crash', () => {
    expect(runRule(RULE, [crb('view'), crb('ghost')])).toEqual([]);
  });

  test('GIVEN a ClusterRoleBinding without roleRef, with a roleRef to a Role, or with a non-string name THEN no finding and no crash', () => {
    const noRoleRef = { ...crb('a'), roleRef: undefined };
    expect(runRule(RULE, [
      role('read-pods', [pods], 'ClusterRole'),
      role('42', [pods], 'ClusterRole'),
      noRoleRef,
      binding('b', { kind: 'Role', name: 'read-pods' }, sa, 'ClusterRoleBinding'),
      binding('c', { kind: 'ClusterRole', name: 42 as unknown as string }, sa, 'ClusterRoleBinding'),
    ])).toEqual([]);
  });

  test('GIVEN malformed rules (null, a string) or a non-string resource next to namespaced ones THEN no finding and no crash', () => {
    expect(runRule(RULE, [
      role('null-rule', [pods, null], 'ClusterRole'),
      role('string-rule', [pods, 'pods'], 'ClusterRole'),
      role('number-resource', [{ apiGroups: [''], resources: ['pods', 42], verbs: ['get'] }], 'ClusterRole'),
      crb('null-rule'), crb('string-rule'), crb('number-resource'),
    ])).toEqual([]);
  });

  describe('custom resources', () => {
    const crd = (spec: unknown) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec });
    const namespacedWidgets = crd({ group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets' } });
    const widgets = (apiGroups?: string[]) => role('crd', [{ ...(apiGroups ? { apiGroups } : {}), resources: ['widgets', 'widgets/status'], verbs: ['get'] }], 'ClusterRole');

    test('GIVEN a Namespaced CRD THEN its resource and subresources count as namespaced in its group', () => {
      expect(runRule(RULE, [namespacedWidgets, widgets(['example.com']), crb('crd')]).map((f) => f.target)).toEqual(['crd']);
    });

    test('GIVEN a CRD that is Cluster-scoped, or has no spec, names or group THEN its resource is not assumed namespaced', () => {
      expect(runRule(RULE, [crd({ group: 'example.com', scope: 'Cluster', names: { plural: 'widgets' } }), widgets(['example.com']), crb('crd')])).toEqual([]);
      expect(runRule(RULE, [crd(undefined), widgets(['example.com']), crb('crd')])).toEqual([]);
      expect(runRule(RULE, [crd({ group: 'example.com', scope: 'Namespaced' }), widgets(['example.com']), crb('crd')])).toEqual([]);
      expect(runRule(RULE, [crd({ scope: 'Namespaced', names: { plural: 'widgets' } }), widgets(['example.com']), crb('crd')])).toEqual([]);
    });

    test('GIVEN a rule on a resource of that name in another group, in every group (`*`) or in no group THEN it is not assumed namespaced', () => {
      // other.io may define a cluster-scoped `widgets`; the input says nothing about it.
      expect(runRule(RULE, [namespacedWidgets, widgets(['example.com', 'other.io']), crb('crd')])).toEqual([]);
      expect(runRule(RULE, [namespacedWidgets, widgets(['*']), crb('crd')])).toEqual([]);
      expect(runRule(RULE, [namespacedWidgets, widgets(), crb('crd')])).toEqual([]);
    });
  });
});

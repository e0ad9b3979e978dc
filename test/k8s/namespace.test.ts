import { CLUSTER_SCOPED_KINDS } from '../../src/k8s/cluster-scoped-kinds';
import { Namespaces } from '../../src/k8s/namespace';

const object = (apiVersion: string, kind: string, namespace?: unknown) => ({ apiVersion, kind, metadata: { name: 'x', ...(namespace !== undefined ? { namespace } : {}) } });

describe('Namespaces: where kubectl apply [-n NS] puts an object', () => {
  test('a namespaced object without a namespace is in -n NS, or without -n in default', () => {
    expect(Namespaces.resolve(object('v1', 'ServiceAccount'), 'monitoring')).toBe('monitoring');
    expect(Namespaces.resolve(object('v1', 'ServiceAccount'))).toBe('default');
    expect(Namespaces.resolve(object('v1', 'ServiceAccount', ''), 'monitoring')).toBe('monitoring');
  });

  test('an object\'s own namespace wins (and with -n naming another one, kubectl refuses it)', () => {
    expect(Namespaces.resolve(object('apps/v1', 'Deployment', 'shop'), 'monitoring')).toBe('shop');
    expect(Namespaces.conflict(object('apps/v1', 'Deployment', 'shop'), 'monitoring')).toMatch(/"shop" does not match the namespace "monitoring"/);
    expect(Namespaces.conflict(object('apps/v1', 'Deployment', 'shop'), 'shop')).toBeUndefined();
    expect(Namespaces.conflict(object('apps/v1', 'Deployment', 'shop'), undefined)).toBeUndefined();
    expect(Namespaces.conflict(object('apps/v1', 'Deployment'), 'monitoring')).toBeUndefined();
  });

  test.each([
    ['v1', 'Namespace'], ['v1', 'Node'], ['v1', 'PersistentVolume'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
    ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'], ['storage.k8s.io/v1', 'StorageClass'],
  ])('%s %s is cluster-scoped: no namespace, not even with -n, and no conflict', (apiVersion, kind) => {
    expect(Namespaces.isNamespaced(apiVersion, kind)).toBe(false);
    expect(Namespaces.resolve(object(apiVersion, kind), 'monitoring')).toBeUndefined();
    expect(Namespaces.conflict(object(apiVersion, kind, 'other'), 'monitoring')).toBeUndefined();
  });

  test.each([
    ['v1', 'ConfigMap'], ['rbac.authorization.k8s.io/v1', 'Role'], ['authorization.k8s.io/v1', 'LocalSubjectAccessReview'],
    ['example.com/v1', 'Namespace'], ['v1', 'ClusterRole'],
  ])('%s %s is namespaced (kinds are told apart by their group too)', (apiVersion, kind) => {
    expect(Namespaces.isNamespaced(apiVersion, kind)).toBe(true);
  });

  test('a custom kind is namespaced unless a CustomResourceDefinition in the input says scope: Cluster', () => {
    const crd = (scope: string) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { group: 'example.com', scope, names: { kind: 'Widget' } } });
    expect(Namespaces.resolve(object('example.com/v1', 'Widget'), 'ns', Namespaces.clusterScopedCustomKinds([crd('Namespaced')]))).toBe('ns');
    const clusterScoped = Namespaces.clusterScopedCustomKinds([crd('Cluster')]);
    expect(clusterScoped).toEqual(new Set(['example.com/Widget']));
    expect(Namespaces.resolve(object('example.com/v1', 'Widget'), 'ns', clusterScoped)).toBeUndefined();
    expect(Namespaces.resolve(object('other.example.com/v1', 'Widget'), 'ns', clusterScoped)).toBe('ns');
  });

  test('the table lists each kind once, in groups without a version', () => {
    const keys = CLUSTER_SCOPED_KINDS.flatMap(({ group, kinds }) => kinds.map((k) => `${group}/${k}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(CLUSTER_SCOPED_KINDS.every(({ group }) => !group.includes('/'))).toBe(true);
  });
});

describe('Namespaces on malformed input (what the reader passes on as it is)', () => {
  const crd = (over: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgets' }, ...spec },
    ...over,
  });

  test('GIVEN CustomResourceDefinitions THEN only a well-formed apiextensions one with scope Cluster, a group and a kind counts', () => {
    expect([...Namespaces.clusterScopedCustomKinds([crd({})])]).toEqual(['example.com/Widget']);
    expect([...Namespaces.clusterScopedCustomKinds([crd({ apiVersion: 'apiextensions.k8s.io/v1beta1' })])]).toEqual(['example.com/Widget']);
    for (const bad of [
      null, undefined, 7, {}, crd({ kind: 'Widget' }), crd({ apiVersion: 'example.com/v1' }), crd({ apiVersion: 3 }), crd({ spec: null }), crd({ spec: undefined }),
      crd({}, { scope: 'Namespaced' }), crd({}, { group: 5 }), crd({}, { names: null }), crd({}, { names: { kind: 4 } }),
    ]) {
      expect([...Namespaces.clusterScopedCustomKinds([bad])]).toEqual([]);
    }
  });

  test('GIVEN a kind that is not a string, or no apiVersion THEN namespaced, the group read from the apiVersion only', () => {
    expect(Namespaces.isNamespaced('v1', undefined)).toBe(true);
    expect(Namespaces.isNamespaced('v1', 7)).toBe(true);
    // Without an apiVersion the kind is looked up in the core group: Namespace is cluster-scoped there.
    expect(Namespaces.isNamespaced(undefined, 'Namespace')).toBe(false);
    expect(Namespaces.isNamespaced(5, 'Namespace')).toBe(false);
    expect(Namespaces.isNamespaced('v1', 'Namespace')).toBe(false);
    expect(Namespaces.isNamespaced('rbac.authorization.k8s.io/v1', 'ClusterRole')).toBe(false);
    expect(Namespaces.isNamespaced('example.com/v1', 'ClusterRole')).toBe(true);
    expect(Namespaces.isNamespaced('v1', 'ClusterRole')).toBe(true);
  });

  test('GIVEN no object, no metadata or a namespace that is not a string THEN resolve gives -n or default, and conflict nothing', () => {
    for (const m of [null, undefined, { apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: null }, object('v1', 'ConfigMap', 9)]) {
      expect(Namespaces.resolve(m)).toBe('default');
      expect(Namespaces.resolve(m, 'team-a')).toBe('team-a');
      expect(Namespaces.conflict(m, 'team-a')).toBeUndefined();
    }
    expect(Namespaces.conflict(object('v1', 'ConfigMap', ''), 'team-a')).toBeUndefined();
    expect(Namespaces.conflict(object('v1', 'ConfigMap', 'team-a'), 'team-a')).toBeUndefined();
    expect(Namespaces.conflict(object('v1', 'Namespace', 'team-b'), 'team-a')).toBeUndefined();
    expect(Namespaces.conflict(object('v1', 'ConfigMap', 'team-b'), 'team-a'))
      .toBe('the namespace from the provided object "team-b" does not match the namespace "team-a": kubectl apply -n team-a refuses it');
  });
});

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

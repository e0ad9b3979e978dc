import { DEFAULT_NAMESPACE, Namespaces } from '../../src/k8s/namespace';

const object = (kind: string, namespace?: string) => ({ apiVersion: 'v1', kind, metadata: namespace === undefined ? { name: 'x' } : { name: 'x', namespace } });

describe('Namespaces.resolve: where kubectl apply [-n] puts an object', () => {
  test('GIVEN a namespaced object without a namespace THEN it is in the -n namespace, else default', () => {
    expect(DEFAULT_NAMESPACE).toBe('default');
    expect(Namespaces.resolve(object('ServiceAccount'))).toBe('default');
    expect(Namespaces.resolve(object('ServiceAccount'), 'argocd')).toBe('argocd');
    expect(Namespaces.resolve(object('ServiceAccount', ''), 'argocd')).toBe('argocd');
  });

  test('GIVEN a namespaced object with a namespace THEN it keeps it, whatever -n says', () => {
    expect(Namespaces.resolve(object('RoleBinding', 'prod'), 'argocd')).toBe('prod');
  });

  test('GIVEN a cluster-scoped kind THEN it has no namespace, even when one is written (the API server clears it)', () => {
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'PersistentVolume', 'Node']) {
      expect(Namespaces.resolve(object(kind, 'prod'), 'argocd')).toBeUndefined();
    }
  });

  test('GIVEN custom kinds THEN they are namespaced unless a CRD of the input declares them cluster-scoped', () => {
    const crds = [
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' }, spec: { scope: 'Cluster', names: { kind: 'Gadget' } } },
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' }, spec: { scope: 'Namespaced', names: { kind: 'Widget' } } },
    ];
    const clusterKinds = Namespaces.clusterScopedCustomKinds(crds);
    expect([...clusterKinds]).toEqual(['Gadget']);
    expect(Namespaces.resolve(object('Gadget'), 'argocd', clusterKinds)).toBeUndefined();
    expect(Namespaces.resolve(object('Widget'), 'argocd', clusterKinds)).toBe('argocd');
    expect(Namespaces.resolve(object('Unknown'), 'argocd', clusterKinds)).toBe('argocd');
  });
});

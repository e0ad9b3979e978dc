import { deployment, serviceAccount } from './helpers';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import type { Manifest } from '../../src/k8s/manifest';
import { PodTemplates } from '../../src/k8s/pod-templates';
import type { ManifestInput } from '../../src/reader/input';

const indexOf = (...manifests: any[]) => new ManifestIndex(manifests.map((manifest) => ({ manifest })));

function pod(name: string, spec: Record<string, any>, metadata: Record<string, any> = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec };
}

describe('ManifestIndex: objects', () => {
  test('GIVEN objects with and without a namespace and a source THEN each keeps its position and its source (an empty one when none), and a namespaced object without a string namespace is in `default`, as kubectl puts it', () => {
    const inputs: ManifestInput[] = [
      { manifest: serviceAccount('a', {}, 'apps'), source: { file: 'a.yaml', line: 4 } },
      { manifest: serviceAccount('b', {}) },
      // A namespace that is not a string (the access report reads YAML the engine has not validated).
      { manifest: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'c', namespace: 5 as any } } },
    ];
    const index = new ManifestIndex(inputs);
    expect(index.objects.map((o) => [o.index, o.manifest.metadata.name, o.namespace, o.source])).toEqual([
      [0, 'a', 'apps', { file: 'a.yaml', line: 4 }],
      [1, 'b', 'default', {}],
      [2, 'c', 'default', {}],
    ]);
    expect(index.get('ServiceAccount', 'default', 'c')).toBe(index.objects[2]);
  });

  test('GIVEN objects of several kinds interleaved THEN ofKinds lists those of the kinds asked for in input order, whatever the order of the kinds', () => {
    const kinds = ['ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap'];
    const manifests = Array.from({ length: 40 }, (_, i) => ({ apiVersion: 'v1', kind: kinds[(i * 7 + Math.floor(i / 4)) % kinds.length], metadata: { name: `o${i}` } }));
    const index = indexOf(...manifests);
    const expected = (asked: string[]) => manifests.flatMap((m, i) => (asked.includes(m.kind) ? [i] : []));
    expect(expected(['RoleBinding', 'ServiceAccount']).length).toBeGreaterThan(10);
    expect(index.ofKinds(['RoleBinding', 'ServiceAccount']).map((o) => o.index)).toEqual(expected(['RoleBinding', 'ServiceAccount']));
    expect(index.ofKinds(['ConfigMap', 'Secret', 'Role', 'ServiceAccount', 'RoleBinding']).map((o) => o.index)).toEqual(expected(kinds));
    expect(index.ofKinds(['Secret'])).toEqual([]);
    expect(index.ofKinds([])).toEqual([]);
  });

  test('GIVEN several objects of a kind in several namespaces THEN ofKind lists them in input order and get finds each by kind, namespace and name', () => {
    const index = indexOf(
      serviceAccount('web', {}, 'apps'),
      serviceAccount('web', {}),
      deployment('web', { containers: [] }, 'apps'),
      serviceAccount('db', {}, 'apps'),
      serviceAccount('db', {}),
    );
    expect(index.ofKind('ServiceAccount').map((o) => o.index)).toEqual([0, 1, 3, 4]);
    expect(index.ofKind('Secret')).toEqual([]);
    expect(index.get('ServiceAccount', 'apps', 'web')?.index).toBe(0);
    expect(index.get('ServiceAccount', 'default', 'web')?.index).toBe(1);
    expect(index.get('Deployment', 'apps', 'web')?.index).toBe(2);
    expect(index.get('ServiceAccount', 'apps', 'db')?.index).toBe(3);
    expect(index.get('ServiceAccount', 'default', 'db')?.index).toBe(4);
    expect(index.get('ServiceAccount', 'other', 'web')).toBeUndefined();
    expect(index.get('ServiceAccount', 'apps', 'cache')).toBeUndefined();
    expect(index.get('Role', undefined, 'web')).toBeUndefined();
  });

  test('GIVEN a name or namespace that is not a string (a number from YAML) THEN get compares it as a string', () => {
    const index = indexOf(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: '123' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: '2024' } },
    );
    expect(index.get('ClusterRole', undefined, 123 as any)?.index).toBe(0);
    expect(index.get('ServiceAccount', 2024 as any, 'web')?.index).toBe(1);
    expect(index.get('ClusterRole', null as any, '123')?.index).toBe(0);
  });

  test('GIVEN two objects with the same kind, namespace and name THEN get returns the later one', () => {
    const index = indexOf(serviceAccount('web', {}), serviceAccount('web', { automountServiceAccountToken: true }));
    expect(index.get('ServiceAccount', 'default', 'web')?.index).toBe(1);
  });

  test('GIVEN a run namespace (kubectl apply -n) THEN namespaced objects without one are in it, those with one keep theirs, and cluster-scoped objects have none, even when they name one', () => {
    const index = new ManifestIndex([
      { manifest: serviceAccount('web', {}) },
      { manifest: serviceAccount('db', {}, 'data') },
      { manifest: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'ignored' } } },
      { manifest: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' }, spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Gadget' } } } },
      { manifest: { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' } } },
      { manifest: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } },
    ], 'argocd');
    expect(index.objects.map((o) => o.namespace)).toEqual(['argocd', 'data', undefined, undefined, undefined, 'argocd']);
    expect(index.defaultNamespace).toBe('argocd');
    expect(index.get('ServiceAccount', 'argocd', 'web')?.index).toBe(0);
    expect(index.get('ClusterRole', undefined, 'reader')?.index).toBe(2);
  });

  test('GIVEN objects of a custom kind before the CRD that makes it cluster-scoped THEN they have no namespace, are filed without one, and did not take the default', () => {
    const gadget = (name: string, namespace?: string) => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name, ...(namespace ? { namespace } : {}) } });
    const index = new ManifestIndex([
      { manifest: gadget('g') },
      { manifest: gadget('g', 'named') },
      // The same kind name in another group stays namespaced.
      { manifest: { apiVersion: 'other.io/v1', kind: 'Gadget', metadata: { name: 'o' } } },
      { manifest: serviceAccount('web', {}) },
      { manifest: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' }, spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Gadget' } } } },
      { manifest: gadget('h') },
    ], 'argocd');
    expect(index.objects.map((o) => o.namespace)).toEqual([undefined, undefined, 'argocd', 'argocd', undefined, undefined]);
    // A later object with the same key still wins; nothing is left under the namespace it first got.
    expect(index.get('Gadget', undefined, 'g')?.index).toBe(1);
    expect(index.get('Gadget', 'argocd', 'g')).toBeUndefined();
    expect(index.get('Gadget', undefined, 'h')?.index).toBe(5);
    expect(index.get('Gadget', 'argocd', 'o')?.index).toBe(2);
    // The other group's Gadget and the ServiceAccount took the run's namespace.
    expect(index.defaultedObjects).toBe(2);
  });

  test('GIVEN a CRD whose kind holds a "/" (not a valid kind, but written) THEN objects of that kind before it still lose their namespace', () => {
    const index = new ManifestIndex([
      { manifest: { apiVersion: 'weird.io/v1', kind: 'Odd/Kind', metadata: { name: 'x' } } },
      { manifest: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'odds.weird.io' }, spec: { group: 'weird.io', scope: 'Cluster', names: { kind: 'Odd/Kind' } } } },
    ], 'argocd');
    expect(index.objects.map((o) => o.namespace)).toEqual([undefined, undefined]);
    expect(index.get('Odd/Kind', undefined, 'x')?.index).toBe(0);
    expect(index.defaultedObjects).toBe(0);
  });

  test('GIVEN an admit function THEN only the inputs it admits are indexed, numbered in order', () => {
    const inputs = [serviceAccount('a', {}), serviceAccount('b', {}), serviceAccount('c', {})].map((manifest) => ({ manifest }));
    const index = new ManifestIndex(inputs, undefined, undefined, (input) => input.manifest.metadata.name !== 'b');
    expect(index.objects.map((o) => [o.index, o.manifest.metadata.name])).toEqual([[0, 'a'], [1, 'c']]);
    expect(index.get('ServiceAccount', 'default', 'b')).toBeUndefined();
    expect(index.defaultedObjects).toBe(2);
  });
});

describe('ManifestIndex: pod specs', () => {
  test('GIVEN each workload kind THEN its pod spec is found at its path, with the pod template metadata (the Pod\'s own for a Pod)', () => {
    const spec = { containers: [{ name: 'main', image: 'x:1' }] };
    const labels = { labels: { app: 'x' } };
    const manifests: Manifest[] = [
      pod('p', spec, labels),
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { metadata: labels, spec } } } } },
      { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { metadata: labels, spec } },
      deployment('d', spec),
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { template: { spec } } },
    ];
    const index = indexOf(...manifests);
    expect(index.podSpecs.map((p) => [p.owner.index, p.path, p.containers[0].path])).toEqual([
      [0, '/spec', '/spec/containers/0'],
      [1, '/spec/jobTemplate/spec/template/spec', '/spec/jobTemplate/spec/template/spec/containers/0'],
      [2, '/template/spec', '/template/spec/containers/0'],
      [3, '/spec/template/spec', '/spec/template/spec/containers/0'],
      [4, '/spec/template/spec', '/spec/template/spec/containers/0'],
    ]);
    expect(index.podSpecs.map((p) => p.spec)).toEqual([spec, spec, spec, spec, spec]);
    expect(index.podSpecs[0].metadata).toBe(manifests[0].metadata);
    expect(index.podSpecs.slice(1, 4).map((p) => p.metadata)).toEqual([labels, labels, { labels: { app: 'd' } }]);
    // A template without metadata reads as empty metadata.
    expect(index.podSpecs[4].metadata).toEqual({});
  });

  test.each([
    ['no spec', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} }],
    ['a null spec', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: null }],
    ['a null template', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: null } }],
    ['a template spec that is a list', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: [] } } }],
    ['a template spec that is text', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: 'x' } } }],
    ['a Pod spec that is null', pod('x', null as any)],
  ])('GIVEN an object with %s THEN it has no pod spec, and indexing does not fail', (_, manifest) => {
    const index = indexOf(manifest);
    expect(index.objects).toHaveLength(1);
    expect(index.podSpecs).toEqual([]);
  });

  test.each([
    [{ serviceAccountName: 'web' }, 'web'],
    [{ serviceAccountName: 'web', serviceAccount: 'legacy' }, 'web'],
    [{ serviceAccount: 'legacy' }, 'legacy'],
    [{ serviceAccountName: '', serviceAccount: 'legacy' }, 'legacy'],
    [{ serviceAccountName: 7, serviceAccount: 'legacy' }, 'legacy'],
    [{ serviceAccountName: '', serviceAccount: '' }, 'default'],
    [{ serviceAccount: 7 }, 'default'],
    [{}, 'default'],
  ])('GIVEN a pod spec with %j THEN it runs as %p', (fields, expected) => {
    const [ref] = indexOf(pod('p', { containers: [], ...fields })).podSpecs;
    expect(ref.serviceAccountName).toBe(expected);
  });

  test('GIVEN init, regular and ephemeral containers THEN they are listed in that order, with their kind, position and path', () => {
    const [ref] = indexOf(pod('p', {
      ephemeralContainers: [{ name: 'debug' }],
      containers: [{ name: 'main' }, { name: 'proxy' }],
      initContainers: [{ name: 'setup' }],
    })).podSpecs;
    expect(ref.containers.map((c) => [c.name, c.kind, c.path])).toEqual([
      ['setup', 'initContainers', '/spec/initContainers/0'],
      ['main', 'containers', '/spec/containers/0'],
      ['proxy', 'containers', '/spec/containers/1'],
      ['debug', 'ephemeralContainers', '/spec/ephemeralContainers/0'],
    ]);
    expect(ref.containers[2].container).toEqual({ name: 'proxy' });
  });

  test('GIVEN a container path read twice THEN it is the same both times', () => {
    const [ref] = indexOf(deployment('d', { containers: [{ name: 'a' }, { name: 'b' }] })).podSpecs;
    const container = ref.containers[1];
    expect(container.path).toBe('/spec/template/spec/containers/1');
    expect(container.path).toBe('/spec/template/spec/containers/1');
  });

  test('GIVEN container lists with entries that are not objects, a container without a name, and a list that is not a list THEN only objects count, keeping their position, and a nameless one is named by it', () => {
    const [ref] = indexOf(pod('p', {
      initContainers: { name: 'not-a-list' },
      containers: [null, 'sidecar', 3, { image: 'x:1' }, { name: 'main' }],
    })).podSpecs;
    expect(ref.containers.map((c) => [c.name, c.path])).toEqual([
      ['#3', '/spec/containers/3'],
      ['main', '/spec/containers/4'],
    ]);
  });
});

describe('ManifestIndex: several pod specs in one object', () => {
  const jobset: Manifest = {
    apiVersion: 'jobset.x-k8s.io/v1alpha2',
    kind: 'JobSet',
    metadata: { name: 'train', namespace: 'ml' },
    spec: {
      replicatedJobs: [
        { name: 'driver', template: { spec: { template: { metadata: { labels: { role: 'driver' } }, spec: { serviceAccountName: 'driver', containers: [{ name: 'd', image: 'd:1' }] } } } } },
        { name: 'workers', template: { spec: { template: { spec: { containers: [{ name: 'w', image: 'w:1' }] } } } } },
      ],
    },
  };

  test('GIVEN a JobSet with two replicated jobs THEN two pod specs of the same owner, each with its pointer (list index included), ServiceAccount, metadata and containers', () => {
    const index = indexOf(jobset);
    expect(index.podSpecs.map((p) => [p.owner.index, p.path, p.serviceAccountName, p.metadata, p.containers.map((c) => c.path)])).toEqual([
      [0, '/spec/replicatedJobs/0/template/spec/template/spec', 'driver', { labels: { role: 'driver' } }, ['/spec/replicatedJobs/0/template/spec/template/spec/containers/0']],
      [0, '/spec/replicatedJobs/1/template/spec/template/spec', 'default', {}, ['/spec/replicatedJobs/1/template/spec/template/spec/containers/0']],
    ]);
  });

  test('GIVEN a table with a user entry THEN the index finds the pods it declares; without it, the kind is read by the heuristic', () => {
    const gang: Manifest = { apiVersion: 'example.com/v1', kind: 'Gang', metadata: { name: 'g' }, spec: { members: [{ pod: { containers: [{ name: 'a', image: 'a:1' }] } }] } };
    expect(indexOf(gang).podSpecs).toEqual([]);
    const templates = new PodTemplates([{ group: 'example.com', kind: 'Gang', paths: ['spec.members[*].pod'], source: 'test' }]);
    expect(new ManifestIndex([{ manifest: gang }], undefined, templates).podSpecs.map((p) => p.path)).toEqual(['/spec/members/0/pod']);
  });

  test('GIVEN a Karpenter NodePool and a Cluster API MachineDeployment THEN no pod spec: their templates are nodes and machines', () => {
    const index = indexOf(
      { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'n' }, spec: { template: { spec: { requirements: [], nodeClassRef: { name: 'default' } } } } },
      { apiVersion: 'cluster.x-k8s.io/v1beta1', kind: 'MachineDeployment', metadata: { name: 'm' }, spec: { template: { spec: { clusterName: 'prod', version: 'v1.31.2' } } } },
    );
    expect(index.podSpecs).toEqual([]);
  });
});

describe('ManifestIndex.memo', () => {
  test('GIVEN the same key twice THEN compute runs once and both calls return its value, even undefined; another key computes its own', () => {
    const index = indexOf();
    const compute = jest.fn(() => ({ computed: true }));
    const first = index.memo('view', compute);
    expect(index.memo('view', compute)).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
    const nothing = jest.fn(() => undefined);
    index.memo('nothing', nothing);
    index.memo('nothing', nothing);
    expect(nothing).toHaveBeenCalledTimes(1);
    expect(index.memo('other', () => 42)).toBe(42);
  });
});

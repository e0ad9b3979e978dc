import * as fs from 'fs';
import * as path from 'path';
import type { Manifest } from '../../src/k8s/manifest';
import { HEURISTIC_PATH, PodTemplates } from '../../src/k8s/pod-templates';
import { loadInputs } from '../reader/load-inputs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'pod-templates');

/** Every document of the fixtures, each a kind of the table in its upstream shape. */
function fixtures(): Manifest[] {
  return fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) => {
    const loaded = loadInputs(fs.readFileSync(path.join(FIXTURES, file)), file);
    expect(loaded.errors).toEqual([]);
    return loaded.inputs.map((input) => input.manifest);
  });
}

/** Where each fixture's pod specs are (by `<apiVersion> <kind> <name>`): none for the kinds that are not pods. */
const EXPECTED: Record<string, string[]> = {
  'argoproj.io/v1alpha1 Rollout checkout': ['/spec/template/spec'],
  'v1 Pod debug': ['/spec'],
  'v1 ReplicationController legacy-web': ['/spec/template/spec'],
  'v1 PodTemplate batch-worker': ['/template/spec'],
  'apps/v1 Deployment web': ['/spec/template/spec'],
  'apps/v1 StatefulSet db': ['/spec/template/spec'],
  'apps/v1 DaemonSet node-exporter': ['/spec/template/spec'],
  'apps/v1 ReplicaSet web-7d9f8c': ['/spec/template/spec'],
  'extensions/v1beta1 Deployment old-web': ['/spec/template/spec'],
  'extensions/v1beta1 DaemonSet old-agent': ['/spec/template/spec'],
  'extensions/v1beta1 ReplicaSet old-web-5c7b': ['/spec/template/spec'],
  'batch/v1 Job migrate': ['/spec/template/spec'],
  'batch/v1 CronJob nightly-report': ['/spec/jobTemplate/spec/template/spec'],
  'jobset.x-k8s.io/v1alpha2 JobSet pytorch-training': [
    '/spec/replicatedJobs/0/template/spec/template/spec',
    '/spec/replicatedJobs/1/template/spec/template/spec',
  ],
  'keda.sh/v1alpha1 ScaledJob order-consumer': ['/spec/jobTargetRef/template/spec'],
  'serving.knative.dev/v1 Service hello': ['/spec/template/spec'],
  'serving.knative.dev/v1 Configuration greeter': ['/spec/template/spec'],
  'serving.knative.dev/v1 Revision greeter-00001': ['/spec'],
  'kubeflow.org/v1 PyTorchJob mnist': ['/spec/pytorchReplicaSpecs/Master/template/spec', '/spec/pytorchReplicaSpecs/Worker/template/spec'],
  'kubeflow.org/v1 TFJob dist-mnist': ['/spec/tfReplicaSpecs/PS/template/spec', '/spec/tfReplicaSpecs/Worker/template/spec'],
  'kubeflow.org/v2beta1 MPIJob pi': ['/spec/mpiReplicaSpecs/Launcher/template/spec', '/spec/mpiReplicaSpecs/Worker/template/spec'],
  'kubeflow.org/v1 XGBoostJob xgboost-iris': ['/spec/xgbReplicaSpecs/Master/template/spec', '/spec/xgbReplicaSpecs/Worker/template/spec'],
  'kubeflow.org/v1 PaddleJob paddle-simple': ['/spec/paddleReplicaSpecs/Worker/template/spec'],
  'kubeflow.org/v1 JAXJob jax-simple': ['/spec/jaxReplicaSpecs/Worker/template/spec'],
  'batch.volcano.sh/v1alpha1 Job tf-dist': ['/spec/tasks/0/template/spec', '/spec/tasks/1/template/spec'],
  'apps.kruise.io/v1alpha1 CloneSet storefront': ['/spec/template/spec'],
  'apps.kruise.io/v1beta1 StatefulSet cache': ['/spec/template/spec'],
  'apps.kruise.io/v1alpha1 DaemonSet log-agent': ['/spec/template/spec'],
  'apps.kruise.io/v1alpha1 BroadcastJob warm-images': ['/spec/template/spec'],
  'apps.kruise.io/v1alpha1 AdvancedCronJob hourly-cleanup': ['/spec/template/jobTemplate/spec/template/spec'],
  'apps.kruise.io/v1alpha1 AdvancedCronJob nightly-node-scan': ['/spec/template/broadcastJobTemplate/spec/template/spec'],
  'apps.kruise.io/v1alpha1 UnitedDeployment regional-db': ['/spec/template/statefulSetTemplate/spec/template/spec'],
  'karpenter.sh/v1 NodePool general': [],
  'karpenter.sh/v1 NodeClaim general-x7k2p': [],
  'cluster.x-k8s.io/v1beta1 MachineDeployment prod-md-0': [],
  'cluster.x-k8s.io/v1beta1 MachineSet prod-md-0-5f7c9': [],
  'cluster.x-k8s.io/v1beta1 MachinePool prod-mp-0': [],
  'cluster.x-k8s.io/v1beta1 Machine prod-control-plane-abcde': [],
  'apiextensions.crossplane.io/v1 Composition xapps.example.org': [],
  'apiextensions.crossplane.io/v1 CompositionRevision xapps.example.org-8f2c1d': [],
  'apiextensions.crossplane.io/v1 CompositeResourceDefinition xapps.example.org': [],
};

const key = (m: Manifest) => `${m.apiVersion} ${m.kind} ${m.metadata.name}`;

describe('PodTemplates: where the pods of every kind are', () => {
  test('GIVEN a fixture of every kind of the table in its upstream shape THEN each pod spec is found at its path (list positions and map keys included), and none in the kinds that are not pods', () => {
    const templates = new PodTemplates();
    const manifests = fixtures();
    expect(manifests.map(key).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const manifest of manifests) {
      const found = templates.podSpecsOf(manifest);
      expect([key(manifest), found.map((f) => f.pointer)]).toEqual([key(manifest), EXPECTED[key(manifest)]]);
      // Each is a pod spec with containers that run an image.
      for (const pod of found) expect(PodTemplates.looksLikePodSpec(pod.spec)).toBe(true);
    }
  });

  test('GIVEN the table THEN every entry has a fixture of its group and kind, and a source naming its upstream file', () => {
    const covered = new Set(fixtures().map((m) => `${PodTemplates.groupOf(m.apiVersion)}/${m.kind}`));
    for (const entry of PodTemplates.TABLE) {
      expect(`${entry.group}/${entry.kind} ${covered.has(`${entry.group}/${entry.kind}`)}`).toBe(`${entry.group}/${entry.kind} true`);
      expect(entry.source).not.toBe('');
    }
    // One entry per group and kind.
    const keys = PodTemplates.TABLE.map((e) => `${e.group}/${e.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('GIVEN a pod template THEN its metadata holder is the template (labels of the pods), and a Pod or Revision is its own holder', () => {
    const templates = new PodTemplates();
    const byKey = new Map(fixtures().map((m) => [key(m), m]));
    const [jobset] = templates.podSpecsOf(byKey.get('jobset.x-k8s.io/v1alpha2 JobSet pytorch-training')!);
    expect(jobset.holder).toBe(byKey.get('jobset.x-k8s.io/v1alpha2 JobSet pytorch-training')!.spec.replicatedJobs[0].template.spec.template);
    const revision = byKey.get('serving.knative.dev/v1 Revision greeter-00001')!;
    expect(templates.podSpecsOf(revision)[0].holder).toBe(revision);
  });

  test('GIVEN a kind of one group in the table THEN the same kind of another group is not read by that entry (group AND kind)', () => {
    const templates = new PodTemplates();
    // A Job of batch/v1 keeps its pod at spec.template.spec, one of Volcano at spec.tasks[*].template.spec.
    const batchJob = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { tasks: [{ template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } }] } };
    expect(templates.podSpecsOf(batchJob)).toEqual([]);
    // A Deployment of another group is not an apps Deployment: the heuristic decides.
    const notPod = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { targets: ['prod'] } } } };
    expect(templates.podSpecsOf(notPod)).toEqual([]);
    const looksLikePod = { ...notPod, spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } } };
    expect(templates.podSpecsOf(looksLikePod).map((f) => f.pointer)).toEqual(['/spec/template/spec']);
    // An entry of the core group does not match a kind of the same name in a group (Service: Knative's vs core's).
    expect(templates.entryOf('v1', 'Service')).toBeUndefined();
    expect(templates.entryOf('serving.knative.dev/v1', 'Service')?.paths).toEqual(['spec.template.spec']);
  });

  describe(`the heuristic for kinds outside the table (${HEURISTIC_PATH}.containers is a list of objects with an image)`, () => {
    const custom = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { template: { spec } } });

    test.each([
      ['containers with images', { containers: [{ name: 'a', image: 'a:1' }, { image: 'b:1' }] }, true],
      ['no containers', { requirements: [] }, false],
      ['an empty container list', { containers: [] }, false],
      ['a container without an image', { containers: [{ name: 'a', image: 'a:1' }, { name: 'b' }] }, false],
      ['an image that is not a string', { containers: [{ name: 'a', image: 7 }] }, false],
      ['containers that is a map', { containers: { a: { image: 'a:1' } } }, false],
      ['a container that is null', { containers: [null] }, false],
      ['a spec that is a list', [{ containers: [{ image: 'a:1' }] }], false],
    ])('GIVEN %s THEN pod: %p', (_, spec, isPod) => {
      expect(new PodTemplates().podSpecsOf(custom(spec)).length).toBe(isPod ? 1 : 0);
    });

    test('GIVEN an Argo CD ApplicationSet (its spec.template.spec is an Application spec) THEN it is not a pod', () => {
      const appSet = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: 'guestbook' },
        spec: { generators: [{ list: { elements: [{ cluster: 'prod' }] } }], template: { metadata: { name: '{{cluster}}-guestbook' }, spec: { project: 'default', source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook' }, destination: { server: '{{url}}' } } } },
      };
      expect(new PodTemplates().podSpecsOf(appSet)).toEqual([]);
    });
  });

  describe('user entries', () => {
    test('GIVEN a user entry for a custom kind with several paths THEN its pod specs are found there, even those the heuristic would not take', () => {
      const templates = new PodTemplates([{ group: 'example.com', kind: 'Pipeline', paths: ['spec.stages[*].pod', 'spec.cleanup.template.spec'], source: 'test' }]);
      const pipeline = {
        apiVersion: 'example.com/v2',
        kind: 'Pipeline',
        metadata: { name: 'p' },
        spec: { stages: [{ pod: { containers: [] } }, { pod: { containers: [{ name: 'b', image: 'b:1' }] } }], cleanup: { template: { spec: { containers: [{ name: 'c', image: 'c:1' }] } } } },
      };
      expect(templates.podSpecsOf(pipeline).map((f) => f.pointer)).toEqual(['/spec/stages/0/pod', '/spec/stages/1/pod', '/spec/cleanup/template/spec']);
    });

    test('GIVEN a user entry without paths THEN the kind holds no pod, even when its template looks like one; and a user entry replaces the table\'s', () => {
      const notPod = { apiVersion: 'ci.example.com/v1', kind: 'RunnerTemplate', metadata: { name: 'r' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'c:1' }] } } } };
      expect(new PodTemplates().podSpecsOf(notPod)).toHaveLength(1);
      expect(new PodTemplates([{ group: 'ci.example.com', kind: 'RunnerTemplate', paths: [], source: 'test' }]).podSpecsOf(notPod)).toEqual([]);
      const rollout = fixtures().find((m) => m.kind === 'Rollout')!;
      expect(new PodTemplates([{ group: 'argoproj.io', kind: 'Rollout', paths: [], source: 'test' }]).podSpecsOf(rollout)).toEqual([]);
    });

    test('GIVEN map keys and list items that are not objects THEN they are skipped; a key with / or ~ is escaped in the pointer', () => {
      const templates = new PodTemplates([{ group: 'example.com', kind: 'Gang', paths: ['spec.roles.*.template.spec'], source: 'test' }]);
      const gang = {
        apiVersion: 'example.com/v1',
        kind: 'Gang',
        metadata: { name: 'g' },
        spec: { roles: { 'a/b~c': { template: { spec: { containers: [{ name: 'x', image: 'x:1' }] } } }, 'broken': null, 'list': [1], 'text': 'x' } },
      };
      expect(templates.podSpecsOf(gang).map((f) => f.pointer)).toEqual(['/spec/roles/a~1b~0c/template/spec']);
    });
  });

  describe('path syntax', () => {
    test.each([
      ['spec.template.spec'],
      ['spec.replicatedJobs[*].template.spec.template.spec'],
      ['spec.pytorchReplicaSpecs.*.template.spec'],
      ['spec'],
    ])('GIVEN %s THEN it is a path', (p) => {
      expect(PodTemplates.pathProblem(p)).toBeUndefined();
    });

    test.each([
      ['', '"" is not a path: use dotted field names such as \'spec.template.spec\''],
      ['spec..template', "'spec..template' is not a path: segment '' must be a field name, a field name followed by [*] (every item of a list), or * (every value of a map)"],
      ['spec.items[0].spec', "'spec.items[0].spec' is not a path: segment 'items[0]' must be a field name, a field name followed by [*] (every item of a list), or * (every value of a map)"],
      ['*.spec', "'*.spec' is not a path: it must start with a field name"],
      ['spec/template', "'spec/template' is not a path: segment 'spec/template' must be a field name, a field name followed by [*] (every item of a list), or * (every value of a map)"],
    ])('GIVEN %p THEN the problem says what is allowed', (p, problem) => {
      expect(PodTemplates.pathProblem(p)).toBe(problem);
      expect(() => PodTemplates.compile(p)).toThrow(problem);
    });

    test('GIVEN a path that is not a string THEN the problem says so', () => {
      expect(PodTemplates.pathProblem(42)).toBe("42 is not a path: use dotted field names such as 'spec.template.spec'");
    });

    test('GIVEN paths THEN their steps: fields, every item of a list ([*]) and every value of a map (*)', () => {
      expect(PodTemplates.compile('spec.roles.*.template.spec')).toEqual([
        { field: 'spec' }, { field: 'roles' }, { eachValue: true }, { field: 'template' }, { field: 'spec' },
      ]);
      expect(PodTemplates.compile('spec.stages[*].pod')).toEqual([{ field: 'spec' }, { field: 'stages' }, { eachItem: true }, { field: 'pod' }]);
    });

    test('GIVEN apiVersions THEN their group', () => {
      expect(PodTemplates.groupOf('v1')).toBe('');
      expect(PodTemplates.groupOf('apps/v1')).toBe('apps');
      expect(PodTemplates.groupOf('apps.kruise.io/v1beta1')).toBe('apps.kruise.io');
    });
  });

  describe('what looks like a pod spec, and shapes a path does not reach', () => {
    const container = { name: 'c', image: 'c:1' };
    test.each([
      ['a pod spec', { containers: [container] }, true],
      ['two containers with images', { containers: [container, { name: 'd', image: 'd:2' }] }, true],
      ['null', null, false],
      ['a string', 'spec', false],
      ['a list that has a containers property', Object.assign([], { containers: [container] }), false],
      ['no containers', {}, false],
      ['containers that are not a list', { containers: { c: container } }, false],
      ['an empty list of containers', { containers: [] }, false],
      ['a null container', { containers: [container, null] }, false],
      ['a container that is a string', { containers: ['c:1'] }, false],
      ['a container without an image', { containers: [container, { name: 'd' }] }, false],
      ['an empty image', { containers: [{ name: 'c', image: '' }] }, false],
      ['an image that is not a string', { containers: [{ name: 'c', image: 7 }] }, false],
    ])('GIVEN %s THEN looksLikePodSpec is %p', (_, spec, expected) => {
      expect(PodTemplates.looksLikePodSpec(spec)).toBe(expected);
    });

    test('GIVEN a core kind without an apiVersion (or with one that is not a string) THEN its table entry still reads it; a grouped kind is not read', () => {
      const pod = { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container] } } as unknown as Manifest;
      expect(new PodTemplates().podSpecsOf(pod).map((f) => f.pointer)).toEqual(['/spec']);
      expect(new PodTemplates().podSpecsOf({ ...pod, apiVersion: 5 } as unknown as Manifest).map((f) => f.pointer)).toEqual(['/spec']);
      expect(new PodTemplates().entryOf(undefined as unknown as string, 'Pod')?.kind).toBe('Pod');
      expect(new PodTemplates().entryOf(undefined as unknown as string, 'Deployment')).toBeUndefined();
    });

    test('GIVEN values of the wrong shape along a path THEN nothing is found there, and a list at the end is not a pod spec', () => {
      const templates = new PodTemplates([{ group: 'example.com', kind: 'Fleet', paths: ['spec.pools[*].template', 'spec.byName.*.template'], source: 'test' }]);
      const fleet = (spec: unknown) => ({ apiVersion: 'example.com/v1', kind: 'Fleet', metadata: { name: 'f' }, spec }) as unknown as Manifest;
      const template = { containers: [container] };
      // pools is a map and byName a list: neither path goes through.
      expect(templates.podSpecsOf(fleet({ pools: { a: { template } }, byName: [{ template }] }))).toEqual([]);
      // A field step on a list, and a template that is a list.
      expect(templates.podSpecsOf(fleet({ pools: [[{ template }], { template: [template] }], byName: { a: [{ template }] } }))).toEqual([]);
      // Every item and every value, with their positions and keys.
      expect(templates.podSpecsOf(fleet({ pools: [{ template }, { template }], byName: { x: { template } } })).map((f) => f.pointer))
        .toEqual(['/spec/pools/0/template', '/spec/pools/1/template', '/spec/byName/x/template']);
    });
  });
});


import { account, clusterGrant, container, namespacedGrant, podSpecOf, tokenHolders, tokenMount, tokenVolume, workload } from './shapes';
import { HardenOptions, HardenOptionsModel } from '../../src/harden/harden-options';
import { HardenRewrite, TokenChoiceError } from '../../src/harden/harden-rewrite';
import type { Manifest } from '../../src/k8s/manifest';

const NS = 'ops';
const CREDENTIALS_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

function harden(manifests: Manifest[], options: HardenOptions = {}) {
  return HardenRewrite.manifests(manifests, HardenOptionsModel.resolve({ namespace: NS, ...options }));
}

/** An operator as upstream ships it: its account bound to a ClusterRole, a manager, a metrics sidecar, an init container. */
function operator(kind = 'Deployment'): Manifest[] {
  return [
    account('manager'),
    ...clusterGrant('manager', NS),
    workload(kind, 'manager', {
      serviceAccountName: 'manager',
      initContainers: [container('init')],
      containers: [container('manager'), container('metrics')],
    }),
  ];
}

describe('HardenRewrite: ServiceAccounts and pods', () => {
  test('GIVEN ServiceAccounts with automount unset, true or "false" THEN each gets false; one already false is left alone', () => {
    const { manifests, plan } = harden([
      account('a'), account('b', { automountServiceAccountToken: true }), account('c', { automountServiceAccountToken: 'false' }),
      account('d', { automountServiceAccountToken: false }),
    ]);
    expect(manifests.map((m) => m.automountServiceAccountToken)).toEqual([false, false, false, false]);
    expect(plan.objects.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(plan.changes.map((c) => [c.object.name, c.field, c.before, c.after])).toEqual([
      ['a', '/automountServiceAccountToken', '(unset)', 'false'],
      ['b', '/automountServiceAccountToken', 'true', 'false'],
      ['c', '/automountServiceAccountToken', '"false"', 'false'],
    ]);
  });

  test('GIVEN the input THEN it is not changed (the pure form returns copies)', () => {
    const input = operator();
    const before = JSON.stringify(input);
    harden(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  test.each(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'])(
    'GIVEN a %s whose account holds permissions THEN automount is off and every container that held the token keeps it, as a projected 3600 s token',
    (kind) => {
      const { manifests, plan } = harden(operator(kind));
      const spec = podSpecOf(manifests[3]);
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.volumes).toEqual([{
        name: 'api-credentials',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }]);
      for (const c of [...spec.initContainers, ...spec.containers]) {
        expect(c.volumeMounts).toEqual([{ name: 'api-credentials', mountPath: CREDENTIALS_PATH, readOnly: true }]);
      }
      expect(plan.notes.filter((n) => n.kind === 'several-holders').map((n) => [n.containers, n.suggestion]))
        .toEqual([[['init', 'manager', 'metrics'], `${kind}/${NS}/manager=manager`]]);
    },
  );

  test('GIVEN custom resources the built-in table knows (an Argo Rollout, a JobSet) THEN their pods are hardened like a Deployment\'s', () => {
    const podSpec = () => ({ serviceAccountName: 'manager', containers: [container('manager')] });
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web' }, spec: { template: { spec: podSpec() } } };
    const jobSet = {
      apiVersion: 'jobset.x-k8s.io/v1alpha2',
      kind: 'JobSet',
      metadata: { name: 'train' },
      spec: { replicatedJobs: [{ name: 'workers', template: { spec: { template: { spec: podSpec() } } } }] },
    };
    const { manifests } = harden([account('manager'), ...clusterGrant('manager', NS), rollout, jobSet]);
    const rolloutSpec = manifests[3].spec.template.spec;
    const jobSetSpec = manifests[4].spec.replicatedJobs[0].template.spec.template.spec;
    for (const spec of [rolloutSpec, jobSetSpec]) {
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(tokenHolders(spec)).toEqual(['manager']);
    }
  });

  test('GIVEN token containers for the workload THEN only those get the token, the others none', () => {
    const { manifests, plan } = harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=manager')] });
    const spec = podSpecOf(manifests[3]);
    expect(tokenHolders(spec)).toEqual(['manager']);
    expect(spec.initContainers[0].volumeMounts).toBeUndefined();
    expect(spec.containers[1].volumeMounts).toBeUndefined();
    expect(plan.notes).toEqual([]);
  });

  test('GIVEN the kind in lower case (as kubectl reads deployment/x) and the namespace spelt out THEN the choice still applies', () => {
    const { manifests } = harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice(`deployment/${NS}/manager=metrics,init`)] });
    expect(tokenHolders(podSpecOf(manifests[3]))).toEqual(['init', 'metrics']);
  });

  test('GIVEN an empty choice THEN no container gets a token, although the account holds permissions', () => {
    const { manifests } = harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=')] });
    const spec = podSpecOf(manifests[3]);
    expect(tokenHolders(spec)).toEqual([]);
    expect(spec.volumes).toBeUndefined();
  });

  test('GIVEN an account bound to no role THEN its pod gets no token at all, and the report says the token is gone', () => {
    const { manifests, plan } = harden([account('web'), workload('Deployment', 'web', { serviceAccountName: 'web', containers: [container('web')] })]);
    const spec = podSpecOf(manifests[1]);
    expect(spec).toEqual({ serviceAccountName: 'web', containers: [container('web')], automountServiceAccountToken: false });
    expect(plan.notes.map((n) => n.kind)).toEqual(['token-removed']);
  });

  test('GIVEN a pod of the default account (named nowhere) THEN it gets no token: an unknown account holds no permissions', () => {
    const { manifests } = harden([workload('Deployment', 'web', { containers: [container('web')] })]);
    expect(tokenHolders(podSpecOf(manifests[0]))).toEqual([]);
  });

  test('GIVEN permissions only through a RoleBinding whose subject names no namespace THEN the account holds them in the -n namespace', () => {
    const input = [account('leader'), ...namespacedGrant('leader'), workload('Deployment', 'leader', { serviceAccountName: 'leader', containers: [container('a')] })];
    expect(tokenHolders(podSpecOf(harden(input).manifests[3]))).toEqual(['a']);
    // The same install applied to another namespace: the ClusterRoleBinding of the same shape would not match it.
    const clusterBound = [account('m'), ...clusterGrant('m', 'elsewhere'), workload('Deployment', 'm', { serviceAccountName: 'm', containers: [container('a')] })];
    expect(tokenHolders(podSpecOf(harden(clusterBound).manifests[3]))).toEqual([]);
  });

  test('GIVEN permissions through a built-in role (a RoleBinding to view) THEN the account holds permissions', () => {
    const input = [
      account('viewer'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'viewer' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'ServiceAccount', name: 'viewer' }],
      },
      workload('Deployment', 'viewer', { serviceAccountName: 'viewer', containers: [container('a')] }),
    ];
    expect(tokenHolders(podSpecOf(harden(input).manifests[2]))).toEqual(['a']);
  });

  test('GIVEN a pod that sets automount false while its account would automount THEN no container held a token and none gets one', () => {
    const input = [...operator()];
    podSpecOf(input[3]).automountServiceAccountToken = false;
    const { manifests, plan } = harden(input);
    expect(tokenHolders(podSpecOf(manifests[3]))).toEqual([]);
    expect(plan.objects.map((o) => o.index)).toEqual([0]);
  });

  test('GIVEN a pod whose account sets automount false (the pod leaves it unset) THEN the pod gets false explicitly and no token', () => {
    const input = operator();
    input[0] = account('manager', { automountServiceAccountToken: false });
    const { manifests } = harden(input);
    expect(podSpecOf(manifests[3]).automountServiceAccountToken).toBe(false);
    expect(tokenHolders(podSpecOf(manifests[3]))).toEqual([]);
  });

  test('GIVEN a container that already mounts something at the credentials path THEN automount never reached it and it gets nothing', () => {
    const input = operator();
    podSpecOf(input[3]).containers[1].volumeMounts = [{ name: 'own', mountPath: CREDENTIALS_PATH }];
    podSpecOf(input[3]).volumes = [{ name: 'own', emptyDir: {} }];
    const spec = podSpecOf(harden(input).manifests[3]);
    expect(tokenHolders(spec)).toEqual(['init', 'manager']);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'own', mountPath: CREDENTIALS_PATH }]);
    // Named explicitly, it is reported, not given a second mount at the same path.
    const { manifests, plan } = harden(input, { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=metrics')] });
    expect(tokenHolders(podSpecOf(manifests[3]))).toEqual([]);
    expect(plan.notes.map((n) => n.kind)).toEqual(['mount-path-taken']);
  });

  test('GIVEN a volume already named api-credentials THEN the new one gets the next free name', () => {
    const input = operator();
    podSpecOf(input[3]).volumes = [{ name: 'api-credentials', emptyDir: {} }, { name: 'api-credentials-2', emptyDir: {} }];
    const spec = podSpecOf(harden(input).manifests[3]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['api-credentials', 'api-credentials-2', 'api-credentials-3']);
    expect(spec.containers[0].volumeMounts[0].name).toBe('api-credentials-3');
  });

  test('GIVEN volumes: null and a container with volumeMounts: null THEN both become lists (Kubernetes reads null as absent)', () => {
    const input = operator();
    podSpecOf(input[3]).volumes = null;
    podSpecOf(input[3]).containers[0].volumeMounts = null;
    const spec = podSpecOf(harden(input, { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=manager')] }).manifests[3]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['api-credentials']);
    expect(spec.containers[0].volumeMounts).toEqual([tokenMount('api-credentials')]);
  });

  test('GIVEN volumes that is not a list THEN no token is mounted and the report says why', () => {
    const input = operator();
    podSpecOf(input[3]).volumes = 'oops';
    const { manifests, plan } = harden(input);
    expect(podSpecOf(manifests[3]).volumes).toBe('oops');
    expect(plan.notes.map((n) => n.kind)).toContain('not-a-list');
  });
});

describe('HardenRewrite: existing projected tokens', () => {
  function explicit(expirationSeconds?: number, audience?: string, holders = ['manager']): Manifest[] {
    const input = operator();
    const spec = podSpecOf(input[3]);
    spec.automountServiceAccountToken = false;
    spec.volumes = [tokenVolume('token', expirationSeconds, audience)];
    for (const c of spec.containers) if (holders.includes(c.name)) c.volumeMounts = [tokenMount('token')];
    return input;
  }
  const ttlOf = (m: Manifest) => podSpecOf(m).volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds;

  test.each([
    [3607, 3600], [86400, 3600], [2 ** 32, 3600], [3600, 3600], [600, 600], [1800, 1800],
  ])('GIVEN an API token of %i s THEN it lives %i s (3607 s is extended to a year; longer than the maximum is cut)', (ttl, expected) => {
    expect(ttlOf(harden(explicit(ttl)).manifests[3])).toBe(expected);
  });

  test('GIVEN --token-ttl 1800 THEN an unset lifetime (3600 s by default) becomes 1800; 3607 becomes 1800', () => {
    expect(ttlOf(harden(explicit(undefined), { tokenTtlSeconds: 1800 }).manifests[3])).toBe(1800);
    expect(ttlOf(harden(explicit(3607), { tokenTtlSeconds: 1800 }).manifests[3])).toBe(1800);
    expect(ttlOf(harden(explicit(undefined)).manifests[3])).toBeUndefined();
  });

  test('GIVEN a token for another audience THEN it is left alone, however long', () => {
    const { manifests, plan } = harden(explicit(86400, 'vault'));
    expect(ttlOf(manifests[3])).toBe(86400);
    expect(plan.changes.filter((c) => c.field.includes('expirationSeconds'))).toEqual([]);
    expect(plan.notes.map((n) => n.message)).toContain("Volume 'token' projects a token for audience 'vault' that lives 86400 s: left alone, as its consumer decides its lifetime (shorten it to 3600 s if it allows).");
    expect(harden(explicit(1800, 'vault')).plan.notes).toEqual([]);
  });

  test('GIVEN an explicit token already in the right container THEN the pod is not changed at all (idempotent shape)', () => {
    const { plan } = harden(explicit(3600));
    expect(plan.objects.map((o) => o.index)).toEqual([0]);
  });

  test('GIVEN an explicit token in two containers and a choice of one THEN the other loses its mount; the volume stays', () => {
    const { manifests, plan } = harden(explicit(3600, undefined, ['manager', 'metrics']), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=manager')] });
    const spec = podSpecOf(manifests[3]);
    expect(tokenHolders(spec)).toEqual(['manager']);
    expect(spec.containers[1].volumeMounts).toEqual([]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['token']);
    expect(plan.changes.map((c) => c.field)).toContain('/spec/template/spec/containers/1/volumeMounts/0');
  });

  test('GIVEN an explicit token and a choice of a container that had none THEN the mount moves: the old volume goes, a new one comes', () => {
    const { manifests } = harden(explicit(3600, undefined, ['metrics']), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=manager')] });
    const spec = podSpecOf(manifests[3]);
    expect(tokenHolders(spec)).toEqual(['manager']);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['api-credentials']);
  });

  test('GIVEN an explicit API token for an account without permissions THEN it is kept (written on purpose) and reported', () => {
    const input = explicit(3600);
    input.splice(1, 2);
    const { manifests, plan } = harden(input);
    expect(tokenHolders(podSpecOf(manifests[1]))).toEqual(['manager']);
    expect(plan.notes.map((n) => n.kind)).toEqual(['explicit-token-kept']);
  });
});

describe('HardenRewrite: what it reports', () => {
  test('GIVEN a legacy token Secret THEN it is reported with its account and not deleted', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name: 'manager-token', annotations: { 'kubernetes.io/service-account.name': 'manager' } },
    };
    const { manifests, plan } = harden([secret]);
    expect(manifests).toEqual([secret]);
    expect(plan.notes).toEqual([expect.objectContaining({ kind: 'legacy-token-secret', object: { kind: 'Secret', namespace: NS, name: 'manager-token' } })]);
    expect(plan.notes[0].message).toContain("ServiceAccount 'manager'");
  });

  test('GIVEN a choice naming a workload that does not exist THEN the error names the closest one', () => {
    expect(() => harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manger=manager')] })).toThrow(TokenChoiceError);
    try {
      harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manger=manager')] });
    } catch (e) {
      expect((e as TokenChoiceError).problems).toEqual([
        `--token-containers Deployment/manger=manager: Deployment/manger (namespace ${NS}) is not a workload with a pod in the input; did you mean 'Deployment/${NS}/manager'?`,
      ]);
    }
  });

  test('GIVEN a choice in another namespace THEN it names nothing, and the closest workload is shown with its namespace', () => {
    expect(() => harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/prod/manager=manager')] }))
      .toThrow(`Deployment/prod/manager is not a workload with a pod in the input; did you mean 'Deployment/${NS}/manager'?`);
  });

  test('GIVEN a choice naming a container the workload does not have THEN the error lists its containers and the closest', () => {
    expect(() => harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/manager=manger')] }))
      .toThrow("Deployment/manager has no container 'manger' (its containers: init (init), manager, metrics); did you mean 'manager'?");
  });

  test('GIVEN a choice with nothing close THEN the error says what exists without guessing', () => {
    expect(() => harden(operator(), { tokenContainers: [HardenOptionsModel.parseChoice('StatefulSet/zookeeper=zk')] }))
      .toThrow(`StatefulSet/zookeeper (namespace ${NS}) is not a workload with a pod in the input`);
    expect(() => harden([account('a')], { tokenContainers: [HardenOptionsModel.parseChoice('Deployment/a=a')] }))
      .toThrow('is not a workload with a pod in the input (the input has none)');
  });
});

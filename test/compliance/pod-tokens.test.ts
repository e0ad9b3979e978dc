import { deployment, projectedTokenVolume, securePodSpec, serviceAccount } from './helpers';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { ContainerTokens, describeRole, PodTokenModel, PodTokens, SERVICE_ACCOUNT_MOUNT_PATH } from '../../src/compliance/pod-tokens';
import type { Manifest } from '../../src/k8s/manifest';

/** The token model of the first pod of the manifests. */
function modelOf(...manifests: Manifest[]): PodTokens {
  const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })));
  return PodTokenModel.of(index.podSpecs[0], index);
}

/** `name role: via, via` per container. */
function holdings(model: PodTokens): string[] {
  return model.containers.map((c) => `${c.container.name} ${c.role}: ${c.apiTokens.map(via).join(', ')}${c.otherTokens.length > 0 ? ` | other: ${c.otherTokens.map((t) => t.volumeName).join(', ')}` : ''}`);
}

function via(h: ContainerTokens['apiTokens'][number]): string {
  switch (h.via) {
    case 'automount': return 'automount';
    case 'projected': return `projected ${h.token.volumeName}`;
    case 'kubelet-pods-dir': return `kubelet ${h.volume.hostPath}${h.volume.claim ? ` via ${h.volume.claim}/${h.volume.persistentVolume}` : ''}`;
    case 'process-namespace': return `from ${h.from} (${h.through})`;
  }
}

const mount = (name: string, extra: Record<string, unknown> = {}) => ({ name, mountPath: `/mnt/${name}`, ...extra });

describe('PodTokenModel: which container holds an API token, and how', () => {
  test('GIVEN automount (pod unset, ServiceAccount unset) THEN every init and regular container holds it; a native sidecar is named; ephemeral containers do not (added later, never automounted)', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec({
      initContainers: [{ name: 'migrate', image: 'm:1' }, { name: 'proxy', image: 'p:1', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'a:1' }],
      ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }],
    });
    const model = modelOf(serviceAccount('web', {}), deployment('web', spec));
    expect(model.automounted).toBe(true);
    expect(holdings(model)).toEqual(['migrate init: automount', 'proxy sidecar: automount', 'app regular: automount', 'debug ephemeral: ']);
    expect(model.containers.map(describeRole)).toEqual(["init container 'migrate'", "sidecar 'proxy'", "container 'app'", "ephemeral container 'debug'"]);
  });

  test('GIVEN automount and a container that mounts its own volume at the token path THEN the admission plugin skips it: it holds no automounted token', () => {
    const spec = securePodSpec({
      automountServiceAccountToken: true,
      volumes: [{ name: 'own', emptyDir: {} }],
      containers: [{ name: 'app', image: 'a:1' }, { name: 'isolated', image: 'i:1', volumeMounts: [{ name: 'own', mountPath: SERVICE_ACCOUNT_MOUNT_PATH }] }],
    });
    expect(holdings(modelOf(deployment('web', spec)))).toEqual(['app regular: automount', 'isolated regular: ']);
  });

  test('GIVEN projected tokens for the API server (no audience, the API server\'s own) and for another audience THEN the containers that mount them hold them, as API or other tokens', () => {
    const spec = securePodSpec({
      volumes: [
        projectedTokenVolume('api', {}),
        projectedTokenVolume('api-explicit', { audience: 'https://kubernetes.default.svc.cluster.local' }),
        projectedTokenVolume('vault', { audience: 'vault' }),
      ],
      containers: [
        { name: 'manager', image: 'm:1', volumeMounts: [mount('api'), mount('vault')] },
        { name: 'agent', image: 'a:1', volumeMounts: [mount('api-explicit')] },
        { name: 'proxy', image: 'p:1', volumeMounts: [mount('vault')] },
      ],
    });
    const model = modelOf(deployment('web', spec));
    expect(model.automounted).toBe(false);
    expect(holdings(model)).toEqual([
      'manager regular: projected api | other: vault',
      'agent regular: projected api-explicit',
      'proxy regular:  | other: vault',
    ]);
    expect(model.projected.map((t) => [t.volumeName, t.apiServer, t.audience ?? '-', t.expirationSeconds])).toEqual([
      ['api', true, '-', 3600], ['api-explicit', true, 'https://kubernetes.default.svc.cluster.local', 3600], ['vault', false, 'vault', 3600],
    ]);
  });

  test('GIVEN subPath mounts of a token volume THEN only a mount that shows the token file holds it (subPathExpr cannot be told, so it counts)', () => {
    const spec = securePodSpec({
      volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'sa/token' } }, { configMap: { name: 'kube-root-ca.crt' } }] } }],
      containers: [
        { name: 'ca-only', image: 'a:1', volumeMounts: [mount('api', { subPath: 'ca.crt' })] },
        { name: 'sa-dir', image: 'b:1', volumeMounts: [mount('api', { subPath: 'sa/' })] },
        { name: 'token-file', image: 'c:1', volumeMounts: [mount('api', { subPath: 'sa/token' })] },
        { name: 'expr', image: 'd:1', volumeMounts: [mount('api', { subPathExpr: '$(POD_NAME)' })] },
      ],
    });
    expect(holdings(modelOf(deployment('web', spec)))).toEqual([
      'ca-only regular: ', 'sa-dir regular: projected api', 'token-file regular: projected api', 'expr regular: projected api',
    ]);
  });

  test.each([
    ['/var/lib/kubelet/pods', true],
    ['/var/lib/kubelet', true],
    ['/var/lib', true],
    ['/var', true],
    ['/', true],
    ['/var/lib/kubelet/pods/0e5c-uid/volumes', true],
    ['/var//lib/./kubelet/', true],
    ['/var/lib/kubelet-plugins', false],
    ['/var/log', false],
    ['/etc', false],
  ])('GIVEN a hostPath volume on %s THEN holding every pod\'s token: %p', (hostPath, exposes) => {
    const spec = securePodSpec({ volumes: [{ name: 'host', hostPath: { path: hostPath } }], containers: [{ name: 'agent', image: 'a:1', volumeMounts: [mount('host')] }] });
    expect(holdings(modelOf(deployment('web', spec)))).toEqual([`agent regular: ${exposes ? `kubelet ${hostPath}` : ''}`]);
  });

  test('GIVEN a hostPath volume on / mounted with a subPath THEN the subPath decides', () => {
    const spec = securePodSpec({
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [
        { name: 'etc-reader', image: 'a:1', volumeMounts: [mount('root', { subPath: 'etc' })] },
        { name: 'kubelet-reader', image: 'b:1', volumeMounts: [mount('root', { subPath: 'var/lib/kubelet' })] },
      ],
    });
    expect(holdings(modelOf(deployment('web', spec)))).toEqual(['etc-reader regular: ', 'kubelet-reader regular: kubelet /']);
  });

  test('GIVEN a claim bound (by volumeName, or by the volume\'s claimRef) to a hostPath or local PersistentVolume on the kubelet\'s pod directory THEN the container holds every pod\'s token through it', () => {
    const pv = (name: string, source: Record<string, unknown>, claimRef?: Record<string, unknown>): Manifest => ({
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], ...source, ...(claimRef ? { claimRef } : {}) },
    });
    const pvc = (name: string, volumeName?: string): Manifest => ({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(volumeName ? { volumeName } : {}) },
    });
    const spec = securePodSpec({
      volumes: [
        { name: 'cache', persistentVolumeClaim: { claimName: 'cache' } },
        { name: 'scratch', persistentVolumeClaim: { claimName: 'scratch' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      ],
      containers: [{ name: 'agent', image: 'a:1', volumeMounts: [mount('cache'), mount('scratch'), mount('data')] }],
    });
    const model = modelOf(
      deployment('web', spec, 'shop'),
      pvc('cache', 'node-cache'),
      pv('node-cache', { hostPath: { path: '/var/lib/kubelet' } }),
      pvc('scratch'),
      pv('node-scratch', { local: { path: '/var/lib/kubelet/pods' } }, { namespace: 'shop', name: 'scratch' }),
      pvc('data', 'ssd'),
      pv('ssd', { local: { path: '/mnt/disks/ssd0' } }),
    );
    expect(holdings(model)).toEqual(['agent regular: kubelet /var/lib/kubelet via cache/node-cache, kubelet /var/lib/kubelet/pods via scratch/node-scratch']);
  });

  describe('shared process namespaces', () => {
    const token = projectedTokenVolume('api', {});

    test('GIVEN shareProcessNamespace THEN each container that runs beside a holder reads its token: sidecars and regular containers, and an init container beside the sidecars started before it', () => {
      const spec = securePodSpec({
        shareProcessNamespace: true,
        volumes: [token],
        initContainers: [
          { name: 'setup', image: 's:1' },
          { name: 'mesh', image: 'm:1', restartPolicy: 'Always', volumeMounts: [mount('api')] },
          { name: 'late-init', image: 'l:1' },
        ],
        containers: [{ name: 'app', image: 'a:1' }, { name: 'logger', image: 'g:1' }],
      });
      expect(holdings(modelOf(deployment('web', spec)))).toEqual([
        'setup init: ',
        'mesh sidecar: projected api',
        'late-init init: from mesh (shareProcessNamespace)',
        'app regular: from mesh (shareProcessNamespace)',
        'logger regular: from mesh (shareProcessNamespace)',
      ]);
    });

    test('GIVEN shareProcessNamespace and a token in a run-to-completion init container THEN nobody else reads it: it runs alone', () => {
      const spec = securePodSpec({
        shareProcessNamespace: true,
        volumes: [token],
        initContainers: [{ name: 'register', image: 'r:1', volumeMounts: [mount('api')] }, { name: 'next', image: 'n:1' }],
        containers: [{ name: 'app', image: 'a:1' }],
      });
      expect(holdings(modelOf(deployment('web', spec)))).toEqual(['register init: projected api', 'next init: ', 'app regular: ']);
    });

    test('GIVEN no shared namespace THEN an ephemeral container reads only the token of its targetContainerName', () => {
      const spec = securePodSpec({
        volumes: [token],
        containers: [{ name: 'a', image: 'a:1', volumeMounts: [mount('api')] }, { name: 'b', image: 'b:1', volumeMounts: [mount('api')] }],
        ephemeralContainers: [{ name: 'debug-a', image: 'busybox:1.36', targetContainerName: 'a' }, { name: 'debug', image: 'busybox:1.36' }],
      });
      expect(holdings(modelOf(deployment('web', spec)))).toEqual([
        'a regular: projected api', 'b regular: projected api', 'debug-a ephemeral: from a (targetContainerName)', 'debug ephemeral: ',
      ]);
    });
  });

  test('GIVEN the same pod twice THEN the model is computed once per index', () => {
    const index = new ManifestIndex([{ manifest: deployment('web', securePodSpec()) }]);
    expect(PodTokenModel.of(index.podSpecs[0], index)).toBe(PodTokenModel.of(index.podSpecs[0], index));
  });
});

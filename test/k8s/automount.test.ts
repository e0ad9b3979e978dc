import { Automount } from '../../src/k8s/automount';

describe('Automount: what the ServiceAccount admission plugin gives a pod', () => {
  test('GIVEN the plugin\'s constants THEN the mount path, CA ConfigMap and namespace file are the ones in-cluster clients read', () => {
    expect(Automount.MOUNT_PATH).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    expect([Automount.TOKEN_FILE, Automount.CA_CONFIG_MAP, Automount.CA_KEY, Automount.CA_FILE, Automount.NAMESPACE_FILE, Automount.NAMESPACE_FIELD])
      .toEqual(['token', 'kube-root-ca.crt', 'ca.crt', 'ca.crt', 'namespace', 'metadata.namespace']);
    expect(Automount.RESERVED_VOLUME_PREFIX).toBe('kube-api-access-');
  });

  test('GIVEN a lifetime THEN the sources are the token, the CA and the namespace, with Kubernetes field names', () => {
    expect(Automount.sources(1800)).toEqual([
      { serviceAccountToken: { path: 'token', expirationSeconds: 1800 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ]);
  });

  test.each([
    ['containers', undefined, true],
    ['initContainers', [], true],
    ['containers', [{ name: 'x', mountPath: '/data' }, null], true],
    ['containers', [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }], false],
    // Compared exactly, as the plugin does: a trailing slash is another path.
    ['containers', [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount/' }], true],
    ['ephemeralContainers', undefined, false],
  ] as const)('GIVEN a %s entry with mounts %j THEN automount reaches it: %s', (kind, mounts, reaches) => {
    expect(Automount.reaches(kind, mounts)).toBe(reaches);
  });
});

import { KUBELET_PODS_DIR, KubeletPaths } from '../../src/k8s/kubelet-paths';

describe('KubeletPaths', () => {
  test('GIVEN paths THEN normalize resolves ., .., repeated and trailing slashes; relative or non-string paths are undefined', () => {
    expect(KubeletPaths.normalize('/var//lib/../lib/./kubelet/')).toBe('/var/lib/kubelet');
    expect(KubeletPaths.normalize('/')).toBe('/');
    expect(KubeletPaths.normalize('/..')).toBe('/');
    expect(KubeletPaths.normalize('var/lib')).toBeUndefined();
    expect(KubeletPaths.normalize(7)).toBeUndefined();
  });

  test.each([
    [KUBELET_PODS_DIR, true], ['/var/lib/kubelet', true], ['/var/lib', true], ['/var', true], ['/', true],
    ['/var/lib/kubelet/pods/uid/volumes/kubernetes.io~projected', true], ['/var/lib/kubelet/../kubelet/pods', true],
    ['/var/lib/kubelet/plugins', false], ['/var/lib/kube', false], ['/var/log', false], ['/etc/kubernetes', false], ['relative/var/lib', false], [undefined, false],
  ])('GIVEN the host path %p THEN exposes the pods\' tokens: %p', (path, exposes) => {
    expect(KubeletPaths.exposesPodTokens(path)).toBe(exposes);
  });

  test('GIVEN a subPath THEN it is joined to the host path', () => {
    expect(KubeletPaths.withSubPath('/', 'var/lib/kubelet')).toBe('/var/lib/kubelet');
    expect(KubeletPaths.withSubPath('/var/', 'log')).toBe('/var/log');
    expect(KubeletPaths.withSubPath('/var///', 'log')).toBe('/var/log');
    expect(KubeletPaths.withSubPath('/var', '')).toBe('/var');
    expect(KubeletPaths.withSubPath('/var', undefined)).toBe('/var');
  });
});

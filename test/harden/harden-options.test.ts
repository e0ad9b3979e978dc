import { HardenOptionsError, HardenOptionsModel } from '../../src/harden/harden-options';

describe('HardenOptionsModel', () => {
  test('GIVEN nothing THEN the defaults: no choice, 3600 s, namespace default, the built-in table of where pods are', () => {
    const resolved = HardenOptionsModel.resolve();
    expect(resolved).toMatchObject({ tokenContainers: [], tokenTtlSeconds: 3600, namespace: 'default' });
    expect(resolved.podTemplates.entryOf('apps/v1', 'Deployment')).toBeDefined();
    expect(resolved.podTemplates.entryOf('example.com/v1', 'WorkerPool')).toBeUndefined();
  });

  test.each([
    ['Deployment/argocd/argocd-server=argocd-server', { kind: 'Deployment', namespace: 'argocd', name: 'argocd-server' }, ['argocd-server']],
    ['CronJob/backup=backup, uploader', { kind: 'CronJob', name: 'backup' }, ['backup', 'uploader']],
    ['Deployment/web=', { kind: 'Deployment', name: 'web' }, []],
  ])('GIVEN --token-containers %s THEN the workload and containers are read', (spec, workload, containers) => {
    expect(HardenOptionsModel.parseChoice(spec)).toEqual({ workload, containers, origin: `--token-containers ${spec}` });
  });

  test.each([
    ['Deployment/web', "'Deployment/web' is not allowed: expected KIND/NAMESPACE/NAME=CONTAINER[,CONTAINER...]"],
    ['web=a', "workload 'web' is not allowed: expected KIND/NAMESPACE/NAME or KIND/NAME"],
    ['a/b/c/d=x', "workload 'a/b/c/d' is not allowed"],
    ['Deployment//web=x', "workload 'Deployment//web' is not allowed"],
    ['Deployment/web=a,,b', "'Deployment/web=a,,b' has an empty container name"],
  ])('GIVEN --token-containers %s THEN it is refused: %s', (spec, message) => {
    expect(() => HardenOptionsModel.parseChoice(spec)).toThrow(HardenOptionsError);
    expect(() => HardenOptionsModel.parseChoice(spec)).toThrow(message);
  });

  test.each([
    [{ tokenTtlSeconds: 3607 }, 'tokenTtlSeconds', '3607s is refused: with the default --service-account-extend-token-expiration'],
    [{ tokenTtlSeconds: 599 }, 'tokenTtlSeconds', '599s is below the Kubernetes minimum of 600s'],
    [{ tokenTtlSeconds: 2 ** 32 + 1 }, 'tokenTtlSeconds', 'above the Kubernetes maximum'],
    [{ namespace: 'Team_A' }, 'namespace', "'Team_A' is not a valid namespace name"],
    [{ tokenContainers: [HardenOptionsModel.parseChoice('Deployment/web=a'), HardenOptionsModel.parseChoice('deployment/default/web=b')] }, 'tokenContainers',
      'names deployment/default/web twice (--token-containers Deployment/web=a and --token-containers deployment/default/web=b): give its containers once'],
    [{ tokenContainers: [HardenOptionsModel.parseChoice('Deployment/web=a,a')] }, 'tokenContainers', "names container 'a' of Deployment/web twice"],
  ])('GIVEN %j THEN resolve refuses %s: %s', (options, option, problem) => {
    let error: HardenOptionsError | undefined;
    try {
      HardenOptionsModel.resolve(options);
    } catch (e) {
      error = e as HardenOptionsError;
    }
    expect(error).toBeInstanceOf(HardenOptionsError);
    expect(error?.option).toBe(option);
    expect(error?.problem).toContain(problem);
  });

  test('GIVEN 600 s and 2^32 s THEN both are accepted (the bounds are inclusive)', () => {
    expect(HardenOptionsModel.resolve({ tokenTtlSeconds: 600 }).tokenTtlSeconds).toBe(600);
    expect(HardenOptionsModel.resolve({ tokenTtlSeconds: 2 ** 32 }).tokenTtlSeconds).toBe(2 ** 32);
  });

  test('GIVEN workloads THEN they print as the user writes them and match case-insensitively on the kind', () => {
    expect(HardenOptionsModel.formatWorkload({ kind: 'Deployment', name: 'a' })).toBe('Deployment/a');
    expect(HardenOptionsModel.formatWorkload({ kind: 'Deployment', namespace: 'n', name: 'a' })).toBe('Deployment/n/a');
    expect(HardenOptionsModel.workloadKey({ kind: 'Deployment', name: 'a' }, 'n')).toBe(HardenOptionsModel.workloadKey({ kind: 'deployment', namespace: 'n', name: 'a' }, 'x'));
  });
});

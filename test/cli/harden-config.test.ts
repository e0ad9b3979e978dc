import { UsageError } from '../../src/cli/arguments';
import { HardenConfigSection } from '../../src/cli/harden-config';

describe('HardenConfigSection: the harden section of .guardrails.yaml', () => {
  test('GIVEN a harden section THEN its lifetime and token containers are read, each choice naming where it was written', () => {
    expect(HardenConfigSection.of({
      tokenTtlSeconds: 1800,
      tokenContainers: { 'Deployment/argocd/argocd-server': ['argocd-server'], 'CronJob/backup': [] },
    }, '.guardrails.yaml')).toEqual({
      tokenTtlSeconds: 1800,
      tokenContainers: [
        { workload: { kind: 'Deployment', namespace: 'argocd', name: 'argocd-server' }, containers: ['argocd-server'], origin: '.guardrails.yaml harden.tokenContainers.Deployment/argocd/argocd-server' },
        { workload: { kind: 'CronJob', name: 'backup' }, containers: [], origin: '.guardrails.yaml harden.tokenContainers.CronJob/backup' },
      ],
    });
  });

  test.each([undefined, null])('GIVEN no section (%j) THEN no harden options', (section) => {
    expect(HardenConfigSection.of(section, 'c.yaml')).toEqual({ tokenContainers: [] });
  });

  test.each([
    [[], 'c.yaml: harden must be a mapping with tokenContainers, tokenTtlSeconds'],
    [{ tokenTTL: 60 }, 'c.yaml: harden.tokenTTL is not a setting (allowed: tokenContainers, tokenTtlSeconds)'],
    [{ tokenTtlSeconds: '1h' }, 'c.yaml: harden.tokenTtlSeconds "1h" is not allowed: expected whole seconds'],
    [{ tokenContainers: ['a'] }, 'c.yaml: harden.tokenContainers must map workloads'],
    [{ tokenContainers: { 'Deployment/a': 'b' } }, 'c.yaml: harden.tokenContainers.Deployment/a "b" is not allowed: expected a list of container names'],
    [{ tokenContainers: { a: ['b'] } }, "c.yaml: harden.tokenContainers.a workload 'a' is not allowed"],
  ])('GIVEN %j THEN a usage error naming the file and key: %s', (section, message) => {
    expect(() => HardenConfigSection.of(section, 'c.yaml')).toThrow(UsageError);
    expect(() => HardenConfigSection.of(section, 'c.yaml')).toThrow(message);
  });
});

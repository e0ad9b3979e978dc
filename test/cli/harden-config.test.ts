import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from '../../src/cli/arguments';
import { HardenConfigFile } from '../../src/cli/harden-config';

describe('HardenConfigFile: the harden section of .guardrails.yaml', () => {
  test('GIVEN a file with a harden section and other settings THEN only the harden section is read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-config-'));
    const file = path.join(dir, '.guardrails.yaml');
    fs.writeFileSync(file, 'packs: [tokens]\nharden:\n  tokenTtlSeconds: 1800\n  tokenContainers:\n    Deployment/argocd/argocd-server: [argocd-server]\n    CronJob/backup: []\n');
    expect(HardenConfigFile.read(file)).toEqual({
      tokenTtlSeconds: 1800,
      tokenContainers: [
        { workload: { kind: 'Deployment', namespace: 'argocd', name: 'argocd-server' }, containers: ['argocd-server'], origin: `${file} harden.tokenContainers.Deployment/argocd/argocd-server` },
        { workload: { kind: 'CronJob', name: 'backup' }, containers: [], origin: `${file} harden.tokenContainers.CronJob/backup` },
      ],
    });
    fs.rmSync(dir, { recursive: true });
  });

  test.each([
    [null, { tokenContainers: [] }],
    [{ packs: ['tokens'] }, { tokenContainers: [] }],
    [{ harden: null }, { tokenContainers: [] }],
  ])('GIVEN %j THEN no harden options', (document, expected) => {
    expect(HardenConfigFile.of(document, 'c.yaml')).toEqual(expected);
  });

  test.each([
    [[1], '--config c.yaml: the file is not a mapping of settings'],
    [{ harden: [] }, '--config c.yaml: harden must be a mapping with tokenContainers, tokenTtlSeconds'],
    [{ harden: { tokenTTL: 60 } }, '--config c.yaml: harden.tokenTTL is not a setting (allowed: tokenContainers, tokenTtlSeconds)'],
    [{ harden: { tokenTtlSeconds: '1h' } }, '--config c.yaml: harden.tokenTtlSeconds "1h" is not allowed: expected whole seconds'],
    [{ harden: { tokenContainers: ['a'] } }, '--config c.yaml: harden.tokenContainers must map workloads'],
    [{ harden: { tokenContainers: { 'Deployment/a': 'b' } } }, '--config c.yaml: harden.tokenContainers.Deployment/a "b" is not allowed: expected a list of container names'],
    [{ harden: { tokenContainers: { a: ['b'] } } }, "--config c.yaml: harden.tokenContainers.a workload 'a' is not allowed"],
  ])('GIVEN %j THEN a usage error naming the file and key: %s', (document, message) => {
    expect(() => HardenConfigFile.of(document, 'c.yaml')).toThrow(UsageError);
    expect(() => HardenConfigFile.of(document, 'c.yaml')).toThrow(message);
  });

  test('GIVEN a missing or invalid file THEN a usage error', () => {
    expect(() => HardenConfigFile.read('/nonexistent/.guardrails.yaml')).toThrow('--config /nonexistent/.guardrails.yaml cannot be read: ENOENT');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-config-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'harden: [\n');
    expect(() => HardenConfigFile.read(path.join(dir, 'bad.yaml'))).toThrow('is not valid YAML');
    fs.rmSync(dir, { recursive: true });
  });
});

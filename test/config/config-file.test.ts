import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, ConfigFile } from '../../src/config/config-file';
import { SettingsLayers } from '../../src/config/settings-layers';

/** The example of issue 17, as a user would write it. */
export const EXAMPLE_CONFIG = `packs: [recommended]
failOn: error                 # error | warning | info | never
maxTokenTtl: 3600             # seconds
podSecurityVersion: latest
namespace: argocd             # kubectl -n for namespace-less objects
exclude: ['vendor/**/kustomization.yaml']
rules:
  hardening/image-digest: off # off | info | warning | error
suppressions:
  - rule: rbac/secrets-access # an id, or a family like pss/*
    kind: ClusterRole         # optional selectors: kind, namespace, name (glob), file (glob)
    name: vendor-*
    reason: The operator syncs TLS Secrets in every namespace by design.
    expires: 2027-03-31       # optional
unsuppressible: [token/projected-ttl]
`;

/** The problems of a file that the loader refuses, one line each. */
function problems(text: string): string[] {
  try {
    ConfigFile.parse(text, '.guardrails.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message.split('\n');
  }
  throw new Error('the configuration was accepted');
}

describe('ConfigFile.parse', () => {
  test('GIVEN the example of the issue THEN every key fills its setting (YAML 1.2: off is the string off, a date stays a string)', () => {
    expect(ConfigFile.parse(EXAMPLE_CONFIG, '.guardrails.yaml')).toEqual({
      file: '.guardrails.yaml',
      settings: {
        packs: ['recommended'],
        failOn: 'error',
        maxTokenTtlSeconds: 3600,
        podSecurityVersion: 'latest',
        namespace: 'argocd',
        exclude: ['vendor/**/kustomization.yaml'],
        severityOverrides: { 'hardening/image-digest': 'off' },
        suppressions: [{
          rule: 'rbac/secrets-access',
          kind: 'ClusterRole',
          name: 'vendor-*',
          reason: 'The operator syncs TLS Secrets in every namespace by design.',
          expires: '2027-03-31',
          origin: '.guardrails.yaml:10',
        }],
        unsuppressible: ['token/projected-ttl'],
      },
    });
  });

  test('GIVEN an empty file or only comments THEN no setting', () => {
    expect(ConfigFile.parse('', 'c.yaml').settings).toEqual({});
    expect(ConfigFile.parse('# nothing yet\n', 'c.yaml').settings).toEqual({});
  });

  test('GIVEN misspelled keys, rule ids, packs and levels THEN each is an error with its file, line and the closest valid name', () => {
    expect(problems([
      'packs: [recommended, hardenning]',
      'failOn: warn',
      'rules:',
      '  hardening/image-digets: off',
      '  pss/privileged: loud',
      'suppresions: []',
      'unsuppressible: [tokens/*]',
    ].join('\n'))).toEqual([
      ".guardrails.yaml:1: packs[1]: \"hardenning\" is not allowed; did you mean 'hardening'?",
      ".guardrails.yaml:2: failOn: \"warn\" is not allowed; did you mean 'warning'?",
      ".guardrails.yaml:4: rules.hardening/image-digets: unknown key 'hardening/image-digets'; did you mean 'hardening/image-digest', 'hardening/image-tag'?",
      '.guardrails.yaml:5: rules.pss/privileged: "loud" is not allowed: use one of error, warning, info, off',
      ".guardrails.yaml:6: suppresions: unknown key 'suppresions'; did you mean 'suppressions'?",
      ".guardrails.yaml:7: unsuppressible[0]: \"tokens/*\" is not allowed; did you mean 'token/*'?",
    ]);
  });

  test('GIVEN bad suppressions THEN each problem points at its line: a missing reason, an unknown selector key, a bad rule, a short reason, a date that does not exist', () => {
    expect(problems([
      'suppressions:',
      '  - rule: pss/*',
      '    kinds: DaemonSet',
      '  - rule: rbac/secret-access',
      '    reason: short',
    ].join('\n'))).toEqual([
      '.guardrails.yaml:2: suppressions[0]: reason is required',
      ".guardrails.yaml:3: suppressions[0].kinds: unknown key 'kinds'; did you mean 'kind'?",
      ".guardrails.yaml:4: suppressions[1].rule: \"rbac/secret-access\" is not allowed; did you mean 'rbac/secrets-access'?",
      '.guardrails.yaml:5: suppressions[1].reason: "short" is shorter than 20 characters',
    ]);
    expect(problems([
      'packs: [tokens]',
      'suppressions:',
      '  - rule: rbac/secrets-access',
      '    reason: The operator syncs TLS Secrets by design.',
      '  - rule: rbac/secrets-access',
      '    reason: The operator syncs TLS Secrets by design.',
      '    expires: 2027-02-30',
    ].join('\n'))).toEqual(['.guardrails.yaml:5: suppressions[1]: expires "2027-02-30" is not a date: write YYYY-MM-DD (e.g. 2027-03-31)']);
  });

  test('GIVEN values the settings model refuses THEN the error points at their key', () => {
    expect(problems('maxTokenTtl: 3600\npodSecurityVersion: v1.2\n')).toEqual([
      ".guardrails.yaml:2: podSecurityVersion: 'v1.2' is older than v1.25, the oldest Pod Security Standards version the rules implement",
    ].map((line) => expect.stringMatching(new RegExp(`^${line.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))));
    expect(problems('namespace: Argo_CD')).toEqual([expect.stringMatching(/^\.guardrails\.yaml:1: namespace: 'Argo_CD' is not a valid namespace name/)]);
    expect(problems('maxTokenTtl: 300')).toEqual(['.guardrails.yaml:1: maxTokenTtl: 300 is below the minimum of 600']);
    expect(problems('packs: recommended')).toEqual(['.guardrails.yaml:1: packs: "recommended" is not a list']);
  });

  test('GIVEN invalid YAML, a duplicate key or a second document THEN the error names the line', () => {
    expect(problems('packs: [tokens\nfailOn: error')).toEqual([expect.stringMatching(/^\.guardrails\.yaml:\d+: not valid YAML: /)]);
    expect(problems('failOn: error\nfailOn: never\n')).toEqual([expect.stringMatching(/^\.guardrails\.yaml:2: not valid YAML: Map keys must be unique/)]);
    expect(problems('failOn: error\n---\nfailOn: never\n')).toEqual([expect.stringMatching(/^\.guardrails\.yaml:\d+: not valid YAML: /)]);
  });

  test('GIVEN a harden section THEN it is kept for harden, its keys checked by the schema; anything but a map is refused', () => {
    expect(ConfigFile.parse('harden:\n  tokenTtlSeconds: 1800\n  tokenContainers: {Deployment/argocd/argocd-server: [argocd-server]}\n', 'c.yaml').harden)
      .toEqual({ tokenTtlSeconds: 1800, tokenContainers: { 'Deployment/argocd/argocd-server': ['argocd-server'] } });
    expect(problems('harden:\n  tokenTtl: 1800\n')).toEqual([".guardrails.yaml:2: harden.tokenTtl: unknown key 'tokenTtl'; did you mean 'tokenTtlSeconds'?"]);
    expect(problems('harden:\n  tokenTtlSeconds: 60\n')).toEqual(['.guardrails.yaml:2: harden.tokenTtlSeconds: 60 is below the minimum of 600']);
    expect(problems('harden: yes')).toEqual(['.guardrails.yaml:1: harden: "yes" is not a map']);
  });
});

describe('ConfigFile.resolve: where the configuration comes from', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-config-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('GIVEN a file at the repository root THEN a run in a subdirectory finds it; the search stops at the root', () => {
    const repo = path.join(root, 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'deploy', 'prod'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.guardrails.yaml'), 'failOn: warning\n');
    // Above the repository: never read.
    fs.writeFileSync(path.join(root, '.guardrails.yaml'), 'failOn: never\n');
    const found = ConfigFile.resolve({ cwd: path.join(repo, 'deploy', 'prod') })!;
    expect(found.settings).toEqual({ failOn: 'warning' });
    expect(found.file).toBe(path.join('..', '..', '.guardrails.yaml'));

    fs.rmSync(path.join(repo, '.guardrails.yaml'));
    expect(ConfigFile.resolve({ cwd: path.join(repo, 'deploy') })).toBeUndefined();
  });

  test('GIVEN a worktree (.git is a file) THEN it is the root too', () => {
    fs.writeFileSync(path.join(root, '.git'), 'gitdir: /elsewhere\n');
    fs.mkdirSync(path.join(root, 'a'));
    expect(ConfigFile.resolve({ cwd: path.join(root, 'a') })).toBeUndefined();
  });

  test('GIVEN --config or --no-config THEN the named file is read, or none; a missing file is an error', () => {
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.guardrails.yaml'), 'failOn: warning\n');
    fs.writeFileSync(path.join(root, 'strict.yaml'), 'failOn: info\n');
    expect(ConfigFile.resolve({ cwd: root })!.settings).toEqual({ failOn: 'warning' });
    expect(ConfigFile.resolve({ cwd: root, config: path.join(root, 'strict.yaml') })!.settings).toEqual({ failOn: 'info' });
    expect(ConfigFile.resolve({ cwd: root, noConfig: true })).toBeUndefined();
    expect(() => ConfigFile.resolve({ cwd: root, config: path.join(root, 'nope.yaml') })).toThrow(`${path.join(root, 'nope.yaml')}: cannot read the configuration file: no such file`);
  });
});

describe('SettingsLayers.merge', () => {
  test('GIVEN the file and a door\'s settings THEN the door wins key by key and per-rule severities merge', () => {
    expect(SettingsLayers.merge(
      { packs: ['recommended'], failOn: 'error', namespace: 'argocd', severityOverrides: { 'hardening/image-digest': 'off', 'rbac/wildcard': 'warning' } },
      { failOn: 'warning', packs: undefined, severityOverrides: { 'rbac/wildcard': 'error' } },
    )).toEqual({ packs: ['recommended'], failOn: 'warning', namespace: 'argocd', severityOverrides: { 'hardening/image-digest': 'off', 'rbac/wildcard': 'error' } });
  });
});

describe('podTemplates in the configuration file', () => {
  test('GIVEN podTemplates THEN they fill the setting (no paths: a kind that holds no pod)', () => {
    const text = 'podTemplates:\n  - group: example.com\n    kind: WorkerPool\n    paths: [\'spec.pools[*].template.spec\']\n  - group: ci.example.com\n    kind: RunnerTemplate\n';
    expect(ConfigFile.parse(text, '.guardrails.yaml').settings).toEqual({
      podTemplates: [
        { group: 'example.com', kind: 'WorkerPool', paths: ['spec.pools[*].template.spec'] },
        { group: 'ci.example.com', kind: 'RunnerTemplate', paths: [] },
      ],
    });
  });

  test('GIVEN a path the settings model refuses, or an unknown key THEN an error with file and line', () => {
    expect(problems('podTemplates:\n  - group: example.com\n    kind: WorkerPool\n    paths: [\'spec.pools[0].template.spec\']\n')[0])
      .toMatch(/^\.guardrails\.yaml:\d+: .*'spec\.pools\[0\]\.template\.spec' is not a path/);
    expect(problems('podTemplates:\n  - group: example.com\n    kind: WorkerPool\n    path: spec\n').join('\n')).toContain('.guardrails.yaml:4');
  });

  test('GIVEN pod templates in the file and at a door THEN they merge by group and kind, the door\'s winning', () => {
    expect(SettingsLayers.merge(
      { podTemplates: [{ group: 'a.io', kind: 'A', paths: ['spec'] }, { group: 'b.io', kind: 'B', paths: ['spec'] }] },
      { podTemplates: [{ group: 'b.io', kind: 'B', paths: [] }, { group: 'c.io', kind: 'C', paths: ['spec.pod'] }] },
    ).podTemplates).toEqual([{ group: 'a.io', kind: 'A', paths: ['spec'] }, { group: 'b.io', kind: 'B', paths: [] }, { group: 'c.io', kind: 'C', paths: ['spec.pod'] }]);
  });
});

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { BUILT_CLI, CliResult, removeTempDirs, requireBuiltCli, REPO_ROOT, STACK_TRACE, tempDir } from './built-cli';
import { RuleDocs } from '../../src/compliance/rule-docs';

/**
 * The command line with a configuration file, baselines, GitHub workflow commands and the rule
 * reference, run as users run it: the built command in a repository of vendored YAML.
 */

function run(cwd: string, args: readonly string[]): CliResult {
  requireBuiltCli();
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], { cwd, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', CDK8S_GUARDRAILS_DEBUG: '' }, timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/** An operator install as vendors ship it: no namespaces, broad Secrets access, a workload with findings. */
function vendorInstall(): any[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'vendor-operator' }, automountServiceAccountToken: false },
    { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'vendor-operator' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }] },
    {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vendor-operator' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'vendor-operator' },
      subjects: [{ kind: 'ServiceAccount', name: 'vendor-operator', namespace: 'vendor-system' }],
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'vendor-operator' },
      spec: {
        selector: { matchLabels: { app: 'vendor' } },
        template: {
          metadata: { labels: { app: 'vendor' } },
          spec: { serviceAccountName: 'vendor-operator', automountServiceAccountToken: false, containers: [{ name: 'manager', image: 'ghcr.io/vendor/operator:latest' }] },
        },
      },
    },
  ];
}

/** A repository (with .git) holding the install under vendor/. */
function repository(files: Record<string, string>): string {
  const repo = tempDir('guardrails-repo-');
  fs.mkdirSync(path.join(repo, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  return repo;
}

const yamlStream = (docs: readonly unknown[]) => docs.map((d) => stringify(d)).join('---\n');
const json = (r: CliResult) => JSON.parse(r.stdout);
const counted = (report: any) => report.findings.filter((f: any) => !f.suppressed && !f.baselined).map((f: any) => `${f.ruleId} ${f.object.kind}/${f.object.name}`);

afterEach(removeTempDirs);

describe('GIVEN a baseline of a vendored install', () => {
  test('WHEN the install is reordered and reformatted THEN the baseline still holds; a newly added binding fails; a removed finding is fixed', () => {
    const install = vendorInstall();
    const repo = repository({ 'vendor/install.yaml': yamlStream(install) });

    // Today's findings are recorded: the run is judged against them, so it passes.
    const written = run(repo, ['check', '--no-config', '--format', 'json', '--write-baseline', 'guardrails-baseline.json', 'vendor/']);
    expect(written.stderr).toMatch(/baselined/);
    expect(written.status).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(path.join(repo, 'guardrails-baseline.json'), 'utf-8'));
    expect(baseline.findings.length).toBe(json(written).findings.length);
    expect(baseline.findings.length).toBeGreaterThan(3);
    expect(JSON.stringify(baseline)).not.toMatch(/"line"|"file"/);

    // Reordered, split over two files, reformatted (flow style, other indentation, comments, another apiVersion of the same group).
    fs.rmSync(path.join(repo, 'vendor', 'install.yaml'));
    fs.writeFileSync(path.join(repo, 'vendor', 'a-workload.yaml'), `# the manager\n${JSON.stringify(install[3], undefined, 4)}\n---\n${JSON.stringify(install[0])}\n`);
    fs.writeFileSync(path.join(repo, 'vendor', 'b-rbac.yaml'), `\n\n${stringify(install[2], { indent: 4 })}---\n# who may read secrets\n${stringify({ ...install[1], apiVersion: 'rbac.authorization.k8s.io/v1beta1' }, { collectionStyle: 'flow' })}`);
    const again = run(repo, ['check', '--no-config', '--format', 'json', '--baseline', 'guardrails-baseline.json', 'vendor/']);
    expect(again.status).toBe(0);
    expect(counted(json(again))).toEqual([]);
    expect(json(again).findings.every((f: any) => f.baselined === true)).toBe(true);
    expect(json(again).fixed).toEqual([]);
    expect(json(again).summary).toMatchObject({ errors: 0, warnings: 0, infos: 0, baselined: baseline.findings.length });

    // A new binding to cluster-admin: that one finding fails the run; the old ones stay baselined.
    fs.appendFileSync(path.join(repo, 'vendor', 'b-rbac.yaml'), `---\n${stringify({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vendor-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'vendor-operator', namespace: 'vendor-system' }],
    })}`);
    const added = run(repo, ['check', '--no-config', '--format', 'json', '--baseline', 'guardrails-baseline.json', 'vendor/']);
    expect(added.status).toBe(1);
    // (Its subject is not in the input either: both findings are the new binding's.)
    expect(counted(json(added))).toEqual(['rbac/cluster-admin-binding ClusterRoleBinding/vendor-admin', 'rbac/dangling-reference ClusterRoleBinding/vendor-admin']);

    // The same run for GitHub: only the new finding is annotated; SARIF says new or unchanged.
    const github = run(repo, ['check', '--no-config', '--format', 'github', '--baseline', 'guardrails-baseline.json', 'vendor/']);
    expect(github.status).toBe(1);
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      expect.stringMatching(/^::error file=vendor\/b-rbac\.yaml,line=\d+,col=\d+,title=rbac\/cluster-admin-binding::ClusterRoleBinding vendor-admin \[cluster-admin\] at \/roleRef: /),
      expect.stringMatching(/^::warning file=vendor\/b-rbac\.yaml,line=\d+,col=\d+,title=rbac\/dangling-reference::ClusterRoleBinding vendor-admin \[vendor-operator\] at \/subjects\/0\/name: /),
    ]);
    const sarif = JSON.parse(run(repo, ['check', '--no-config', '--format', 'sarif', '--baseline', 'guardrails-baseline.json', 'vendor/']).stdout);
    const states = sarif.runs[0].results.map((r: any) => `${r.ruleId} ${r.baselineState}`);
    expect(states).toContain('rbac/cluster-admin-binding new');
    expect(states.filter((s: string) => s.endsWith(' unchanged')).length).toBe(baseline.findings.length);

    // The image is pinned: its findings are listed as fixed, in text too.
    fs.writeFileSync(path.join(repo, 'vendor', 'a-workload.yaml'), fs.readFileSync(path.join(repo, 'vendor', 'a-workload.yaml'), 'utf-8').replace(':latest', ':1.4.2'));
    const fixed = run(repo, ['check', '--no-config', '--format', 'json', '--baseline', 'guardrails-baseline.json', 'vendor/']);
    expect(json(fixed).fixed.map((e: any) => e.ruleId)).toContain('hardening/image-tag');
    const text = run(repo, ['check', '--no-config', '--baseline', 'guardrails-baseline.json', 'vendor/']).stdout;
    expect(text).toContain('Fixed since the baseline\n  FIXED   hardening/image-tag [manager] Deployment default/vendor-operator /spec/template/spec/containers/0/image');
    expect(text).toMatch(/\nBaselined \(accepted in the baseline/);
  });

  test('WHEN the baseline file is missing or not a baseline THEN exit 2 with one line naming it, no stack', () => {
    const repo = repository({ 'vendor/install.yaml': yamlStream(vendorInstall()), 'notes.json': '{"version": 7}' });
    const missing = run(repo, ['check', '--baseline', 'nope.json', 'vendor/']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('cdk8s-guardrails: --baseline nope.json: cannot read: no such file (record one with --write-baseline FILE)\n');
    const wrong = run(repo, ['check', '--baseline', 'notes.json', 'vendor/']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^cdk8s-guardrails: --baseline notes\.json: is not a cdk8s-guardrails baseline/);
    expect(wrong.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('GIVEN a .guardrails.yaml at the repository root', () => {
  const CONFIG = [
    'packs: [tokens, rbac, hardening]',
    'namespace: vendor-system',
    'exclude: [\'vendor/**/kustomization.yaml\']',
    'rules:',
    '  hardening/image-digest: off',
    'suppressions:',
    '  - rule: rbac/secrets-access',
    '    kind: ClusterRole',
    '    name: vendor-*',
    '    reason: The operator syncs TLS Secrets in every namespace by design.',
    '',
  ].join('\n');

  function repoWithConfig(config = CONFIG): string {
    return repository({
      '.guardrails.yaml': config,
      'vendor/install.yaml': yamlStream(vendorInstall()),
      // Not a Kubernetes object: without the exclude it would be an input error.
      'vendor/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [install.yaml]\n',
      'deploy/README.md': 'a subdirectory\n',
    });
  }

  test('WHEN check runs in a subdirectory THEN the file is found and applied: packs, namespace, exclude, rules and suppressions', () => {
    const repo = repoWithConfig();
    const result = run(path.join(repo, 'deploy'), ['check', '--format', 'json', '../vendor/']);
    const report = json(result);
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.filter((f: any) => f.ruleId === 'rbac/secrets-access').every((f: any) => f.suppressed)).toBe(true);
    expect(report.findings.map((f: any) => f.ruleId)).not.toContain('hardening/image-digest');
    expect(report.findings.map((f: any) => f.ruleId)).not.toContain('pss/run-as-non-root');
    // namespace vendor-system: the bound ServiceAccount is the install's own, so it exists.
    expect(report.findings.map((f: any) => f.ruleId)).not.toContain('rbac/dangling-reference');
    expect(report.findings.map((f: any) => f.ruleId)).toContain('hardening/image-tag');
  });

  test('WHEN flags are given THEN they override the file; --no-config ignores it; --config names another', () => {
    const repo = repoWithConfig();
    fs.writeFileSync(path.join(repo, 'strict.yaml'), 'packs: [hardening]\nrules:\n  hardening/image-tag: error\n');
    const overridden = json(run(repo, ['check', '--format', 'json', '--rule', 'hardening/image-digest=info', '--pack', 'hardening', 'vendor/install.yaml']));
    expect([...new Set(overridden.findings.map((f: any) => f.ruleId))].sort()).toEqual(['hardening/image-digest', 'hardening/image-tag', 'hardening/read-only-root-fs', 'hardening/resources']);
    const none = run(repo, ['check', '--no-config', '--format', 'json', 'vendor/']);
    // Without the file's settings the unsuppressed findings fail the run; the kustomization in the
    // directory is skipped by the reader as a build-tool file, with a note.
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('skipped 1 build-tool file');
    expect(json(none).findings.some((f: any) => f.ruleId === 'rbac/secrets-access' && !f.suppressed)).toBe(true);
    const strict = run(repo, ['check', '--config', 'strict.yaml', '--format', 'json', 'vendor/install.yaml']);
    expect(strict.status).toBe(1);
    expect(json(strict).findings.find((f: any) => f.ruleId === 'hardening/image-tag').severity).toBe('error');
  });

  test('WHEN the file has a typo THEN exit 2 and one line per problem with file, line and the closest valid name', () => {
    const repo = repoWithConfig(CONFIG.replace('rbac/secrets-access', 'rbac/secret-access').replace('namespace:', 'namespaces:'));
    const result = run(path.join(repo, 'deploy'), ['check', '../vendor/']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe([
      "cdk8s-guardrails: ../.guardrails.yaml:2: namespaces: unknown key 'namespaces'; did you mean 'namespace'?",
      "../.guardrails.yaml:7: suppressions[0].rule: \"rbac/secret-access\" is not allowed; did you mean 'rbac/secrets-access'?",
      '',
    ].join('\n'));
  });
});

describe('cdk8s-guardrails rules', () => {
  test('GIVEN --format markdown THEN it prints docs/rules.md; json parses; text is the default', () => {
    expect(run(REPO_ROOT, ['rules', '--format', 'markdown']).stdout).toBe(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf-8'));
    expect(JSON.parse(run(REPO_ROOT, ['rules', '--format', 'json']).stdout)).toEqual(JSON.parse(RuleDocs.json()));
    const text = run(REPO_ROOT, ['rules']);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(RuleDocs.text());
  });

  test('GIVEN a bad format or an operand THEN a usage error', () => {
    const bad = run(REPO_ROOT, ['rules', '--format', 'html']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("cdk8s-guardrails: --format 'html' is not allowed: expected one of text, markdown, json\nRun 'cdk8s-guardrails rules --help' for usage.\n");
    expect(run(REPO_ROOT, ['rules', 'token/automount-pod']).status).toBe(2);
  });
});

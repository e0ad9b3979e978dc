import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../src/cli/cli-io';
import { Cli } from '../../src/cli/main';
import { readManifests } from '../harden/read-manifests';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'harden');
const OPERATOR = path.join(FIXTURES, 'kubebuilder-rbac-proxy.yaml');
const MANAGER = 'Deployment/widget-operator-controller-manager';

/** An in-memory process; files are written for real (under temporary directories). */
function fakeIo(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    colorTerminal: false,
    stdinIsTerminal: false,
    stdout: (t) => { out.push(t); },
    stderr: (t) => { err.push(t); },
    readStdin: () => Buffer.from(stdin),
    writeFile: (file, text) => fs.writeFileSync(file, text),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => { for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true }); });

function objects(text: string) {
  const read = readManifests(text, 'out.yaml');
  expect(read.errors).toEqual([]);
  return read.manifests;
}

describe('cdk8s-guardrails harden', () => {
  test('GIVEN manifests on stdin (a Helm post-renderer) THEN the hardened stream is on stdout and one summary line on stderr', () => {
    const t = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '-n', 'widgets-system', '--token-containers', `${MANAGER}=manager`, '-'], t.io, {})).toBe(0);
    const manager = objects(t.stdout()).find((m) => m.kind === 'Deployment')!.spec.template.spec;
    expect(manager.automountServiceAccountToken).toBe(false);
    expect(manager.containers.map((c: any) => c.volumeMounts?.length ?? 0)).toEqual([0, 1]);
    expect(t.stderr()).toBe('cdk8s-guardrails harden: 6 objects read, 2 changed (4 fields), 0 pods keep the API token in more than one container\n');
  });

  test('GIVEN --check THEN nothing is written; exit 1 when something would change, 0 once hardened', () => {
    const before = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '--check', '-n', 'widgets-system', '-'], before.io, {})).toBe(1);
    expect(before.stdout()).toBe('');
    expect(before.stderr()).toContain('2 would change');
    const hardened = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '-n', 'widgets-system', '-'], hardened.io, {})).toBe(0);
    const after = fakeIo(hardened.stdout());
    expect(Cli.run(['harden', '--check', '-n', 'widgets-system', '-'], after.io, {})).toBe(0);
    expect(after.stderr()).toContain('0 would change (0 fields)');
  });

  test('GIVEN a directory and --output THEN every file is mirrored (unchanged ones byte for byte), and --report describes the changes', () => {
    const input = tempDir();
    fs.mkdirSync(path.join(input, 'operator'));
    fs.copyFileSync(OPERATOR, path.join(input, 'operator', 'install.yaml'));
    const untouched = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}   # as shipped\ndata: {a: "1"}\n';
    fs.writeFileSync(path.join(input, 'settings.yml'), untouched);
    const output = path.join(tempDir(), 'hardened');
    const report = path.join(tempDir(), 'harden.md');
    const t = fakeIo();
    expect(Cli.run(['harden', '-n', 'widgets-system', '--output', output, '--report', report, input], t.io, {})).toBe(0);
    expect(t.stdout()).toBe('');
    expect(fs.readFileSync(path.join(output, 'settings.yml'), 'utf-8')).toBe(untouched);
    expect(objects(fs.readFileSync(path.join(output, 'operator', 'install.yaml'), 'utf-8')).map((m) => m.automountServiceAccountToken ?? null))
      .toEqual([false, null, null, null, null, null]);
    const markdown = fs.readFileSync(report, 'utf-8');
    expect(markdown).toContain('| Deployment widgets-system/widget-operator-controller-manager | kube-rbac-proxy, manager | `--token-containers Deployment/widgets-system/widget-operator-controller-manager=kube-rbac-proxy` |');
    expect(markdown).toContain('| ServiceAccount widgets-system/widget-operator-controller-manager | `/automountServiceAccountToken` | (unset) | false |');
    expect(t.stderr()).toContain(`written under ${output}; report written to ${report}`);
  });

  test('GIVEN the input directory as --output THEN the files are hardened in place', () => {
    const dir = tempDir();
    fs.copyFileSync(OPERATOR, path.join(dir, 'install.yaml'));
    expect(Cli.run(['harden', '-n', 'widgets-system', '-o', dir, dir], fakeIo().io, {})).toBe(0);
    expect(Cli.run(['harden', '--check', '-n', 'widgets-system', dir], fakeIo().io, {})).toBe(0);
  });

  test('GIVEN one unreadable document among good files THEN exit 2, each error with file and line, and nothing is written', () => {
    const dir = tempDir();
    fs.copyFileSync(OPERATOR, path.join(dir, 'a.yaml'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: x\n  bad: indent\n');
    const output = path.join(tempDir(), 'out');
    const t = fakeIo();
    expect(Cli.run(['harden', '-o', output, dir], t.io, {})).toBe(2);
    expect(t.stderr()).toBe(`${path.join(dir, 'b.yaml')}:7: input error: invalid YAML: mapping values are not allowed in this context\n`
      + 'cdk8s-guardrails: 1 input error: nothing written\n');
    expect(fs.existsSync(output)).toBe(false);
    expect(t.stdout()).toBe('');
  });

  test('GIVEN --token-containers naming a workload or container that does not exist THEN exit 2 with the closest match, nothing written', () => {
    const t = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '-n', 'widgets-system', '--token-containers', 'Deployment/widget-operator-controler-manager=manager',
      '--token-containers', `${MANAGER}=manger`, '-'], t.io, {})).toBe(2);
    expect(t.stderr()).toBe('cdk8s-guardrails: --token-containers Deployment/widget-operator-controler-manager=manager: Deployment/widget-operator-controler-manager '
      + "(namespace widgets-system) is not a workload with a pod in the input; did you mean 'Deployment/widgets-system/widget-operator-controller-manager'?\n"
      + `cdk8s-guardrails: --token-containers ${MANAGER}=manger: ${MANAGER} has no container 'manger' (its containers: kube-rbac-proxy, manager); did you mean 'manager'?\n`
      + 'cdk8s-guardrails: nothing written\n');
    expect(t.stdout()).toBe('');
  });

  test('GIVEN --config THEN its harden section and namespace apply, and a flag for the same workload wins', () => {
    const dir = tempDir();
    const config = path.join(dir, '.guardrails.yaml');
    fs.writeFileSync(config, `namespace: widgets-system\nharden:\n  tokenTtlSeconds: 1800\n  tokenContainers:\n    ${MANAGER}: [kube-rbac-proxy]\n`);
    const fromFile = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '--config', config, '-'], fromFile.io, {})).toBe(0);
    const spec = objects(fromFile.stdout()).find((m) => m.kind === 'Deployment')!.spec.template.spec;
    expect(spec.containers.map((c: any) => c.volumeMounts?.length ?? 0)).toEqual([1, 0]);
    expect(spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(1800);
    const flagWins = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '-n', 'widgets-system', '--config', config, '--token-containers', `${MANAGER}=manager`, '--token-ttl', '900', '-'], flagWins.io, {})).toBe(0);
    const narrowed = objects(flagWins.stdout()).find((m) => m.kind === 'Deployment')!.spec.template.spec;
    expect(narrowed.containers.map((c: any) => c.volumeMounts?.length ?? 0)).toEqual([0, 1]);
    expect(narrowed.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(900);
  });

  test('GIVEN a custom kind that runs pods, declared by --pod-template or the file\'s podTemplates THEN its pods are hardened; undeclared, it is left alone', () => {
    // A custom resource in a shape the built-in table does not know, whose account can read pods.
    const install = [
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: runner}',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: runner}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: runner}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: runner}\nsubjects: [{kind: ServiceAccount, name: runner}]',
      'apiVersion: example.com/v1\nkind: WorkerPool\nmetadata: {name: pool}\nspec:\n  pools:\n  - template:\n      spec:\n        serviceAccountName: runner\n        containers: [{name: worker, image: w}]',
    ].join('\n---\n') + '\n';
    const poolSpec = (text: string) => objects(text).find((m) => m.kind === 'WorkerPool')!.spec.pools[0].template.spec;
    const undeclared = fakeIo(install);
    expect(Cli.run(['harden', '--no-config', '-n', 'jobs', '-'], undeclared.io, {})).toBe(0);
    expect(poolSpec(undeclared.stdout()).automountServiceAccountToken).toBeUndefined();

    const flag = fakeIo(install);
    expect(Cli.run(['harden', '--no-config', '-n', 'jobs', '--pod-template', 'example.com/WorkerPool=spec.pools[*].template.spec', '-'], flag.io, {})).toBe(0);
    const hardened = poolSpec(flag.stdout());
    expect(hardened.automountServiceAccountToken).toBe(false);
    expect(hardened.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'api-credentials', readOnly: true }]);

    const config = path.join(tempDir(), '.guardrails.yaml');
    fs.writeFileSync(config, 'podTemplates:\n  - group: example.com\n    kind: WorkerPool\n    paths: [\'spec.pools[*].template.spec\']\n');
    const fromFile = fakeIo(install);
    expect(Cli.run(['harden', '--config', config, '-n', 'jobs', '-'], fromFile.io, {})).toBe(0);
    expect(poolSpec(fromFile.stdout())).toEqual(hardened);
    // The flag's entry wins for the same kind: declared to hold no pod, nothing is changed.
    const overridden = fakeIo(install);
    expect(Cli.run(['harden', '--config', config, '-n', 'jobs', '--pod-template', 'example.com/WorkerPool=', '-'], overridden.io, {})).toBe(0);
    expect(poolSpec(overridden.stdout()).automountServiceAccountToken).toBeUndefined();
  });

  test('GIVEN a --pod-template path that is not a path THEN exit 2 naming the flag and the value', () => {
    const t = fakeIo('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n');
    expect(Cli.run(['harden', '--no-config', '--pod-template', 'example.com/WorkerPool=spec..template', '-'], t.io, {})).toBe(2);
    expect(t.stderr()).toMatch(/^cdk8s-guardrails: --pod-template 'spec\.\.template' is not a path: /);
    expect(t.stdout()).toBe('');
  });

  test('GIVEN a .guardrails.yaml in the working directory THEN it is found: its exclude, namespace and maxTokenTtl (a bound of the lifetime written) apply; --no-config ignores it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.guardrails.yaml'), 'namespace: widgets-system\nmaxTokenTtl: 900\nexclude: ["notes/**"]\n');
    fs.copyFileSync(OPERATOR, path.join(dir, 'install.yaml'));
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'notes', 'upgrade.yaml'), 'steps: [backup, apply]\n');
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [install.yaml]\n');
    const found = fakeIo();
    expect(Cli.run(['harden', dir], { ...found.io, cwd: dir }, {})).toBe(0);
    const spec = objects(found.stdout()).find((m) => m.kind === 'Deployment')!.spec.template.spec;
    expect(spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(900);
    // Build-tool files (the configuration, kustomization.yaml) are skipped as check skips them.
    expect(found.stderr()).toContain('note: skipped 2 build-tool files that are not Kubernetes objects (.guardrails.yaml, kustomization.yaml)');
    const none = fakeIo();
    // Without the file: notes/ is read (and holds no Kubernetes object).
    expect(Cli.run(['harden', '--no-config', dir], { ...none.io, cwd: dir }, {})).toBe(2);
    expect(none.stderr()).toContain(`${path.join(dir, 'notes', 'upgrade.yaml')}:1: input error: not a Kubernetes object`);
  });

  test('GIVEN a configuration file with a bad harden section THEN exit 2 naming the file, the line and the key', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'harden:\n  tokenTTL: 60\n');
    const t = fakeIo(fs.readFileSync(OPERATOR, 'utf-8'));
    expect(Cli.run(['harden', '--config', path.join(dir, 'c.yaml'), '-'], t.io, {})).toBe(2);
    expect(t.stderr()).toMatch(/c\.yaml:2: harden\.tokenTTL: unknown key 'tokenTTL'/);
    expect(t.stdout()).toBe('');
  });

  test.each([
    [['harden', '--token-ttl', '3607', '-'], '--token-ttl 3607s is refused'],
    [['harden', '-n', 'Team_A', '-'], "--namespace 'Team_A' is not a valid namespace name"],
    [['harden', '--config', 'c.yaml', '--no-config', '-'], '--config and --no-config exclude each other'],
  ])('GIVEN %j THEN a usage error naming the flag, exit 2', (argv, message) => {
    const t = fakeIo('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n');
    expect(Cli.run(argv, t.io, {})).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(t.stderr()).toContain("Run 'cdk8s-guardrails harden --help' for usage.");
  });

  test('GIVEN two files with the same name from different places and --output THEN a usage error before anything is written', () => {
    const a = tempDir();
    const b = tempDir();
    fs.copyFileSync(OPERATOR, path.join(a, 'install.yaml'));
    fs.copyFileSync(OPERATOR, path.join(b, 'install.yaml'));
    const output = path.join(tempDir(), 'out');
    const t = fakeIo();
    expect(Cli.run(['harden', '-o', output, path.join(a, 'install.yaml'), path.join(b, 'install.yaml')], t.io, {})).toBe(2);
    expect(t.stderr()).toContain(`two inputs would be written to ${path.join(output, 'install.yaml')}`);
    expect(fs.existsSync(output)).toBe(false);
  });

  test('GIVEN several files to stdout THEN one stream: each file starts after a --- line', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}');
    fs.writeFileSync(path.join(dir, 'b.yaml'), '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n');
    fs.writeFileSync(path.join(dir, 'c.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: c}\n');
    const t = fakeIo();
    expect(Cli.run(['harden', dir], t.io, {})).toBe(0);
    expect(t.stdout()).toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\nautomountServiceAccountToken: false\n'
      + '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\nautomountServiceAccountToken: false\n'
      + '---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: c}\nautomountServiceAccountToken: false\n');
  });

  test('GIVEN - with a terminal on stdin THEN a usage error instead of waiting', () => {
    const t = fakeIo();
    const io = { ...t.io, stdinIsTerminal: true };
    expect(Cli.run(['harden', '-'], io, {})).toBe(2);
    expect(t.stderr()).toContain('- reads standard input, but it is a terminal');
  });
});

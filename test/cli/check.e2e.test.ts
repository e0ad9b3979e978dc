import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, REPO_ROOT, removeTempDirs, requireBuiltCli, runCli, STACK_TRACE, tempDir } from './built-cli';
import { parseXml } from '../compliance/report/xml-check';

const fixture = (name: string) => path.join(FIXTURES, name);
const json = (stdout: string) => JSON.parse(stdout);

/**
 * Writes at least `bytes` of ServiceAccounts (about 1 KB each, with a long annotation, none
 * setting automountServiceAccountToken so each has a finding) and returns how many it wrote.
 */
function writeBigFile(file: string, bytes: number): number {
  const padding = 'x'.repeat(900);
  const docs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: big-${i}\n  namespace: big\n  annotations:\n    padding: ${padding}\n`;
    docs.push(doc);
    size += doc.length + 4;
  }
  fs.writeFileSync(file, docs.join('---\n'));
  return docs.length;
}

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('check: output formats', () => {
  test('text (default) names file and line of every finding, exit 1 on errors', () => {
    // WHEN the insecure fixture is checked with the defaults
    const r = runCli(['check', fixture('insecure.yaml')]);
    // THEN errors exit 1, each object names its file and each finding the line and column of its field
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`ServiceAccount shop/api (${fixture('insecure.yaml')})\n    ERROR   token/automount-service-account /automountServiceAccountToken (line 2, column 1)`);
    expect(r.stdout).toContain(`Deployment shop/api (${fixture('insecure.yaml')})`);
    expect(r.stdout).toContain('ERROR   pss/privileged [api] /spec/template/spec/containers/0/securityContext/privileged (line 25, column 13)');
    expect(r.stdout).toContain('token/automount-pod');
    expect(r.stderr).toBe('');
  });

  test('json is the report: every finding with file, and the line and column of its field (of its nearest existing parent when the field is missing)', () => {
    const r = runCli(['check', '--format', 'json', fixture('insecure.yaml')]);
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.summary).toMatchObject({ objects: 2, errors: 7 });
    expect(report.findings.length).toBeGreaterThan(7);
    for (const f of report.findings) expect(f.file).toBe(fixture('insecure.yaml'));
    const at = (ruleId: string) => report.findings.filter((f: any) => f.ruleId === ruleId).map((f: any) => [f.line, f.column]);
    expect(at('pss/privileged')).toEqual([[25, 13]]); // privileged: true
    expect(at('hardening/image-tag')).toEqual([[23, 11]]); // image: ...:latest
    expect(at('token/automount-pod')).toEqual([[19, 5]]); // missing: the pod spec
    expect(at('token/automount-service-account')).toEqual([[2, 1]]); // missing: the ServiceAccount
    expect(report.inputErrors).toEqual([]);
  });

  test('markdown is a pull-request comment naming the rules', () => {
    const r = runCli(['check', '--format', 'markdown', fixture('insecure.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^#/m);
    expect(r.stdout).toContain('token/automount-service-account');
    expect(r.stdout).toContain('|');
  });

  test('junit is well-formed XML with one failure per failing rule and object', () => {
    const r = runCli(['check', '--format', 'junit', fixture('insecure.yaml')]);
    expect(r.status).toBe(1);
    const elements = parseXml(r.stdout);
    expect(elements[0].name).toBe('testsuites');
    expect(elements.filter((e) => e.name === 'failure').length).toBeGreaterThan(0);
    expect(r.stdout).toContain('token/automount-pod');
  });

  test('sarif points every result at the file and line (schema validity: sarif-schema.e2e.test.ts)', () => {
    const r = runCli(['check', '--format', 'sarif', fixture('insecure.yaml')]);
    expect(r.status).toBe(1);
    const log = json(r.stdout);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toBe('test/fixtures/cli/insecure.yaml');
      expect(location.region.startLine).toBeGreaterThanOrEqual(2);
      expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    const privileged = results.find((result: any) => result.ruleId === 'pss/privileged');
    expect(privileged.locations[0].physicalLocation.region).toEqual({ startLine: 25, startColumn: 13 });
  });

  test('--output writes the report to a file and a summary to stderr', () => {
    const out = path.join(tempDir(), 'report.json');
    const r = runCli(['check', '--format', 'json', '--output', out, fixture('insecure.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(json(fs.readFileSync(out, 'utf-8')).summary.objects).toBe(2);
    expect(r.stderr).toContain(`report written to ${out}`);
  });

  test('--output into a directory that does not exist is exit 2 with a message', () => {
    const r = runCli(['check', '-o', '/nonexistent-dir/report.json', fixture('clean.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot write --output /nonexistent-dir/report.json: ENOENT');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('check: exit codes and --fail-on', () => {
  test.each([
    // [fixture, extra args, exit code]
    ['clean.yaml', [], 0],
    ['insecure.yaml', [], 1],
    ['insecure.yaml', ['--fail-on', 'never'], 0],
    ['warning-only.yaml', [], 0],
    ['warning-only.yaml', ['--fail-on', 'warning'], 1],
    ['info-only.yaml', ['--fail-on', 'warning'], 0],
    ['info-only.yaml', ['--fail-on', 'info'], 1],
    ['suppressed.yaml', [], 0],
    ['suppressed.yaml', ['--ignore-suppressions'], 1],
  ] as Array<[string, string[], number]>)('%s %j exits %d', (file, args, status) => {
    const r = runCli(['check', ...args, '--format', 'json', fixture(file)]);
    expect(r.status).toBe(status);
    expect(json(r.stdout).inputErrors).toEqual([]);
  });

  test('a suppressed finding is reported as suppressed, with its reason', () => {
    const report = json(runCli(['check', '--format', 'json', fixture('suppressed.yaml')]).stdout);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'token/automount-service-account', suppressed: true, reason: expect.stringContaining('vendor chart') })]);
  });

  test('--pack limits the rules to that pack', () => {
    const report = json(runCli(['check', '--pack', 'tokens', '--format', 'json', fixture('insecure.yaml')]).stdout);
    const rules = new Set(report.findings.map((f: any) => f.ruleId.split('/')[0]));
    expect([...rules]).toEqual(['token']);
  });

  test('--max-token-ttl raises the longest projected token lifetime allowed', () => {
    // GIVEN a pod with a projected token of 7200 s
    const file = path.join(tempDir(), 'ttl.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: x}', 'spec:', '  automountServiceAccountToken: false',
      '  containers: [{name: c, image: i:1, volumeMounts: [{name: t, mountPath: /t}]}]',
      '  volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 7200}}]}}]',
    ].join('\n'));
    const ttlFindings = (args: string[]) => json(runCli(['check', '--pack', 'tokens', '--format', 'json', ...args, file]).stdout)
      .findings.filter((f: any) => f.ruleId === 'token/projected-ttl');
    // THEN the default 3600 flags it and --max-token-ttl 7200 does not
    expect(ttlFindings([])).toHaveLength(1);
    expect(ttlFindings(['--max-token-ttl', '7200'])).toHaveLength(0);
  });
});

describe('check: usage errors exit 2 with a hint and no stack trace', () => {
  test.each([
    [['check', '--nope', 'x.yaml'], "unknown option '--nope'"],
    [['check', '--pack', 'nope', 'x.yaml'], "unknown pack 'nope': expected one of"],
    [['check', '--format', 'html', 'x.yaml'], "--format 'html' is not allowed: expected one of text, markdown, json, sarif, junit"],
    [['check', '--fail-on', 'critical', 'x.yaml'], "--fail-on 'critical' is not allowed: expected one of error, warning, info, never"],
    [['check', '--max-token-ttl', '1h', 'x.yaml'], "--max-token-ttl '1h' is not allowed"],
    [['check', '--max-token-ttl', '300', 'x.yaml'], '--max-token-ttl 300s is below the Kubernetes minimum of 600s'],
    [['check'], 'no PATH given'],
    [['lint', 'x.yaml'], "unknown command 'lint'"],
    [['access', '--format', 'sarif'], "--format 'sarif' is not allowed: expected one of markdown, json"],
  ])('%j', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/Run 'cdk8s-guardrails( check| access)? --help' for usage\./);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('--help shows usage with examples and exit codes; --version the package version', () => {
    const help = runCli(['check', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: cdk8s-guardrails check [options] PATH...');
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Packs: ');
    expect(help.stdout).toContain('recommended');
    expect(runCli(['--help']).stdout).toContain('Commands:');
    expect(runCli([]).stdout).toContain('Commands:');
    const version = runCli(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8')).version);
  });
});

describe('check: inputs', () => {
  test('- reads standard input, named <stdin> in findings', () => {
    const r = runCli(['check', '--format', 'json', '-'], fs.readFileSync(path.join(REPO_ROOT, fixture('insecure.yaml'))));
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.summary.objects).toBe(2);
    expect(report.findings[0]).toMatchObject({ file: '<stdin>', line: 2 });
  });

  test('a directory is searched recursively for *.yaml and *.yml; other files and node_modules are skipped', () => {
    // GIVEN a tree with YAML at two levels, a .yml, a text file and a node_modules folder
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, fixture('clean.yaml')), path.join(dir, 'a.yaml'));
    fs.copyFileSync(path.join(REPO_ROOT, fixture('insecure.yaml')), path.join(dir, 'nested', 'deeper', 'b.yml'));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not yaml: [');
    fs.copyFileSync(path.join(REPO_ROOT, fixture('insecure.yaml')), path.join(dir, 'node_modules', 'pkg', 'c.yaml'));
    // WHEN the directory is checked
    const report = json(runCli(['check', '--format', 'json', dir]).stdout);
    // THEN exactly the two YAML files are read
    expect(report.summary.objects).toBe(4);
    expect(new Set(report.findings.map((f: any) => f.file))).toEqual(new Set([path.join(dir, 'nested', 'deeper', 'b.yml')]));
  });

  test('a List (kubectl get -o yaml) is unpacked; each item keeps its own line', () => {
    const r = runCli(['check', '--format', 'json', fixture('list.yaml')]);
    const report = json(r.stdout);
    expect(report.summary.objects).toBe(2);
    expect(report.findings).toEqual([expect.objectContaining({ object: expect.objectContaining({ name: 'listed-bad' }), line: 13 })]);
  });

  test('a 500-document stream on stdin: every document is checked and located', () => {
    // GIVEN 500 ServiceAccounts, every other one without automountServiceAccountToken: false
    const docs: string[] = [];
    for (let i = 0; i < 500; i++) {
      docs.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: ns\n${i % 2 === 0 ? 'automountServiceAccountToken: false\n' : ''}`);
    }
    const stream = docs.join('---\n');
    // WHEN it is piped into check
    const r = runCli(['check', '--format', 'json', '-'], stream);
    // THEN all 500 are checked, the 250 odd ones fail, each at the line where its document starts
    const report = json(r.stdout);
    expect(r.status).toBe(1);
    expect(report.summary.objects).toBe(500);
    expect(report.findings).toHaveLength(250);
    let line = 1;
    const starts = docs.map((d) => {
      const start = line;
      line += d.split('\n').length; // the document's lines plus the `---` separator
      return start;
    });
    for (const f of report.findings) {
      const i = Number(f.object.name.slice(3));
      expect(i % 2).toBe(1);
      expect(f.line).toBe(starts[i]);
    }
  });
});

describe('check: bad input is reported with file and line; everything else is still checked', () => {
  test('binary, non-UTF-8, invalid YAML, empty, kind-less, missing and 10 MB inputs in one run', () => {
    // GIVEN good files mixed with every kind of bad input
    const dir = tempDir();
    const binary = path.join(dir, 'binary.yaml');
    fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x0a, 0x00, 0x01, 0x02, 0xff]));
    const latin1 = path.join(dir, 'latin1.yaml');
    fs.writeFileSync(latin1, Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'));
    const big = path.join(dir, 'big.yaml');
    const bigDocs = writeBigFile(big, 10 * 1024 * 1024);
    const missing = path.join(dir, 'missing.yaml');
    const files = [fixture('invalid-yaml.yaml'), binary, fixture('empty.yaml'), fixture('no-kind.yaml'), latin1, missing, big, fixture('clean.yaml')];

    // WHEN they are checked together
    const r = runCli(['check', '--format', 'json', ...files]);

    // THEN exit 2, no stack trace, and every bad input is reported with its file (and line)
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const report = json(r.stdout);
    const errors = report.inputErrors.map((e: any) => `${e.file}:${e.line ?? '-'}: ${e.message}`);
    // (messages of kubectl's YAML library where it has one; a stray Latin-1 byte is no error:
    // kubectl reads it as U+FFFD and applies the object, so it is checked)
    expect(errors).toEqual([
      `${fixture('invalid-yaml.yaml')}:12: invalid YAML: did not find expected ',' or ']'`,
      `${binary}:2: binary content (a NUL byte): not a YAML text file (kubectl refuses control characters)`,
      `${fixture('empty.yaml')}:1: no Kubernetes object: the input is empty or holds only comments`,
      `${fixture('no-kind.yaml')}:1: not a Kubernetes object: has no kind (kubectl refuses a document without one)`,
      `${fixture('no-kind.yaml')}:5: not a Kubernetes object: a sequence (kubectl reads only mappings)`,
      `${missing}:-: cannot read: no such file or directory`,
    ]);
    // AND every good document was checked: 2 around the broken one, 1 next to the kind-less ones,
    // the Latin-1 one, all of the 10 MB file, and the 2 of the clean file
    expect(report.summary.objects).toBe(2 + 1 + 1 + bigDocs + 2);
    const checked = new Set(report.findings.map((f: any) => f.object.name));
    expect(checked).toContain('after-broken');
    expect(checked).toContain('next-to-kindless');
    expect(checked).toContain(`big-${bigDocs - 1}`);
    // the errors are on stderr too, for CI logs, in `file:line: input error: message` form
    expect(r.stderr).toContain(`${fixture('no-kind.yaml')}:5: input error: not a Kubernetes object`);
  });

  test('unsafe YAML: custom tags are plain strings (as kubectl reads them), alias bombs and duplicate keys are input errors; nothing is executed or expanded', () => {
    // GIVEN three hostile documents and a good one
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
      previous = name;
    }
    const stream = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fn}\ndata: {x: !!js/function "function () { process.exit(42) }"}\n',
      bomb,
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: dup, namespace: x}\nautomountServiceAccountToken: false\nautomountServiceAccountToken: true\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: fine, namespace: x}\nautomountServiceAccountToken: false\n',
    ].join('---\n');
    // WHEN checked
    const r = runCli(['check', '--format', 'json', '-'], stream);
    // THEN the bomb and the duplicate are input errors at their lines (go-yaml's alias limit
    // trips inside the bomb), the tagged value is the plain string it is for kubectl, and the
    // good document is checked
    expect(r.status).toBe(2);
    const report = json(r.stdout);
    expect(report.inputErrors.map((e: any) => `${e.line}: ${e.message}`)).toEqual([
      expect.stringMatching(/^1[0-3]: invalid YAML: document contains excessive aliasing$/),
      expect.stringMatching(/^23: invalid YAML: Map keys must be unique: "automountServiceAccountToken" is repeated/),
    ]);
    expect(report.summary.objects).toBe(2);
  });
});

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ComplianceEngine } from '../../src/compliance/engine';
import { ReportFormat } from '../../src/compliance/report/format';
import { Reporters } from '../../src/compliance/report/reporters';
import { BUILT_CLI, REPO_ROOT, requireBuiltCli, STACK_TRACE } from '../cli/built-cli';
import { loadInputs } from '../reader/load-inputs';

/**
 * Hostile YAML against `cdk8s-guardrails check`, run as users run it: the built command (the `bin`)
 * in a child process, with a heap cap and a time limit. Every case must end in findings or a clear
 * input error (exit 1 or 2, never a crash, a stack trace, a timeout or an out-of-memory), and the
 * good documents around the hostile one must still be checked.
 */

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'hostile');
/** The heap the command gets: far below what a naive loader needs for the attacks below. */
const HEAP_MB = 256;
/** Every case must finish well inside this (the slowest takes about 2 s on a loaded 2-core machine). */
const TIME_LIMIT_MS = 20_000;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly report: any;
}

/** `cdk8s-guardrails check --format json FILES` with a heap cap and a time limit. */
function check(files: readonly string[], options: { cwd?: string; input?: Buffer } = {}): Run {
  requireBuiltCli();
  const started = Date.now();
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BUILT_CLI, 'check', '--format', 'json', ...files], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: TIME_LIMIT_MS,
    env: { ...process.env, NO_COLOR: '1', CDK8S_GUARDRAILS_DEBUG: '' },
  });
  const ms = Date.now() - started;
  let report: any;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = undefined;
  }
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms, report };
}

/** The run ended by itself, in time, with a report and without a stack trace. */
function expectControlled(run: Run, exit: 1 | 2): void {
  // stderr is in the compared object so that a failure shows what the command said.
  const outcome = { signal: run.signal, status: run.status, stderr: run.stderr.slice(0, 500) };
  expect(outcome).toEqual({ signal: null, status: exit, stderr: expect.any(String) });
  expect(run.ms).toBeLessThan(TIME_LIMIT_MS);
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.report).toBeDefined();
}

/** The names of the objects that have findings. */
function flagged(run: Run): string[] {
  return [...new Set<string>(run.report.findings.map((f: any) => f.object.name))].sort();
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-hostile-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A good ServiceAccount (it has a finding: automount is not disabled), to prove documents are not lost. */
function goodDocument(name: string): string {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: apps\n`;
}

/** good-before, the hostile document, good-after, as one file in a temporary directory. */
function writeSandwich(name: string, hostile: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, Buffer.concat([
    Buffer.from(`${goodDocument('good-before')}---\n`),
    Buffer.isBuffer(hostile) ? hostile : Buffer.from(hostile),
    Buffer.from(`\n---\n${goodDocument('good-after')}`),
  ]));
  return file;
}

describe('hostile YAML: findings or a clear input error, in bounded time and memory, good documents kept', () => {
  const inputErrorCases: Array<[string, string, RegExp]> = [
    ['billion laughs (nested aliases)', 'billion-laughs.yaml', /alias/i],
    ['duplicate keys', 'duplicate-keys.yaml', /unique/i],
    ['a truncated document', 'truncated.yaml', /invalid YAML/],
    // kubectl refuses it too ("anchor 'meta' value contains itself"): it is never applied.
    ['an alias to its own ancestor (a cycle)', 'recursive-alias.yaml', /anchor 'meta' value contains itself/],
  ];

  test.each(inputErrorCases)('%s: an input error with file and line; the good documents are checked', (_, fixture, message) => {
    const file = path.join(FIXTURES, fixture);
    const run = check([file]);
    expectControlled(run, 2);
    expect(run.report.inputErrors).toEqual([{ file, line: expect.any(Number), message: expect.stringMatching(message) }]);
    expect(run.report.inputErrors[0].line).toBeGreaterThan(7);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('a !!js/function payload never runs: custom tags are plain strings, as kubectl reads them', () => {
    // GIVEN a tag payload that would write a marker file into the working directory
    const cwd = tempDir();
    const run = check([path.join(FIXTURES, 'js-function-tag.yaml')], { cwd });
    // THEN the ConfigMap is read with the tagged text as its value (what kubectl applies), checked,
    // and nothing was written
    expectControlled(run, 1);
    expect(run.report.inputErrors).toEqual([]);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  test('!!binary (a standard YAML 1.1 tag) is read as data; the Secret and the good documents are checked', () => {
    const run = check([path.join(FIXTURES, 'binary-tag.yaml')]);
    expectControlled(run, 1);
    expect(run.report.inputErrors).toEqual([]);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('__proto__ and constructor keys are plain data in the child process too', () => {
    const run = check([path.join(FIXTURES, 'prototype-keys.yaml')]);
    expectControlled(run, 1);
    expect(run.report.summary.objects).toBe(3);
    // The hardened ServiceAccount with the odd keys has no finding; the two good ones do.
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('deep flow nesting (100 000 brackets): an input error, no stack overflow', () => {
    const file = writeSandwich('deep-flow.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const run = check([file]);
    expectControlled(run, 2);
    expect(run.report.inputErrors).toHaveLength(1);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('deep block nesting (200 levels) is checked', () => {
    let nested = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep-block\nx:\n';
    for (let depth = 1; depth < 200; depth++) nested += `${' '.repeat(depth)}k:\n`;
    const run = check([writeSandwich('deep-block.yaml', nested)]);
    expectControlled(run, 1);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('deep block nesting (1 000 levels) is checked, as kubectl applies it', () => {
    let nested = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deeper-block\nx:\n';
    for (let depth = 1; depth < 1000; depth++) nested += `${' '.repeat(depth)}k:\n`;
    const run = check([writeSandwich('deeper-block.yaml', nested)]);
    expectControlled(run, 1);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('deep block nesting past kubectl\'s limit (10 001 levels): an input error for that document only', () => {
    let nested = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deepest-block\nx:\n';
    for (let depth = 1; depth <= 10_001; depth++) nested += `${' '.repeat(depth)}k:\n`;
    const file = writeSandwich('deepest-block.yaml', nested);
    const run = check([file]);
    expectControlled(run, 2);
    expect(run.report.inputErrors).toEqual([{ file, line: expect.any(Number), message: 'invalid YAML: exceeded max depth of 10000' }]);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('a 20 MB line (one plain scalar) is checked', () => {
    const run = check([writeSandwich('long-line.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  x: ${'y'.repeat(20 * 1024 * 1024)}`)]);
    expectControlled(run, 1);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('a 1 MB line of one flow mapping with 5 000 keys is checked', () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `key-${i}: ${'v'.repeat(190)}`).join(', ');
    const run = check([writeSandwich('long-flow.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long-flow\ndata: {${keys}}`)]);
    expectControlled(run, 1);
    expect(run.report.summary.objects).toBe(3);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('one mapping with 200 000 keys is checked, and a duplicate at its end is still found', () => {
    // The yaml library's own duplicate-key check compares each key with every earlier one
    // (40 000 keys took about 9 s): 200 000 would run past the time limit.
    const keys = Array.from({ length: 200_000 }, (_, i) => `  key-${i}: v`).join('\n');
    const unique = check([writeSandwich('many-keys.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many\ndata:\n${keys}`)]);
    expectControlled(unique, 1);
    expect(unique.report.summary.objects).toBe(3);
    const duplicated = check([writeSandwich('many-keys-dup.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many\ndata:\n${keys}\n  key-7: again`)]);
    expectControlled(duplicated, 2);
    expect(duplicated.report.inputErrors).toEqual([expect.objectContaining({ line: 200_012, message: expect.stringMatching(/^invalid YAML: Map keys must be unique: "key-7"/) })]);
    expect(flagged(duplicated)).toEqual(['good-after', 'good-before']);
  });

  test('a NUL byte: the file is refused as binary, with its line (exit 2: nothing passes silently)', () => {
    const file = writeSandwich('nul.yaml', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n\u0000ul\n'));
    const run = check([file]);
    expectControlled(run, 2);
    expect(run.report.inputErrors).toEqual([{ file, line: 10, message: expect.stringMatching(/NUL byte/) }]);
  });

  test('a stray non-UTF-8 byte reads as U+FFFD and every document is checked, as kubectl applies them', () => {
    const file = writeSandwich('latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: caf'), Buffer.from([0xe9])]));
    const run = check([file]);
    expectControlled(run, 1);
    expect(run.report.inputErrors).toEqual([]);
    expect(flagged(run)).toEqual(['caf\ufffd', 'good-after', 'good-before']);
  });

  test('UTF-16 with a byte order mark is read, as kubectl reads it', () => {
    const file = path.join(tempDir(), 'utf16-bom.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodDocument('utf16-bom'), 'utf16le')]));
    const run = check([file]);
    expectControlled(run, 1);
    expect(flagged(run)).toEqual(['utf16-bom']);
  });

  test('the good files next to a refused binary file are still checked', () => {
    const binary = writeSandwich('utf16.yaml', Buffer.from(goodDocument('utf16'), 'utf16le'));
    const good = writeSandwich('good.yaml', goodDocument('middle'));
    const run = check([binary, good]);
    expectControlled(run, 2);
    expect(run.report.inputErrors).toEqual([{ file: binary, line: expect.any(Number), message: expect.stringMatching(/NUL byte/) }]);
    expect(flagged(run)).toEqual(['good-after', 'good-before', 'middle']);
  });

  test('a UTF-8 byte order mark is accepted', () => {
    const file = path.join(tempDir(), 'bom.yaml');
    fs.writeFileSync(file, `\ufeff${goodDocument('with-bom')}`);
    const run = check([file]);
    expectControlled(run, 1);
    expect(flagged(run)).toEqual(['with-bom']);
  });

  test('hostile input on stdin behaves like a file', () => {
    const run = check(['-'], { input: fs.readFileSync(path.join(FIXTURES, 'duplicate-keys.yaml')) });
    expectControlled(run, 2);
    expect(run.report.inputErrors).toEqual([{ file: '<stdin>', line: expect.any(Number), message: expect.stringMatching(/unique/i) }]);
    expect(flagged(run)).toEqual(['good-after', 'good-before']);
  });

  test('a 50 MB file is checked within the time and heap limits, findings and errors included', () => {
    // GIVEN 50 MB: 400 ConfigMaps of 128 KiB, an insecure Deployment in the middle, a broken document at the end
    const file = path.join(tempDir(), 'fifty-megabytes.yaml');
    const blob = 'z'.repeat(128 * 1024);
    const fd = fs.openSync(file, 'w');
    try {
      for (let i = 0; i < 400; i++) {
        fs.writeSync(fd, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: apps\ndata:\n  blob: ${blob}\n---\n`);
        if (i === 200) {
          fs.writeSync(fd, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: insecure\n  namespace: apps\nspec:\n  selector: {matchLabels: {app: x}}\n'
            + '  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers: [{name: c, image: "nginx", securityContext: {privileged: true}}]\n---\n');
        }
      }
      fs.writeSync(fd, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [broken\n');
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.statSync(file).size).toBeGreaterThan(50 * 1024 * 1024);
    // WHEN checked THEN every object is checked, the Deployment is flagged and the broken document reported
    const run = check([file]);
    expectControlled(run, 2);
    expect(run.report.summary.objects).toBe(401);
    expect(run.report.findings.map((f: any) => f.ruleId)).toContain('pss/privileged');
    expect(flagged(run)).toEqual(['insecure']);
    expect(run.report.inputErrors).toEqual([{ file, line: expect.any(Number), message: expect.stringMatching(/invalid YAML/) }]);
    fs.rmSync(file);
  });
});

/** Every value inside a parsed document, depth first (cycles visited once). */
function valuesOf(value: unknown, seen = new Set<unknown>()): unknown[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [value];
  seen.add(value);
  return [value, ...Object.values(value).flatMap((v) => valuesOf(v, seen))];
}

describe('prototype pollution, in process (the YAML loader, the engine and every reporter)', () => {
  afterEach(() => {
    // Repair a polluted prototype so that one failure does not spill into other tests.
    delete (Object.prototype as any).polluted;
  });

  test('__proto__ and constructor.prototype keys stay own data; Object.prototype is untouched', () => {
    // GIVEN the documents loaded by the CLI's reader
    const loaded = loadInputs(fs.readFileSync(path.join(FIXTURES, 'prototype-keys.yaml')), 'prototype-keys.yaml');
    // WHEN checked and rendered in every format
    const engine = new ComplianceEngine({ packs: ['recommended'] });
    const report = engine.check(loaded.inputs);
    for (const format of ['text', 'markdown', 'json', 'sarif', 'junit']) {
      Reporters.render(format as ReportFormat, report, engine.rules.map((r) => r.rule));
    }
    // THEN nothing reached Object.prototype
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    // AND the keys are own properties of plain objects
    const manifest: any = loaded.inputs.find((i) => i.manifest.metadata.name === 'prototype-keys')!.manifest;
    expect(Object.getPrototypeOf(manifest)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(manifest.metadata)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(manifest, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(manifest.metadata, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(manifest.constructor).toEqual({ prototype: { polluted: 'yes' } });
    expect(loaded.errors).toEqual([]);
  });

  test('custom tags produce no function value and run nothing: the tagged text is a string', () => {
    const cwd = process.cwd();
    const loaded = loadInputs(fs.readFileSync(path.join(FIXTURES, 'js-function-tag.yaml')), 'js-function-tag.yaml');
    expect(loaded.inputs.map((i) => i.manifest.metadata.name)).toEqual(['good-before', 'js-function', 'good-after']);
    expect(loaded.errors).toEqual([]);
    expect(loaded.inputs[1].manifest.data).toEqual({ run: 'function () { require(\'fs\').writeFileSync(\'js-function-ran.marker\', \'ran\'); return \'x\'; }', value: '' });
    expect(loaded.inputs.flatMap((i) => valuesOf(i.manifest)).filter((v) => typeof v === 'function')).toEqual([]);
    expect(fs.existsSync(path.join(cwd, 'js-function-ran.marker'))).toBe(false);
  });
});

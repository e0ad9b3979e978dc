import * as fs from 'fs';
import * as path from 'path';
import type { CliIo } from '../../src/cli/cli-io';
import { Cli } from '../../src/cli/main';

/** An in-memory process for Cli.run. */
function fakeIo(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    colorTerminal: false,
    stdinIsTerminal: false,
    stdout: (t) => { out.push(t); },
    stderr: (t) => { err.push(t); },
    readStdin: () => Buffer.from(''),
    writeFile: () => undefined,
    ...overrides,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const CLEAN = path.join(__dirname, '..', 'fixtures', 'cli', 'clean.yaml');

describe('Cli.run', () => {
  test('an unexpected error is one line and exit 2; the stack only with CDK8S_GUARDRAILS_DEBUG', () => {
    // GIVEN a stdout that fails in an unexpected way
    const failing = () => fakeIo({ stdout: () => { throw new Error('disk on fire'); } });
    // WHEN check writes its report
    const quiet = failing();
    expect(Cli.run(['check', CLEAN], quiet.io, {})).toBe(2);
    // THEN one line names the command and the error, with a hint, and no stack
    expect(quiet.stderr()).toBe('cdk8s-guardrails: check failed: disk on fire\n(set CDK8S_GUARDRAILS_DEBUG=1 to see the stack trace)\n');
    const debug = failing();
    expect(Cli.run(['check', CLEAN], debug.io, { CDK8S_GUARDRAILS_DEBUG: '1' })).toBe(2);
    expect(debug.stderr()).toMatch(/disk on fire\nError: disk on fire\n\s+at /);
  });

  test.each([
    [['check', '--max-token-ttl', '599', CLEAN], 'cdk8s-guardrails: --max-token-ttl 599s is below the Kubernetes minimum of 600s (allowed: 600..4294967296 seconds)\n'],
    [['check', '--max-token-ttl', '4294967297', CLEAN], 'cdk8s-guardrails: --max-token-ttl 4294967297s is above the Kubernetes maximum of 4294967296s (2^32)'],
    [['check', '--rule', 'token/automount-pods=off', CLEAN], "cdk8s-guardrails: --rule names unknown rule id 'token/automount-pods'; did you mean 'token/automount-pod'?"],
    [['check', '--pod-security-version', 'v1.2', CLEAN], "cdk8s-guardrails: --pod-security-version 'v1.2' is not supported: use 'latest' or v1.25 or later"],
    [['check', '-n', 'Team_A', CLEAN], "cdk8s-guardrails: --namespace 'Team_A' is not a valid namespace name"],
    [['check', '--pod-template', 'example.com/Widget=spec.workers[0].template.spec', CLEAN],
      "cdk8s-guardrails: --pod-template 'spec.workers[0].template.spec' is not a path: segment 'workers[0]' must be a field name"],
    [['check', '--pod-template', 'Widget=spec', CLEAN], "cdk8s-guardrails: --pod-template 'Widget=spec' is not allowed: expected GROUP/KIND=PATH[,PATH...]"],
  ])('GIVEN %j THEN the settings model refuses it as a usage error naming the flag (exit 2, no stack)', (argv, message) => {
    const t = fakeIo();
    expect(Cli.run(argv, t.io, {})).toBe(2);
    expect(t.stderr()).toContain(message);
    expect(t.stderr()).toContain("Run 'cdk8s-guardrails check --help' for usage.");
    expect(t.stdout()).toBe('');
  });

  test('GIVEN access with a --pod-template that is not a path THEN a usage error naming the flag (exit 2)', () => {
    const t = fakeIo();
    expect(Cli.run(['access', '--pod-template', 'example.com/Widget=spec..pod', CLEAN], t.io, {})).toBe(2);
    expect(t.stderr()).toContain("cdk8s-guardrails: --pod-template 'spec..pod' is not a path");
    expect(t.stdout()).toBe('');
  });

  test('- with a terminal on stdin is a usage error instead of waiting for input', () => {
    const t = fakeIo({ stdinIsTerminal: true, readStdin: () => { throw new Error('must not read'); } });
    expect(Cli.run(['check', '-'], t.io, {})).toBe(2);
    expect(t.stderr()).toContain('- reads standard input, but it is a terminal: pipe manifests in');
    expect(t.stderr()).toContain("Run 'cdk8s-guardrails check --help' for usage.");
    const a = fakeIo({ stdinIsTerminal: true });
    expect(Cli.run(['access'], a.io, {})).toBe(2);
    expect(a.stderr()).toContain('nothing to read');
  });

  test('an unreadable stdin is reported and the run goes on (exit 2 for the empty input)', () => {
    const t = fakeIo({ readStdin: () => { throw Object.assign(new Error('again'), { code: 'EAGAIN' }); } });
    expect(Cli.run(['check', '--format', 'json', '-', CLEAN], t.io, {})).toBe(2);
    expect(t.stderr()).toContain('cannot read standard input: EAGAIN');
    expect(JSON.parse(t.stdout()).summary.objects).toBe(2);
  });

  test('--version prints the version of package.json', () => {
    const t = fakeIo();
    expect(Cli.run(['--version'], t.io, {})).toBe(0);
    expect(t.stdout()).toBe(`${JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version}\n`);
  });
});

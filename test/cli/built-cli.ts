import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const FIXTURES = path.join('test', 'fixtures', 'cli');

/**
 * The project's compiled output. The project compiles (jsii) before it tests. GUARDRAILS_LIB_DIR
 * points elsewhere only while developing, when another area's compile errors keep jsii from
 * emitting; CI never sets it.
 */
export const BUILT_LIB = process.env.GUARDRAILS_LIB_DIR ? path.resolve(process.env.GUARDRAILS_LIB_DIR) : path.join(REPO_ROOT, 'lib');

/** The package.json `bin`: `lib/cli/cdk8s-guardrails.js`, the bundle the compile step writes (scripts/cli-bundle.ts). */
const BIN: string = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8')).bin['cdk8s-guardrails'];

/**
 * The command as the project builds it and users run it (the package.json `bin`). The tests run
 * it as a child process, exactly as CI and users do.
 */
export const BUILT_CLI = path.join(BUILT_LIB, path.relative('lib', BIN));

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails with a clear message when the command has not been built. */
export function requireBuiltCli(): void {
  if (!fs.existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} does not exist: these tests run the built command; compile first (npx projen compile)`);
  }
}

/** Runs `cdk8s-guardrails ARGS` in the repository root, with `input` on stdin. */
export function runCli(args: readonly string[], input?: string | Buffer): CliResult {
  requireBuiltCli();
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: REPO_ROOT,
    input: input ?? '',
    encoding: 'utf-8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', CDK8S_GUARDRAILS_DEBUG: '' },
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory, removed by `removeTempDirs`. */
const tempDirs: string[] = [];
export function tempDir(prefix = 'guardrails-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A stack trace line, which the command must never print. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

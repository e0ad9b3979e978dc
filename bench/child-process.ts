import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NODE_PATH } from './cli-build';
import { CLOCK } from './stats';

/** Node flags shared by every child, so both sides of a comparison run under the same heap limit. */
export const CHILD_NODE_FLAGS = ['--max-old-space-size=4096'];

const USAGE_PRELOAD = path.join(__dirname, 'child', 'usage-at-exit.js');

/** One finished child: wall time, peak memory and what it printed. */
export interface ChildRun {
  readonly wallMs: number;
  /** CPU time (user + system, all threads) in milliseconds, read by the child at exit. */
  readonly cpuMs: number;
  /** The time on the benchmark's clock (`BENCH_CLOCK`). */
  readonly ms: number;
  /** Peak resident set size in kilobytes (getrusage ru_maxrss, read by the child at exit). */
  readonly peakRssKb: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <flags> -r usage-at-exit.js <script> <args>`; wall time is measured from the parent
 * (start-up included, as a user would see it), CPU time and peak RSS by the child. Output goes to files, not pipes, so a large report
 * cannot block the child.
 */
export function runNodeChild(script: string, args: readonly string[]): ChildRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-guardrails-bench-child-'));
  const usageFile = path.join(dir, 'usage.json');
  const stdoutFile = path.join(dir, 'stdout');
  const stderrFile = path.join(dir, 'stderr');
  const out = fs.openSync(stdoutFile, 'w');
  const err = fs.openSync(stderrFile, 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...CHILD_NODE_FLAGS, '-r', USAGE_PRELOAD, script, ...args], {
      stdio: ['ignore', out, err],
      env: { ...process.env, NODE_PATH, BENCH_USAGE_FILE: usageFile, NODE_OPTIONS: '' },
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    const stderr = fs.readFileSync(stderrFile, 'utf-8');
    if (!fs.existsSync(usageFile)) throw new Error(`child ${path.basename(script)} died (signal ${result.signal}, exit ${result.status}): ${stderr.slice(0, 2000)}`);
    const usage = JSON.parse(fs.readFileSync(usageFile, 'utf-8'));
    const cpuMs = usage.cpuMicros / 1000;
    return {
      wallMs,
      cpuMs,
      ms: CLOCK === 'wall' ? wallMs : cpuMs,
      peakRssKb: usage.maxRSS,
      exitCode: result.status,
      stdout: fs.readFileSync(stdoutFile, 'utf-8'),
      stderr,
    };
  } finally {
    fs.closeSync(out);
    fs.closeSync(err);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

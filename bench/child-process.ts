import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NODE_PATH } from './cli-build';

/** Node flags shared by every child, so both sides of a comparison run under the same heap limit. */
export const CHILD_NODE_FLAGS = ['--max-old-space-size=4096'];

const PEAK_RSS_PRELOAD = path.join(__dirname, 'child', 'peak-rss.js');

/** One finished child: wall time, peak memory and what it printed. */
export interface ChildRun {
  readonly wallMs: number;
  /** Peak resident set size in kilobytes (getrusage ru_maxrss, read by the child at exit). */
  readonly peakRssKb: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node <flags> -r peak-rss.js <script> <args>` and measures its wall time from the parent
 * (start-up included, as a user would see it). Output goes to files, not pipes, so a large report
 * cannot block the child.
 */
export function runNodeChild(script: string, args: readonly string[]): ChildRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-guardrails-bench-child-'));
  const rssFile = path.join(dir, 'rss');
  const stdoutFile = path.join(dir, 'stdout');
  const stderrFile = path.join(dir, 'stderr');
  const out = fs.openSync(stdoutFile, 'w');
  const err = fs.openSync(stderrFile, 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [...CHILD_NODE_FLAGS, '-r', PEAK_RSS_PRELOAD, script, ...args], {
      stdio: ['ignore', out, err],
      env: { ...process.env, NODE_PATH, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: '' },
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    const stderr = fs.readFileSync(stderrFile, 'utf-8');
    if (!fs.existsSync(rssFile)) throw new Error(`child ${path.basename(script)} died (signal ${result.signal}, exit ${result.status}): ${stderr.slice(0, 2000)}`);
    return {
      wallMs,
      peakRssKb: Number(fs.readFileSync(rssFile, 'utf-8')),
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

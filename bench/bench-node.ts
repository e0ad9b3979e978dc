import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/**
 * `BENCH_NODE=24`: runs the whole benchmark again under the pinned Node 24 from the npm registry
 * (.ci/pinned-node.js, the same binary CI tests on); its child processes follow, since they run
 * `process.execPath`. Returns that run's exit code, or `undefined` when this process is the one to
 * measure: BENCH_NODE unset, or naming this process's own major version.
 */
export function rerunUnderBenchNode(script: string): number | undefined {
  const wanted = process.env.BENCH_NODE;
  if (!wanted || wanted === process.versions.node.split('.')[0]) return undefined;
  let binary: string;
  try {
    binary = execFileSync(process.execPath, [path.join(ROOT, '.ci', 'pinned-node.js'), wanted], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  } catch {
    process.stderr.write(`BENCH_NODE=${wanted}: no such Node to run the benchmark on (see above)\n`);
    return 2;
  }
  // The same TypeScript loading as the `bench` task (ts-node, tsconfig.check.json, transpile only).
  const result = spawnSync(binary, ['-r', 'ts-node/register/transpile-only', script], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.check.json') },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

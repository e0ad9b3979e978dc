import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** `.ci/summary.js`, the end of `.ci/run`: per-version lines, then the total as the last line. */
const SUMMARY = path.join(__dirname, '..', '..', '.ci', 'summary.js');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A checkout with these jest results files in test-reports/ (jest's --json shape, the fields read). */
function checkout(results: Record<string, { passed: number; failed: number; pending?: number; files?: number; seconds?: number }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-ci-summary-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'test-reports'));
  for (const [file, r] of Object.entries(results)) {
    const startTime = 1_700_000_000_000;
    fs.writeFileSync(path.join(dir, 'test-reports', file), JSON.stringify({
      numPassedTests: r.passed,
      numFailedTests: r.failed,
      numPendingTests: r.pending ?? 0,
      numTodoTests: 0,
      numTotalTestSuites: r.files ?? 1,
      startTime,
      testResults: [{ endTime: startTime + 1000 }, { endTime: startTime + (r.seconds ?? 1) * 1000 }],
    }));
  }
  return dir;
}

function summary(cwd: string): string[] {
  const r = spawnSync(process.execPath, [SUMMARY], { cwd, encoding: 'utf-8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trimEnd().split('\n');
}

describe('.ci/summary.js', () => {
  test('GIVEN results from this Node and from Node 24 THEN one line each, and the last line counts both', () => {
    const dir = checkout({
      'jest-results.json': { passed: 1700, failed: 2, files: 100, seconds: 95.5 },
      'jest-results-node-v24.22.3.json': { passed: 150, failed: 1, pending: 3, files: 9, seconds: 30 },
    });
    expect(summary(dir)).toEqual([
      `node ${process.version}: 1700 passed, 2 failed in 100 test files, 95.5 s`,
      'node v24.22.3: 150 passed, 1 failed, 3 skipped in 9 test files, 30.0 s',
      '1850 passed, 3 failed, 3 skipped',
    ]);
  });

  test('GIVEN no results (jest never ran) THEN it says so, and the last line is 0 passed', () => {
    const lines = summary(checkout({}));
    expect(lines[0]).toContain('jest did not run');
    expect(lines[lines.length - 1]).toBe('0 passed, 0 failed');
  });

  test('GIVEN only Node 24 results (the build failed before jest) THEN the missing run is named and not counted', () => {
    const lines = summary(checkout({ 'jest-results-node-v24.22.3.json': { passed: 5, failed: 0 } }));
    expect(lines).toEqual([
      `node ${process.version}: jest did not run (see the build output above)`,
      'node v24.22.3: 5 passed, 0 failed in 1 test file, 1.0 s',
      '5 passed, 0 failed',
    ]);
  });

  test('GIVEN a stray file in test-reports THEN it is not counted', () => {
    const dir = checkout({ 'jest-results.json': { passed: 7, failed: 0 }, 'junit.json': { passed: 1000, failed: 1000 } });
    expect(summary(dir).pop()).toBe('7 passed, 0 failed');
  });
});

// Stryker configuration for `npx projen mutation` (mutation/run.ts), one batch at a time:
// MUTATION_BATCH=<name> selects the files to mutate and the tests to run from mutation/batches.json.
// Static mutants (module-level data tables such as rule metadata) are ignored: each would rerun
// every test of the batch. Results are incremental per batch, so a rerun only tests what changed.
import { readFileSync } from 'node:fs';

const { batches } = JSON.parse(readFileSync(new URL('./mutation/batches.json', import.meta.url), 'utf-8'));
const name = process.env.MUTATION_BATCH;
const batch = batches[name];
if (!batch) {
  throw new Error(`MUTATION_BATCH must name a batch of mutation/batches.json (${Object.keys(batches).join(', ')}), got ${JSON.stringify(name)}; npx projen mutation runs them all`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: {
      testMatch: batch.tests.map((glob) => `<rootDir>/${glob}`),
      testPathIgnorePatterns: ['/node_modules/'],
    },
  },
  checkers: [],
  mutate: batch.mutate,
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${name}-incremental.json`,
  thresholds: { high: 90, low: 85, break: null },
  // progress: tail -f reports/mutation/<batch>.log to follow a long batch.
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: true },
  tempDirName: `.stryker-tmp-${name}`,
  // Batches may run side by side: never copy another batch's sandbox (or scratch files) into this one.
  ignorePatterns: ['/.stryker-tmp-*', '/.scratch'],
  cleanTempDir: 'always',
};

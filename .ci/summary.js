#!/usr/bin/env node
/**
 * The end of `.ci/run`: one line per Node version from jest's own results files
 * (test-reports/jest-results.json from the build on this Node, jest-results-node-<version>.json
 * from .ci/node24.sh), then, as the last line, the plain summary "N passed, N failed" over all of
 * them, so that a run which tested nothing shows "0 passed".
 */
'use strict';
const fs = require('fs');
const path = require('path');

const DIR = 'test-reports';
const MAIN = 'jest-results.json';
const OTHER_NODE = /^jest-results-node-(v[\d.]+)\.json$/;

const others = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => OTHER_NODE.test(f)).sort() : [];
const files = [...(fs.existsSync(path.join(DIR, MAIN)) ? [MAIN] : []), ...others];
if (!files.includes(MAIN)) console.log(`node ${process.version}: jest did not run (see the build output above)`);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const r = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf-8'));
  const node = file === MAIN ? process.version : OTHER_NODE.exec(file)[1];
  const skipped = r.numPendingTests + r.numTodoTests;
  // jest's own clock: from its start to the end of the last test file.
  const seconds = (Math.max(r.startTime, ...r.testResults.map((t) => t.endTime)) - r.startTime) / 1000;
  console.log(`node ${node}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''} in ${r.numTotalTestSuites} test file${r.numTotalTestSuites === 1 ? '' : 's'}, ${seconds.toFixed(1)} s`);
  total.passed += r.numPassedTests;
  total.failed += r.numFailedTests;
  total.skipped += skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed` + (total.skipped ? `, ${total.skipped} skipped` : ''));

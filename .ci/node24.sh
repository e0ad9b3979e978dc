#!/usr/bin/env bash
# The second half of CI: on Node 24, what our users run, against the lib/ the build just compiled:
# the examples' synth, the command-line tests (test/cli) and the cdk8s CLI plugin test
# (test/plugin). The binary is pinned and comes from the npm registry (.ci/pinned-node.js); it
# goes first on PATH, so every child process (npx, jest, the CLI, cdk8s synth) runs on it too.
# Writes test-reports/jest-results-node-<version>.json for .ci/summary.js; fails on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

binary=$(node .ci/pinned-node.js 24) || exit 1
export PATH="$(dirname "$binary"):$PATH"
version=$(node -v)
echo "== Node $version ($binary): examples' synth, test/cli, test/plugin"

npx projen synth:examples
synth=$?
# The build writes test-reports/ only when its jest runs; create it so this half reports on its own.
mkdir -p test-reports
npx jest test/cli test/plugin --ci --coverage=false --json --outputFile="test-reports/jest-results-node-$version.json" --reporters=default
jest=$?

echo "== Node $version: examples' synth $([ "$synth" -eq 0 ] && echo passed || echo FAILED), jest exit $jest, $((SECONDS - start)) s in all"
[ "$synth" -eq 0 ] && [ "$jest" -eq 0 ]

#!/usr/bin/env node
/**
 * The Node versions we test on besides the machine's, pinned to exact releases, and where they
 * come from: the npm registry's `node-<platform>-<arch>` packages. They hold the same binaries
 * the `node` package installs, without its install script, which npm's install-script policy
 * (`strict-allow-scripts`) or `ignore-scripts` would stop. `npm exec` keeps them in npm's cache.
 *
 *   node .ci/pinned-node.js 24    prints the path of the pinned Node 24 binary (fetched on first use)
 *
 * Used by .ci/node24.sh and by the benchmark (`BENCH_NODE=24 npx projen bench`).
 */
'use strict';
const { execFileSync } = require('child_process');

/** Exact releases, by major version. */
const PINNED = { 22: '22.23.5', 24: '24.22.3' };

/** The registry package holding the binary for this machine, named as the `node` package's installer names it. */
function binaryPackage(version) {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${process.arch}@${version}`;
}

/** The absolute path of the pinned binary for a major version; throws a clear error otherwise. */
function pinnedNodeBinary(major) {
  const version = PINNED[major];
  if (!version) {
    throw new Error(`no pinned Node "${major}": the pinned versions are ${Object.entries(PINNED).map(([m, v]) => `${m} (${v})`).join(', ')} (.ci/pinned-node.js)`);
  }
  const spec = binaryPackage(version);
  // Under `npx -c`, npm passes its own options on in the environment; they must not reach this npm.
  const env = { ...process.env };
  delete env.npm_config_call;
  delete env.npm_config_package;
  let printed;
  try {
    printed = execFileSync('npm', ['exec', '--yes', `--package=${spec}`, '--', 'node', '-p', 'process.version + " " + process.execPath'], {
      encoding: 'utf-8',
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  } catch (e) {
    throw new Error(`could not run ${spec} from the npm registry (npm exec failed: ${e.message.split('\n')[0]})`);
  }
  const [ran, binary] = [printed.slice(0, printed.indexOf(' ')), printed.slice(printed.indexOf(' ') + 1)];
  if (ran !== `v${version}`) throw new Error(`npm exec --package=${spec} ran node ${ran} (${binary}), not v${version}`);
  return binary;
}

module.exports = { PINNED, pinnedNodeBinary };

if (require.main === module) {
  try {
    if (!process.argv[2]) throw new Error('usage: node .ci/pinned-node.js MAJOR (e.g. 24)');
    process.stdout.write(`${pinnedNodeBinary(process.argv[2])}\n`);
  } catch (e) {
    process.stderr.write(`pinned-node: ${e.message}\n`);
    process.exitCode = 1;
  }
}

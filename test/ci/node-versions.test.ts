import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const PINNED_NODE = path.join(ROOT, '.ci', 'pinned-node.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PINNED } = require(PINNED_NODE) as { PINNED: Record<string, string> };

describe('supported Node versions', () => {
  test('the README\'s Install section states the engines range package.json declares', () => {
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).engines;
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
    const install = readme.slice(readme.indexOf('\n## Install\n'), readme.indexOf('\n## ', readme.indexOf('\n## Install\n') + 1));
    expect(install).toContain(`"engines": { "node": "${engines.node}" }`);
  });

  test('CI\'s Node 24 is pinned to one exact release', () => {
    expect(fs.readFileSync(path.join(ROOT, '.ci', 'node24.sh'), 'utf-8')).toContain('node .ci/pinned-node.js 24');
    expect(PINNED['24']).toMatch(/^24\.\d+\.\d+$/);
  });

  test('asking for a Node that is not pinned fails with the pinned versions, before any download', () => {
    // GIVEN no pin for Node 18 WHEN it is asked for
    const r = spawnSync(process.execPath, [PINNED_NODE, '18'], { encoding: 'utf-8', env: { ...process.env, npm_config_offline: 'true' } });
    // THEN it fails, names what is pinned, and prints no path
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no pinned Node "18"');
    expect(r.stderr).toContain(`24 (${PINNED['24']})`);
  });
});

import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');

describe('README', () => {
  test('starts with the two commands: the main job and the tests', () => {
    const firstBlock = README.split('```sh\n')[1].split('```')[0].trim().split('\n');
    expect(firstBlock[0]).toMatch(/^npm ci && npx projen synth:examples\s+#/);
    expect(firstBlock[1]).toMatch(/^npm ci && npx projen build\s+#/);
  });

  test('Install is the first section and names every peer dependency with the range package.json declares', () => {
    expect(README.match(/^## .*/m)?.[0]).toBe('## Install');
    const install = README.slice(README.indexOf('\n## Install\n'), README.indexOf('\n## ', README.indexOf('\n## Install\n') + 1));
    const peers = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).peerDependencies as Record<string, string>;
    expect(Object.keys(peers).sort()).toEqual(['cdk8s', 'cdk8s-plus-28', 'constructs']);
    for (const [name, range] of Object.entries(peers)) expect(install).toMatch(new RegExp(`\`${name}\`\\*{0,2} ${range.replace(/[.^]/g, '\\$&')}`));
  });

  test('maintainer material lives in docs/, and every docs/ link of the README resolves', () => {
    expect(README).not.toMatch(/^## (Reliability|Performance)$/m);
    const links = [...README.matchAll(/\]\(((?:docs\/|CONTRIBUTING|API)[^)#]*)/g)].map((m) => m[1]);
    expect(links).toEqual(expect.arrayContaining(['docs/rules.md', 'docs/reliability.md', 'docs/performance.md', 'CONTRIBUTING.md', 'API.md']));
    for (const link of links) expect(fs.existsSync(path.join(ROOT, link))).toBe(true);
  });

  test('GIVEN the README\'s commands THEN none runs this repository\'s sources, and no link points into examples/ (the package does not ship them)', () => {
    const blocks = [...README.matchAll(/^```(sh|bash|yaml|)\n([\s\S]*?)^```/gm)].map((m) => m[2]);
    expect(blocks.length).toBeGreaterThan(10);
    expect(blocks.filter((block) => /(^|[\s'"(])\.{0,2}\/?src\/|ts-node .*src/m.test(block))).toEqual([]);
    expect(README.match(/\]\((\.\/)?examples\//g)).toBeNull();
  });

  test('.ci/run runs the README test command', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf-8');
    expect(ci).toContain('npm ci && npx projen build');
  });

  test('the "operator in 20 lines" code is the namespace-scoped example, verbatim', () => {
    const example = fs.readFileSync(path.join(ROOT, 'examples', 'operator-namespaced', 'app.ts'), 'utf-8')
      .replace("'../../src'", "'cdk8s-guardrails'").trimEnd();
    expect(README).toContain('```ts\n' + example + '\n```');
    // ... and it is short enough to deserve the title
    expect(example.split('\n').length).toBeLessThanOrEqual(25);
  });
});

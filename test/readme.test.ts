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

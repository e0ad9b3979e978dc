import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUILT_LIB, REPO_ROOT } from '../cli/built-cli';

/**
 * End to end: the real `cdk8s synth` (cdk8s-cli) loads the built plugin from `lib/plugin` as a
 * local validation plugin (an absolute path: no npm install, no network), runs it over the
 * manifests it synthesized, prints its report and fails the synth on errors.
 */
const BUILT_PLUGIN = path.join(BUILT_LIB, 'plugin', 'index.js');
const CDK8S_CLI = path.join(REPO_ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const CDK8S = path.join(REPO_ROOT, 'node_modules', 'cdk8s');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A cdk8s app (plain JavaScript, so no compile step) with the guardrails plugin in cdk8s.yaml. */
function appDir(serviceAccount: Record<string, unknown>, properties: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-synth-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'main.js'), [
    `const { App, Chart, ApiObject } = require(${JSON.stringify(CDK8S)});`,
    'const app = new App();',
    "const chart = new Chart(app, 'shop', { namespace: 'shop' });",
    `new ApiObject(chart, 'web-sa', ${JSON.stringify(serviceAccount)});`,
    'app.synth();',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    // The app runs on the Node that runs this test, not on whichever `node` comes first on PATH.
    `app: ${JSON.stringify(`"${process.execPath}" main.js`)}`,
    'validations:',
    `  - package: ${JSON.stringify(path.dirname(BUILT_PLUGIN))}`,
    '    class: GuardrailsValidation',
    '    version: 0.0.0',
    `    properties: ${JSON.stringify(properties)}`,
  ].join('\n'));
  return dir;
}

function synth(dir: string) {
  const reports = path.join(dir, 'validation-reports.json');
  const result = spawnSync(process.execPath, [CDK8S_CLI, 'synth', '--no-check-upgrade', '--validation-reports-output-file', reports], {
    cwd: dir,
    encoding: 'utf-8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (result.error) throw result.error;
  const json = fs.existsSync(reports) ? JSON.parse(fs.readFileSync(reports, 'utf-8')) : undefined;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, reports: json };
}

beforeAll(() => {
  if (!fs.existsSync(BUILT_PLUGIN)) {
    throw new Error(`${BUILT_PLUGIN} does not exist: this test loads the built plugin; compile first (npx projen compile)`);
  }
});

describe('cdk8s synth with the GuardrailsValidation plugin', () => {
  test('a compliant app synthesizes, and the report says success', () => {
    // GIVEN an app whose ServiceAccount opts out of token automount
    const dir = appDir({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false }, { packs: ['tokens'] });
    // WHEN cdk8s synth runs with the plugin
    const r = synth(dir);
    // THEN it succeeds and writes the manifest
    expect(r.output).toContain('Validations ended succesfully');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'shop.k8s.yaml'), 'utf-8')).toContain('automountServiceAccountToken: false');
    expect(r.reports.reports).toEqual([expect.objectContaining({ violations: [], summary: expect.objectContaining({ status: 'success' }) })]);
  });

  test('an app with an error fails the synth; the report names the rule and the construct path', () => {
    // GIVEN an app whose ServiceAccount keeps the automounted token
    const dir = appDir({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } }, { packs: ['tokens'] });
    // WHEN cdk8s synth runs with the plugin
    const r = synth(dir);
    // THEN the CLI exits non-zero and prints the violation with the construct path
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('Validation failed');
    expect(r.output).toContain('token/automount-service-account (error)');
    expect(r.output).toContain('Construct Path: shop/web-sa');
    const [report] = r.reports.reports;
    expect(report.summary.status).toBe('failure');
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'token/automount-service-account (error)',
      violatingConstructs: [expect.objectContaining({ resourceName: 'web', constructPath: 'shop/web-sa', manifestPath: expect.stringMatching(/shop\.k8s\.yaml$/) })],
    })]);
  });

  test('failOn: never reports the same violation without failing the synth', () => {
    const dir = appDir({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } }, { packs: ['tokens'], failOn: 'never' });
    const r = synth(dir);
    expect(r.status).toBe(0);
    expect(r.output).toContain('token/automount-service-account (error)');
  });
});

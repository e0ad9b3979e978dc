import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'cdk8s';
import type { CliIo } from '../../src/cli/cli-io';
import { Cli } from '../../src/cli/main';

/**
 * Every example checks itself at synth time and writes guardrails-report.json next to its YAML;
 * the command line over that YAML must report the same: the suppressions made in TypeScript are
 * in the YAML, so no door knows more than another.
 */
const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((name) => fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts'))).sort();

function loadExample(name: string): (outdir?: string) => App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(EXAMPLES_DIR, name, 'app')).createApp;
}

describe.each(EXAMPLES)('example %s', (name) => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-cli-${name}-`));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('GIVEN its synthesized YAML WHEN the CLI checks it THEN the summary and findings are those of its in-app guardrails-report.json', () => {
    loadExample(name)(outdir).synth();
    expect(fs.existsSync(path.join(outdir, 'guardrails-report.md'))).toBe(true);
    const inApp = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf-8'));

    const out: string[] = [];
    const io: CliIo = { colorTerminal: false, stdinIsTerminal: false, stdout: (t) => { out.push(t); }, stderr: () => undefined, readStdin: () => Buffer.from(''), writeFile: () => undefined };
    // The charts' YAML (an OLM bundle under bundle/ is a separate deliverable the app check does not cover).
    const charts = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(outdir, f));
    expect(charts.length).toBeGreaterThan(0);
    const exitCode = Cli.run(['check', '--format', 'json', ...charts], io, {});
    const cli = JSON.parse(out.join(''));

    expect(cli.inputErrors).toEqual([]);
    expect(cli.summary).toEqual(inApp.summary);
    const brief = (f: any) => `${f.ruleId} ${f.severity} ${f.object.kind}/${f.object.name} ${f.path} ${f.target ?? ''} ${f.suppressed ? `suppressed: ${f.reason}` : ''}`;
    expect(cli.findings.map(brief).sort()).toEqual(inApp.findings.map(brief).sort());
    expect(exitCode).toBe(0);
  });
});

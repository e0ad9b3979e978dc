import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import { compileSnippets, extractSnippets, runSnippet, Snippet, snippetUnder } from './readme-snippets';
import * as guardrails from '../src';
import { FailOn, Guardrails } from '../src';

const ROOT = path.join(__dirname, '..');

function readme(): string {
  return fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
}

/** The README snippet under a heading (the test fails naming the heading when there is none). */
function readmeSnippet(heading: RegExp): Snippet {
  const snippet = snippetUnder(extractSnippets(readme()), heading);
  if (!snippet) throw new Error(`README.md has no \`\`\`ts block under a heading matching ${heading}`);
  return snippet;
}

/** The modules a README snippet imports: cdk8s with every App it creates recorded, and this library. */
function recordingModules(apps: cdk8s.App[]): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippet-'));
  class RecordedApp extends cdk8s.App {
    constructor(props: cdk8s.AppProps = {}) {
      super({ ...props, outdir: props.outdir ?? outdir });
      apps.push(this);
    }
  }
  const Testing = {
    app: (props?: cdk8s.AppProps) => {
      const app = cdk8s.Testing.app(props);
      apps.push(app);
      return app;
    },
    synth: (chart: cdk8s.Chart) => cdk8s.Testing.synth(chart),
    chart: () => cdk8s.Testing.chart(),
  };
  return { 'cdk8s': { ...cdk8s, App: RecordedApp, Testing }, 'cdk8s-guardrails': guardrails };
}

let errorSpy: jest.SpyInstance;
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorSpy.mockRestore());

describe('the TypeScript snippets of README.md', () => {
  test('GIVEN every ```ts block of README.md (with its snippet-context) WHEN compiled together, strict, against src/ THEN none has an error', () => {
    const snippets = extractSnippets(readme());
    // There is at least the Quick start: an empty list must not pass.
    expect(snippets.length).toBeGreaterThan(0);
    expect(compileSnippets(snippets, ROOT)).toEqual([]);
  });

  test('GIVEN the Quick start WHEN it runs THEN its own synth passes silently AND a `recommended` check of its app has no finding at all', () => {
    const apps: cdk8s.App[] = [];
    runSnippet(readmeSnippet(/^#+ Quick start/i), recordingModules(apps));
    expect(apps).toHaveLength(1);
    expect(errorSpy).not.toHaveBeenCalled();

    const app = apps[0];
    Guardrails.of(app).check({ packs: ['recommended'], failOn: FailOn.NEVER, silent: true });
    app.synthYaml();
    const report = Guardrails.of(app).report();
    expect(report.findings).toEqual([]);
    expect(report.inputErrors).toEqual([]);
    // A Deployment, its ServiceAccount, and the Role and RoleBinding that give the token a use.
    expect(report.summary.objects).toBe(4);
  });

  test('GIVEN the jest pattern of "Testing your charts" WHEN it runs as a test THEN its assertions pass, on the snapshot of the very YAML the report was built from', () => {
    const apps: cdk8s.App[] = [];
    const tests: string[] = [];
    const snapshots: unknown[] = [];
    const runNow = (name: string, fn: () => void) => {
      tests.push(name);
      fn();
    };
    // The README's own `expect`, except that a snapshot is kept here instead of written to disk.
    const readmeExpect = (actual: unknown) => new Proxy(expect(actual), {
      get: (matchers, key) => key === 'toMatchSnapshot' ? () => snapshots.push(actual) : Reflect.get(matchers, key),
    });
    runSnippet(readmeSnippet(/^#+ Testing your charts/i), recordingModules(apps), {
      test: runNow, it: runNow, describe: runNow, expect: readmeExpect,
    });

    expect(tests).toHaveLength(1);
    expect(apps).toHaveLength(1);
    expect(snapshots).toHaveLength(1);
    const manifests = snapshots[0] as Array<{ kind: string; metadata: { name: string } }>;
    const report = Guardrails.of(apps[0]).report();
    expect(report.summary.objects).toBe(manifests.length);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(manifests.map((m) => `${m.kind} ${m.metadata.name}`)).toContain(`${finding.object.kind} ${finding.object.name}`);
    }
    expect(errorSpy).not.toHaveBeenCalled();
  });
});

describe('the snippet harness', () => {
  const MARKDOWN = [
    '# Title', //                                     1
    '', //                                            2
    '```sh', //                                       3
    'npm ci', //                                      4
    '```', //                                         5
    '## Grants', //                                   6
    '<!-- snippet-context', //                        7
    "import { Chart } from 'cdk8s';", //              8
    'declare const chart: Chart;', //                 9
    '-->', //                                         10
    '', //                                            11
    '```ts', //                                       12
    "import { SecureServiceAccount } from 'cdk8s-guardrails';", // 13
    "new SecureServiceAccount(chart, 'sa');", //      14
    '```', //                                         15
    '### Broken', //                                  16
    '<!-- an ordinary comment -->', //                17
    '```typescript', //                               18
    "export const n: number = 'one';", //             19
    '', //                                            20
    'export const s: string = 2;', //                 21
    '```', //                                         22
    '````md', //                                      23
    '```ts', //                                       24
    'not extracted: Markdown that shows a fence', //  25
    '```', //                                         26
    '````', //                                        27
    '```ts', //                                       28
    'chart.toJson();', //                             29
    '```', //                                         30
  ].join('\n');

  test('GIVEN Markdown with sh, ts, typescript and md blocks (one showing a fence) THEN the TypeScript ones are extracted with their line, heading and context', () => {
    const snippets = extractSnippets(MARKDOWN);
    expect(snippets.map(({ index, line, heading, context, contextLine }) => ({ index, line, heading, context, contextLine }))).toEqual([
      { index: 1, line: 13, heading: '## Grants', context: "import { Chart } from 'cdk8s';\ndeclare const chart: Chart;", contextLine: 8 },
      { index: 2, line: 19, heading: '### Broken', context: '', contextLine: 0 },
      { index: 3, line: 29, heading: '### Broken', context: '', contextLine: 0 },
    ]);
    expect(snippets[1].code).toBe("export const n: number = 'one';\n\nexport const s: string = 2;");
  });

  test('GIVEN snippets that do not compile WHEN compiled THEN each error names the Markdown line, the snippet and its heading, and the compiler message; a snippet with its context compiles', () => {
    const errors = compileSnippets(extractSnippets(MARKDOWN), ROOT, 'GUIDE.md');
    expect(errors).toEqual([
      "GUIDE.md:19 (ts snippet 2, under \"### Broken\"): TS2322: Type 'string' is not assignable to type 'number'.",
      "GUIDE.md:21 (ts snippet 2, under \"### Broken\"): TS2322: Type 'number' is not assignable to type 'string'.",
      "GUIDE.md:29 (ts snippet 3, under \"### Broken\"): TS2304: Cannot find name 'chart'.",
    ]);
  });

  test('GIVEN an error in a snippet-context comment, on one line or on several THEN it is reported as the comment\'s', () => {
    const markdown = [
      '## A', '<!-- snippet-context: declare const chart: Chrt; -->', '```ts', 'chart;', '```',
      '## B', '<!-- snippet-context', 'declare const app: number;', 'declare const chart: Chrt;', '-->', '', '```ts', 'chart + app;', '```',
    ].join('\n');
    expect(compileSnippets(extractSnippets(markdown), ROOT)).toEqual([
      "README.md:2 (in the snippet-context comment before ts snippet 1, under \"## A\"): TS2304: Cannot find name 'Chrt'.",
      "README.md:9 (in the snippet-context comment before ts snippet 2, under \"## B\"): TS2304: Cannot find name 'Chrt'.",
    ]);
  });

  test('GIVEN a snippet that imports a module the test does not provide WHEN run THEN the error names the snippet and the module', () => {
    const [snippet] = extractSnippets("```ts\nimport { x } from 'left-pad';\nx();\n```\n");
    expect(() => runSnippet(snippet, {})).toThrow("ts snippet 1 imports 'left-pad', which the test does not provide");
  });
});

import { COMPACT_REPORT, frozen, makeFinding, makeReport, SAMPLE_REPORT } from './sample-report';
import { TextReporter } from '../../../src/compliance/report/text';

describe('TextReporter', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let text: string;
  let lines: string[];
  beforeEach(() => {
    text = TextReporter.render(frozen(SAMPLE_REPORT));
    lines = text.split('\n');
  });

  test('THEN findings are grouped by chart, then by object, in order of first appearance', () => {
    const headings = lines.filter(line => /^\S/.test(line));
    expect(headings).toEqual(['web-chart', 'jobs-chart', 'manifests/legacy app.yaml', 'Input errors', '3 objects checked: 2 errors, 1 warning, 1 info, 1 suppressed; 1 input error']);
    const web = lines.indexOf('web-chart');
    expect(lines[web + 1]).toBe('  Deployment prod/web (construct web-chart/web/Resource)');
    expect(lines[web + 2]).toBe('    ERROR   pss/privileged [app] /spec/template/spec/containers/0/securityContext/privileged');
    expect(lines[web + 3]).toBe("      The container 'app' sets securityContext.privileged: true; remove it or set it to false.");
    expect(lines[web + 4]).toMatch(/^ {4}WARNING hardening\/resources \[app\] /);
  });

  test('THEN a suppressed finding is listed as suppressed with its reason', () => {
    const at = lines.findIndex(line => line.includes('SUPPRESSED'));
    expect(lines[at]).toBe('    SUPPRESSED warning hardening/read-only-root-fs [app] /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem');
    expect(lines[at + 1]).toContain('(reason: nginx writes its pid file to / (ticket OPS-12))');
  });

  test('THEN CLI findings show file:line, input errors are listed, and the summary line ends the report', () => {
    expect(text).toContain('  Pod legacy (manifests/legacy app.yaml)\n    ERROR   pss/run-as-user /spec/securityContext/runAsUser (line 12)');
    expect(text).toContain('  ERROR manifests/broken.yaml:3: invalid YAML: bad indentation of a mapping entry');
    expect(text.endsWith('3 objects checked: 2 errors, 1 warning, 1 info, 1 suppressed; 1 input error\n')).toBe(true);
  });

  test('THEN colour is off by default, control characters do not reach the terminal, and color: true adds ANSI escapes', () => {
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    const colored = TextReporter.render(SAMPLE_REPORT, { color: true });
    expect(colored).toContain('\u001b[31mERROR  \u001b[0m pss/privileged');
    expect(colored).toContain('\u001b[2mSUPPRESSED warning');
  });

  test('GIVEN an empty report THEN only the summary line is written', () => {
    expect(TextReporter.render({ summary: { objects: 1, errors: 0, warnings: 0, infos: 0, suppressed: 0 }, findings: [], inputErrors: [] }))
      .toBe('1 object checked: 0 errors, 0 warnings, 0 infos, 0 suppressed\n');
  });
});

describe('TextReporter exact output', () => {
  test('GIVEN a compact report THEN the text is exactly: groups, findings, suppressed with reason, input errors, summary', () => {
    expect(TextReporter.render(frozen(COMPACT_REPORT))).toBe([
      'web-chart',
      '  Deployment prod/web (construct web-chart/web/Resource)',
      '    ERROR   demo/privileged [app] /spec/template/spec/containers/0/securityContext/privileged',
      "      Container 'app' is privileged.",
      '    SUPPRESSED warning demo/limits [app] /spec/template/spec/containers/0/resources/limits/memory',
      "      Container 'app' has no memory limit. (reason: batch job (OPS-1))",
      '',
      'manifests/pod.yaml',
      '  Pod legacy (manifests/pod.yaml)',
      '    WARNING demo/limits [main] /spec/containers/0/resources/limits/memory (line 7)',
      "      Container 'main' has no memory limit.",
      '',
      'Input errors',
      '  ERROR manifests/bad.yaml:2: invalid YAML',
      '',
      '2 objects checked: 1 error, 1 warning, 0 infos, 1 suppressed; 1 input error',
      '',
    ].join('\n'));
  });

  test('GIVEN color: true THEN headings are bold, errors red, warnings yellow, infos cyan, suppressed dim, each reset', () => {
    expect(TextReporter.render(COMPACT_REPORT, { color: true })).toBe([
      '\u001b[1mweb-chart\u001b[0m',
      '  Deployment prod/web (construct web-chart/web/Resource)',
      '    \u001b[31mERROR  \u001b[0m demo/privileged [app] /spec/template/spec/containers/0/securityContext/privileged',
      "      Container 'app' is privileged.",
      '    \u001b[2mSUPPRESSED warning demo/limits [app] /spec/template/spec/containers/0/resources/limits/memory\u001b[0m',
      "      \u001b[2mContainer 'app' has no memory limit. (reason: batch job (OPS-1))\u001b[0m",
      '',
      '\u001b[1mmanifests/pod.yaml\u001b[0m',
      '  Pod legacy (manifests/pod.yaml)',
      '    \u001b[33mWARNING\u001b[0m demo/limits [main] /spec/containers/0/resources/limits/memory (line 7)',
      "      Container 'main' has no memory limit.",
      '',
      '\u001b[1mInput errors\u001b[0m',
      '  \u001b[31mERROR\u001b[0m manifests/bad.yaml:2: invalid YAML',
      '',
      '2 objects checked: 1 error, 1 warning, 0 infos, 1 suppressed; 1 input error',
      '',
    ].join('\n'));
    expect(TextReporter.render(makeReport([makeFinding({ severity: 'info' })]), { color: true }))
      .toContain('\n    \u001b[36mINFO   \u001b[0m test/rule /spec\n');
  });

  test('GIVEN a finding with neither construct path nor file and an input error without file THEN they read (unknown source) and (input)', () => {
    const report = makeReport([makeFinding({ suppressed: true })], [{ message: 'stdin is not YAML' }]);
    expect(TextReporter.render(report)).toBe([
      '(unknown source)',
      '  Pod legacy',
      '    SUPPRESSED error test/rule /spec',
      '      Fix it. (reason: none given)',
      '',
      'Input errors',
      '  ERROR (input): stdin is not YAML',
      '',
      '1 object checked: 0 errors, 0 warnings, 0 infos, 1 suppressed; 1 input error',
      '',
    ].join('\n'));
  });

  test('GIVEN a file without a line, or line 0 THEN only the file is shown', () => {
    const text = TextReporter.render(makeReport([makeFinding({ file: 'a.yaml' }), makeFinding({ file: 'b.yaml', line: 0 })]));
    expect(text).toContain('a.yaml\n  Pod legacy (a.yaml)\n');
    expect(text).toContain('b.yaml\n  Pod legacy (b.yaml)\n');
  });

  test('GIVEN control characters in any field from the manifests THEN each run becomes one space (no terminal escapes)', () => {
    const text = TextReporter.render(makeReport([makeFinding({
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns\u001b[2J', name: 'a\nb' },
      file: 'dir\r\n/x.yaml',
      line: 3,
      target: 'c\u0000\u0000d',
      path: '/spec/\u007fx',
      message: 'm\u009b31m',
      suppressed: true,
      reason: 'r\tr',
    })], [{ file: 'e\u0007.yaml', message: 'bad\nYAML' }]));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n')).toEqual([
      'dir /x.yaml',
      '  Pod ns [2J/a b (dir /x.yaml)',
      '    SUPPRESSED error test/rule [c d] /spec/ x (line 3)',
      '      m 31m (reason: r r)',
      '',
      'Input errors',
      '  ERROR e .yaml: bad YAML',
      '',
      '1 object checked: 0 errors, 0 warnings, 0 infos, 1 suppressed; 1 input error',
      '',
    ]);
  });
});

import { frozen, SAMPLE_REPORT } from './sample-report';
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
    expect(lines[web + 1]).toBe('  Deployment prod/web');
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
    expect(text).toContain('  Pod legacy (manifests/legacy app.yaml:12)\n    ERROR   pss/run-as-user /spec/securityContext/runAsUser');
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

import { frozen, SAMPLE_REPORT } from './sample-report';
import { JsonReporter } from '../../../src/compliance/report/json';

describe('JsonReporter', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let json: string;
  beforeEach(() => {
    json = JsonReporter.render(frozen(SAMPLE_REPORT));
  });

  test('THEN it is exactly the Report schema: summary, findings, inputErrors', () => {
    expect(JSON.parse(json)).toEqual(SAMPLE_REPORT);
    expect(Object.keys(JSON.parse(json))).toEqual(['summary', 'findings', 'inputErrors']);
  });

  test('THEN keys follow the model order whatever order the input had, with 2-space indent', () => {
    const shuffled = { inputErrors: [], findings: [{ message: 'm', path: '/spec', object: { name: 'x', kind: 'Pod', apiVersion: 'v1' }, suppressed: false, severity: 'error', ruleId: 'pss/privileged' }], summary: { suppressed: 0, infos: 0, warnings: 0, errors: 1, objects: 1 } };
    const out = JsonReporter.render(shuffled as any);
    expect(Object.keys(JSON.parse(out).findings[0])).toEqual(['ruleId', 'severity', 'suppressed', 'object', 'path', 'message']);
    expect(Object.keys(JSON.parse(out).findings[0].object)).toEqual(['apiVersion', 'kind', 'name']);
    expect(Object.keys(JSON.parse(out).summary)).toEqual(['objects', 'errors', 'warnings', 'infos', 'suppressed']);
    expect(out).toContain('\n  "summary": {\n    "objects": 1,');
    expect(out.endsWith('}\n')).toBe(true);
  });

  test('THEN unknown extra fields are not written', () => {
    const withExtra = { ...SAMPLE_REPORT, findings: [{ ...SAMPLE_REPORT.findings[0], internal: 'x' }] };
    expect(JsonReporter.render(withExtra as any)).not.toContain('internal');
  });
});

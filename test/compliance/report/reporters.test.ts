import { COMPACT_REPORT, COMPACT_RULES, frozen, RULES, SAMPLE_REPORT } from './sample-report';
import { ReportFormat, Reporters } from '../../../src/compliance/report';

describe('Reporters', () => {
  test('THEN each format has its conventional file name', () => {
    expect(Object.values(ReportFormat).map(f => Reporters.fileName(f))).toEqual([
      'guardrails-report.txt', 'guardrails-report.md', 'guardrails-report.json', 'guardrails-report.sarif', 'guardrails-report.xml', 'guardrails-report.github.txt',
    ]);
  });

  test('THEN render dispatches to the reporter of each format without changing the report', () => {
    const report = frozen(JSON.parse(JSON.stringify(SAMPLE_REPORT)));
    expect(Reporters.render(ReportFormat.TEXT, report, RULES)).toMatch(/^web-chart\n/);
    expect(Reporters.render(ReportFormat.MARKDOWN, report, RULES)).toMatch(/^## cdk8s-guardrails compliance report\n/);
    expect(JSON.parse(Reporters.render(ReportFormat.JSON, report, RULES))).toEqual(SAMPLE_REPORT);
    expect(JSON.parse(Reporters.render(ReportFormat.SARIF, report, RULES)).version).toBe('2.1.0');
    expect(Reporters.render(ReportFormat.JUNIT, report, RULES)).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(report).toEqual(SAMPLE_REPORT);
  });

  test('GIVEN an unknown format THEN a clear error names it and the formats allowed', () => {
    const message = "report format 'html' is not supported: use one of text, markdown, json, sarif, junit, github";
    expect(() => Reporters.parseFormat('html')).toThrow(message);
    expect(() => Reporters.fileName('html' as ReportFormat)).toThrow(message);
    expect(() => Reporters.render('html' as ReportFormat, SAMPLE_REPORT, RULES)).toThrow(message);
    expect(Reporters.parseFormat('sarif')).toBe(ReportFormat.SARIF);
  });

  test('GIVEN a render context THEN it reaches the reporters that use it: colour for text, version for SARIF, objects for JUnit', () => {
    const context = { color: true, toolVersion: '9.9.9', objects: [{ apiVersion: 'v1', kind: 'Pod', name: 'idle' }] };
    expect(Reporters.render(ReportFormat.TEXT, COMPACT_REPORT, COMPACT_RULES, context)).toMatch(/^\u001b\[1mweb-chart\u001b\[0m\n/);
    expect(JSON.parse(Reporters.render(ReportFormat.SARIF, COMPACT_REPORT, COMPACT_RULES, context)).runs[0].tool.driver.version).toBe('9.9.9');
    expect(Reporters.render(ReportFormat.JUNIT, COMPACT_REPORT, COMPACT_RULES, context)).toContain('<testcase classname="demo/privileged" name="Pod idle"/>');
    expect(Reporters.render(ReportFormat.MARKDOWN, COMPACT_REPORT, COMPACT_RULES, context)).toContain('<a id="rule-demo-limits"></a>');
  });
});

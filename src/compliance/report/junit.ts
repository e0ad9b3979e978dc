import type { ObjectRef } from '../../k8s/manifest';
import type { Finding, Report } from '../model';
import type { Rule } from '../rule';
import { fileLocation, objectKey, objectLabel } from './grouping';
import { TOOL_NAME, type RenderContext } from './render-context';
import { escapeXml, xmlAttributes } from './xml';

/** One test case: a rule on an object. */
interface TestCase {
  readonly name: string;
  readonly failures: Finding[];
  readonly infos: Finding[];
  readonly suppressed: Finding[];
}

/**
 * The report as JUnit XML for CI test tabs: one `<testsuite>` per rule and one `<testcase>` per
 * rule and object. A case fails when the rule reported an unsuppressed error or warning on the
 * object, is skipped (`suppressed: <reason>`) when every finding on it is suppressed, and passes
 * otherwise. Info notes and suppressed findings (with their reason) go to `<system-out>`, so
 * that none is lost when the same case also fails.
 *
 * Rules do not declare which kinds they apply to, so when the checked objects are known
 * (`context.objects`) every object appears under every rule, passing where the rule reported
 * nothing; without them, a rule with no findings is a single passing case `no findings`.
 * Input errors are a `cdk8s-guardrails/input` suite of `<error>` cases.
 */
export class JUnitReporter {
  public static render(report: Report, rules: readonly Rule[], context: RenderContext = {}): string {
    const ruleIds = [...rules.map(r => r.id)];
    for (const finding of report.findings) if (!ruleIds.includes(finding.ruleId)) ruleIds.push(finding.ruleId);

    const suites = ruleIds.map(ruleId => JUnitReporter.suite(ruleId, report.findings.filter(f => f.ruleId === ruleId), context.objects));
    if (report.inputErrors.length > 0) {
      const cases = report.inputErrors.map(error => {
        const name = fileLocation(error) ?? '(input)';
        return `    <testcase${xmlAttributes({ classname: `${TOOL_NAME}/input`, name })}>\n`
          + `      <error${xmlAttributes({ message: error.message, type: 'input-error' })}/>\n    </testcase>`;
      });
      suites.push({ xml: JUnitReporter.suiteXml(`${TOOL_NAME}/input`, cases, { tests: cases.length, failures: 0, errors: cases.length, skipped: 0 }), tests: cases.length, failures: 0, errors: cases.length, skipped: 0 });
    }
    const total = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((sum, s) => sum + s[key], 0);
    return '<?xml version="1.0" encoding="UTF-8"?>\n'
      + `<testsuites${xmlAttributes({ name: TOOL_NAME, tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped') })}>\n`
      + suites.map(s => s.xml).join('\n') + (suites.length > 0 ? '\n' : '')
      + '</testsuites>\n';
  }

  private static suite(ruleId: string, findings: Finding[], objects: readonly ObjectRef[] | undefined) {
    const cases = new Map<string, TestCase>();
    const caseFor = (object: ObjectRef) => {
      const key = objectKey(object);
      let testCase = cases.get(key);
      if (!testCase) {
        testCase = { name: objectLabel(object), failures: [], infos: [], suppressed: [] };
        cases.set(key, testCase);
      }
      return testCase;
    };
    for (const object of objects ?? []) caseFor(object);
    for (const finding of findings) {
      const testCase = caseFor(finding.object);
      // A baselined finding is accepted like a suppressed one: the case is skipped, not failed.
      if (finding.suppressed || finding.baselined === true) testCase.suppressed.push(finding);
      else if (finding.severity === 'info') testCase.infos.push(finding);
      else testCase.failures.push(finding);
    }
    if (cases.size === 0) cases.set('', { name: 'no findings', failures: [], infos: [], suppressed: [] });

    let failures = 0;
    let skipped = 0;
    const xml = [...cases.values()].map(testCase => {
      const body: string[] = [];
      if (testCase.failures.length > 0) {
        failures++;
        const first = testCase.failures[0];
        body.push(`      <failure${xmlAttributes({ message: first.message, type: first.severity })}>${escapeXml(details(testCase.failures))}</failure>`);
      } else if (testCase.infos.length === 0 && testCase.suppressed.length > 0) {
        skipped++;
        body.push(`      <skipped${xmlAttributes({ message: `suppressed: ${testCase.suppressed.map(f => f.reason ?? (f.baselined ? 'in the baseline' : 'no reason')).join('; ')}` })}/>`);
      }
      const notes = [...testCase.infos, ...testCase.suppressed];
      if (notes.length > 0) body.push(`      <system-out>${escapeXml(details(notes))}</system-out>`);
      const open = `    <testcase${xmlAttributes({ classname: ruleId, name: testCase.name })}`;
      return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
    });
    const counts = { tests: cases.size, failures, errors: 0, skipped };
    return { xml: JUnitReporter.suiteXml(ruleId, xml, counts), ...counts };
  }

  private static suiteXml(name: string, cases: string[], counts: { tests: number; failures: number; errors: number; skipped: number }): string {
    return `  <testsuite${xmlAttributes({ name, ...counts })}>\n${cases.join('\n')}\n  </testsuite>`;
  }
}

/** One line per finding: severity (and suppression reason), pointer, target, message, where. */
function details(findings: Finding[]): string {
  return findings.map(f => {
    const where = fileLocation(f) ?? f.constructPath;
    return `${f.severity}${f.suppressed ? ` (suppressed: ${f.reason ?? 'no reason'})` : ''} ${f.path}${f.target ? ` [${f.target}]` : ''}: ${f.message}${where ? ` (${where})` : ''}`;
  }).join('\n');
}

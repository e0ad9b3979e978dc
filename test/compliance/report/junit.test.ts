import { frozen, RULES, SAMPLE_REPORT } from './sample-report';
import { parseXml } from './xml-check';
import { JUnitReporter } from '../../../src/compliance/report/junit';
import { escapeXml } from '../../../src/compliance/report/xml';

describe('JUnitReporter', () => {
  const objects = [
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
    { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'prod', name: 'nightly' },
    { apiVersion: 'v1', kind: 'Pod', name: 'legacy' },
  ];
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let xml: string;
  let elements: ReturnType<typeof parseXml>;
  beforeEach(() => {
    xml = JUnitReporter.render(frozen(SAMPLE_REPORT), RULES, { objects });
    elements = parseXml(xml);
  });
  const suite = (name: string) => elements.find(e => e.name === 'testsuite' && e.attributes.name === name)!;
  const cases = (rule: string) => elements.filter(e => e.name === 'testcase' && e.attributes.classname === rule);

  test('THEN the XML is well-formed, with one suite per rule plus the input suite', () => {
    expect(elements[0].name).toBe('testsuites');
    expect(elements.filter(e => e.name === 'testsuite').map(e => e.attributes.name)).toEqual([...RULES.map(r => r.id), 'cdk8s-guardrails/input']);
  });

  test('THEN every checked object is a test case under every rule, and the counts add up', () => {
    expect(cases('pss/host-ports').map(e => e.attributes.name)).toEqual(['Deployment prod/web', 'CronJob prod/nightly', 'Pod legacy']);
    expect(suite('pss/privileged').attributes).toMatchObject({ tests: '3', failures: '1', skipped: '0', errors: '0' });
    expect(suite('hardening/read-only-root-fs').attributes).toMatchObject({ tests: '3', failures: '0', skipped: '1' });
    expect(suite('hardening/image-digest').attributes).toMatchObject({ tests: '3', failures: '0', skipped: '0' });
    expect(suite('cdk8s-guardrails/input').attributes).toMatchObject({ tests: '1', errors: '1' });
    const root = elements[0].attributes;
    expect(root).toMatchObject({ tests: String(RULES.length * 3 + 1), failures: '3', errors: '1', skipped: '1' });
    expect(elements.filter(e => e.name === 'failure')).toHaveLength(3);
  });

  test('THEN failures carry the message, suppressed cases are skipped with their reason', () => {
    const failure = elements.find(e => e.name === 'failure' && e.parent === 'testcase' && e.attributes.message.startsWith('The pod sets runAsUser'))!;
    expect(failure.attributes).toEqual({ message: 'The pod sets runAsUser: 0 <root> & "friends" | `tick`\\u0007 bell; set a non-zero UID.', type: 'error' });
    expect(elements.find(e => e.name === 'skipped')!.attributes.message).toBe('suppressed: nginx writes its pid file to / (ticket OPS-12)');
  });

  test('GIVEN no object list THEN a rule without findings is one passing case', () => {
    const bare = parseXml(JUnitReporter.render(SAMPLE_REPORT, RULES));
    expect(bare.filter(e => e.name === 'testcase' && e.attributes.classname === 'pss/host-ports').map(e => e.attributes.name)).toEqual(['no findings']);
  });

  test('THEN escaping handles markup, quotes and characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a<b>&"\'\u0000\u001b\n', true)).toBe('a&lt;b&gt;&amp;&quot;&apos;\\u0000\\u001b&#10;');
    expect(escapeXml('line\nnext "quoted" \ud83d\ude00 \ud800')).toBe('line\nnext "quoted" \ud83d\ude00 \\ud800');
    expect(() => parseXml('<a><b></a></b>')).toThrow('unbalanced');
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow('bare &');
  });
});

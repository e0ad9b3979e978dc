import { COMPACT_REPORT, COMPACT_RULES, fakeRule, frozen, makeFinding, makeReport, RULES, SAMPLE_REPORT } from './sample-report';
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

describe('JUnitReporter exact output', () => {
  const web = COMPACT_REPORT.findings[0].object;
  const legacy = COMPACT_REPORT.findings[2].object;

  test('GIVEN a compact report and the checked objects THEN the XML is exactly one suite per rule, one case per object, and the input suite', () => {
    expect(JUnitReporter.render(frozen(COMPACT_REPORT), COMPACT_RULES, { objects: [web, legacy] })).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="cdk8s-guardrails" tests="5" failures="2" errors="1" skipped="1">',
      '  <testsuite name="demo/privileged" tests="2" failures="1" errors="0" skipped="0">',
      '    <testcase classname="demo/privileged" name="Deployment prod/web">',
      "      <failure message=\"Container &apos;app&apos; is privileged.\" type=\"error\">error /spec/template/spec/containers/0/securityContext/privileged [app]: Container 'app' is privileged. (web-chart/web/Resource)</failure>",
      '    </testcase>',
      '    <testcase classname="demo/privileged" name="Pod legacy"/>',
      '  </testsuite>',
      '  <testsuite name="demo/limits" tests="2" failures="1" errors="0" skipped="1">',
      '    <testcase classname="demo/limits" name="Deployment prod/web">',
      '      <skipped message="suppressed: batch job (OPS-1)"/>',
      "      <system-out>warning (suppressed: batch job (OPS-1)) /spec/template/spec/containers/0/resources/limits/memory [app]: Container 'app' has no memory limit. (web-chart/web/Resource)</system-out>",
      '    </testcase>',
      '    <testcase classname="demo/limits" name="Pod legacy">',
      "      <failure message=\"Container &apos;main&apos; has no memory limit.\" type=\"warning\">warning /spec/containers/0/resources/limits/memory [main]: Container 'main' has no memory limit. (manifests/pod.yaml:7)</failure>",
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="cdk8s-guardrails/input" tests="1" failures="0" errors="1" skipped="0">',
      '    <testcase classname="cdk8s-guardrails/input" name="manifests/bad.yaml:2">',
      '      <error message="invalid YAML" type="input-error"/>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  test('GIVEN no rules, findings or input errors THEN it is an empty, well-formed testsuites element', () => {
    expect(JUnitReporter.render(makeReport([]), [])).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="cdk8s-guardrails" tests="0" failures="0" errors="0" skipped="0">',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  test('GIVEN a rule without findings and no object list THEN it is one passing case named no findings', () => {
    expect(JUnitReporter.render(makeReport([]), [fakeRule('demo/x')])).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="cdk8s-guardrails" tests="1" failures="0" errors="0" skipped="0">',
      '  <testsuite name="demo/x" tests="1" failures="0" errors="0" skipped="0">',
      '    <testcase classname="demo/x" name="no findings"/>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  test('GIVEN a case that fails and also has a suppressed finding THEN the suppressed one is kept in system-out with its reason', () => {
    const xml = JUnitReporter.render(makeReport([
      makeFinding({ severity: 'warning', message: 'first', path: '/a' }),
      makeFinding({ suppressed: true, reason: 'accepted (OPS-2)', path: '/b', target: 'c' }),
      makeFinding({ severity: 'warning', message: 'second', path: '/d', file: 'p.yaml' }),
    ]), []);
    expect(xml).toContain([
      '    <testcase classname="test/rule" name="Pod legacy">',
      '      <failure message="first" type="warning">warning /a: first',
      'warning /d: second (p.yaml)</failure>',
      '      <system-out>error (suppressed: accepted (OPS-2)) /b [c]: Fix it.</system-out>',
      '    </testcase>',
    ].join('\n'));
    expect(parseXml(xml)[0].attributes).toMatchObject({ tests: '1', failures: '1', skipped: '0' });
  });

  test('GIVEN an info and a suppressed finding on one object THEN the case passes (not skipped) and lists both; an unlisted rule gets its own suite', () => {
    const xml = JUnitReporter.render(makeReport([
      makeFinding({ severity: 'info', target: 't', constructPath: 'c/p' }),
      makeFinding({ suppressed: true, reason: 'r1', file: 'f.yaml' }),
      makeFinding({ ruleId: 'other/rule', suppressed: true }),
    ], [{ message: 'no file' }]), [fakeRule('test/rule')]);
    expect(xml).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="cdk8s-guardrails" tests="3" failures="0" errors="1" skipped="1">',
      '  <testsuite name="test/rule" tests="1" failures="0" errors="0" skipped="0">',
      '    <testcase classname="test/rule" name="Pod legacy">',
      '      <system-out>info /spec [t]: Fix it. (c/p)',
      'error (suppressed: r1) /spec: Fix it. (f.yaml)</system-out>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="other/rule" tests="1" failures="0" errors="0" skipped="1">',
      '    <testcase classname="other/rule" name="Pod legacy">',
      '      <skipped message="suppressed: no reason"/>',
      '      <system-out>error (suppressed: no reason) /spec: Fix it.</system-out>',
      '    </testcase>',
      '  </testsuite>',
      '  <testsuite name="cdk8s-guardrails/input" tests="1" failures="0" errors="1" skipped="0">',
      '    <testcase classname="cdk8s-guardrails/input" name="(input)">',
      '      <error message="no file" type="input-error"/>',
      '    </testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  test('GIVEN several suppressed findings on one object THEN the skip message joins their reasons', () => {
    const xml = JUnitReporter.render(makeReport([makeFinding({ suppressed: true, reason: 'a' }), makeFinding({ suppressed: true, path: '/x' })]), []);
    expect(xml).toContain('<skipped message="suppressed: a; no reason"/>');
  });

  test('GIVEN two objects that differ only by apiVersion THEN they are two test cases', () => {
    const other = { ...legacy, apiVersion: 'v2' };
    const xml = JUnitReporter.render(makeReport([makeFinding(), makeFinding({ object: other })]), []);
    expect(parseXml(xml).filter(e => e.name === 'testcase').map(e => e.attributes.name)).toEqual(['Pod legacy', 'Pod legacy']);
  });

  test('GIVEN markup, quotes, newlines and control characters in names and messages THEN the XML stays well-formed and keeps the text', () => {
    const object = { apiVersion: 'v1', kind: 'Pod', namespace: 'n"s', name: "<a&b'\u0001>" };
    const xml = JUnitReporter.render(makeReport([makeFinding({ object, message: 'x\n<y> & "z"\u0000\uffff' })], [{ file: 'a&b.yaml', message: '<bad>\tYAML\r\n' }]), []);
    const elements = parseXml(xml);
    expect(elements.find(e => e.name === 'testcase')!.attributes.name).toBe("Pod n\"s/<a&b'\\u0001>");
    expect(elements.find(e => e.name === 'failure')!.attributes.message).toBe('x\n<y> & "z"\\u0000\\uffff');
    expect(xml).toContain('>error /spec: x\n&lt;y&gt; &amp; "z"\\u0000\\uffff</failure>');
    expect(elements.find(e => e.name === 'error')!.attributes.message).toBe('<bad>\tYAML\r\n');
    expect(xml).toContain('name="a&amp;b.yaml"');
  });
});

describe('JUnitReporter: where a finding is', () => {
  test('GIVEN a finding with the line and column of its field THEN both are printed; without a column, the line alone', () => {
    let finding = makeFinding({ file: 'install.yaml', line: 42, column: 7 });
    expect(JUnitReporter.render(makeReport([finding]), RULES)).toContain('install.yaml:42:7');
    finding = makeFinding({ file: 'install.yaml', line: 42 });
    const rendered = JUnitReporter.render(makeReport([finding]), RULES);
    expect(rendered).toContain('install.yaml:42');
    expect(rendered).not.toContain('install.yaml:42:');
  });
});


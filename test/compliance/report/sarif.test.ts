import { createHash } from 'crypto';
import * as fs from 'fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { COMPACT_REPORT, COMPACT_RULES, fakeRule, frozen, makeFinding, makeReport, RULES, SAMPLE_REPORT } from './sample-report';
import { fileUri, SarifReporter } from '../../../src/compliance/report/sarif';

/** The official SARIF 2.1.0 schema (draft-04), adapted for Ajv 8 (draft-04 `id` -> `$id`). */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's language pattern is not valid with the u flag (a stray `]`), hence unicodeRegExp: false.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * The documented fingerprint, computed here on its own: SHA-256 of rule, API group, kind,
 * namespace, name, JSON pointer and target joined by NUL (the API version is not part of it).
 */
function documentedPrint(...identity: string[]): string {
  return createHash('sha256').update(identity.join('\u0000')).digest('hex');
}

describe('SarifReporter', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let sarif: any;
  let run: any;
  beforeEach(() => {
    sarif = JSON.parse(SarifReporter.render(frozen(SAMPLE_REPORT), RULES, { toolVersion: '1.2.3' }));
    run = sarif.runs[0];
  });

  test('THEN the log validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect({ valid: validate(sarif), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });

  test('GIVEN the same log with a level SARIF does not know THEN the schema check fails (the validator is real)', () => {
    const validate = sarifValidator();
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.[0].instancePath).toBe('/runs/0/results/0/level');
  });

  test('THEN it has one run whose driver describes every rule with help and default level', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'cdk8s-guardrails', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(RULES.map(r => r.id));
    const digest = run.tool.driver.rules.find((r: any) => r.id === 'hardening/image-digest');
    expect(digest).toMatchObject({
      name: 'HardeningImageDigest',
      shortDescription: { text: 'Container images should be pinned by digest' },
      defaultConfiguration: { level: 'note' },
      help: { text: expect.stringContaining('Remediation: Append the image digest'), markdown: expect.stringContaining('**References:**\n- checkov: CKV_K8S_43') },
    });
  });

  test('THEN each finding is a result with ruleIndex, level and message', () => {
    expect(run.results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['pss/privileged', 'error'], ['hardening/resources', 'warning'], ['hardening/read-only-root-fs', 'warning'], ['hardening/image-digest', 'note'], ['pss/run-as-user', 'error'],
    ]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(run.results[0].message.text).toBe(SAMPLE_REPORT.findings[0].message);
    expect(run.results[0].properties).toEqual({ object: 'Deployment prod/web', apiVersion: 'apps/v1', jsonPointer: '/spec/template/spec/containers/0/securityContext/privileged', target: 'app' });
  });

  test('THEN a CLI finding has a physical location with an encoded URI and a line; a synth finding a logical one', () => {
    expect(run.results[4].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'manifests/legacy%20app.yaml' }, region: { startLine: 12 } });
    expect(run.results[0].locations[0]).toEqual({ logicalLocations: [{ name: 'web', fullyQualifiedName: 'web-chart/web/Resource', kind: 'resource' }] });
  });

  test('THEN a suppressed finding carries an external suppression with its justification', () => {
    expect(run.results[2].suppressions).toEqual([{ kind: 'external', justification: 'nginx writes its pid file to / (ticket OPS-12)' }]);
    expect(run.results[0].suppressions).toBeUndefined();
  });

  test('THEN input errors are tool execution notifications and the invocation did not succeed', () => {
    expect(run.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [{
        level: 'error',
        message: { text: 'invalid YAML: bad indentation of a mapping entry' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/broken.yaml' }, region: { startLine: 3 } } }],
      }],
    }]);
  });

  test('THEN fingerprints are stable and distinct per finding', () => {
    const again = JSON.parse(SarifReporter.render(SAMPLE_REPORT, RULES)).runs[0];
    const prints = run.results.map((r: any) => r.partialFingerprints['guardrailsFinding/v2']);
    expect(again.results.map((r: any) => r.partialFingerprints['guardrailsFinding/v2'])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('GIVEN absolute POSIX and Windows paths THEN they become file URIs', () => {
    expect(fileUri('/tmp/out dir/app.yaml')).toBe('file:///tmp/out%20dir/app.yaml');
    expect(fileUri('C:\\work\\app#1.yaml')).toBe('file:///C:/work/app%231.yaml');
  });
});

describe('SarifReporter exact output', () => {
  const logicalWeb = { logicalLocations: [{ name: 'web', fullyQualifiedName: 'web-chart/web/Resource', kind: 'resource' }] };
  const webProperties = (pointer: string) => ({ object: 'Deployment prod/web', apiVersion: 'apps/v1', jsonPointer: pointer, target: 'app' });

  // The fingerprints are pinned literals on purpose: code scanning matches alerts across runs by
  // them, so any change to how they are computed re-opens every alert of every user.
  test('GIVEN a compact report THEN the log is exactly this, written with a 2-space indent and a final newline', () => {
    const text = SarifReporter.render(frozen(COMPACT_REPORT), COMPACT_RULES, { toolVersion: '1.2.3' });
    expect(text.startsWith('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n')).toBe(true);
    expect(text.endsWith('\n}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: 'cdk8s-guardrails',
            version: '1.2.3',
            informationUri: 'https://example.invalid/cdk8s-guardrails',
            rules: [
              {
                id: 'demo/privileged',
                name: 'DemoPrivileged',
                shortDescription: { text: 'No privileged containers' },
                fullDescription: { text: 'A privileged container owns the node.' },
                helpUri: 'https://example.invalid/cdk8s-guardrails/blob/main/docs/rules.md#rule-demo-privileged',
                help: {
                  text: 'A privileged container owns the node.\n\nRemediation: Remove securityContext.privileged.\n\nReferences:\n- CIS 5.2.2\n- https://example.com/psa',
                  markdown: 'A privileged container owns the node.\n\n**Remediation:** Remove securityContext.privileged.\n\n**References:**\n- CIS 5.2.2\n- https://example.com/psa',
                },
                defaultConfiguration: { level: 'error' },
                properties: { 'tags': ['security', 'kubernetes', 'demo'], 'security-severity': '8.0' },
              },
              {
                id: 'demo/limits',
                name: 'DemoLimits',
                shortDescription: { text: 'Set memory limits' },
                fullDescription: { text: 'Pods without limits starve their neighbours.' },
                helpUri: 'https://example.invalid/cdk8s-guardrails/blob/main/docs/rules.md#rule-demo-limits',
                help: {
                  text: 'Pods without limits starve their neighbours.\n\nRemediation: Set resources.limits.memory.',
                  markdown: 'Pods without limits starve their neighbours.\n\n**Remediation:** Set resources.limits.memory.',
                },
                defaultConfiguration: { level: 'warning' },
                properties: { 'tags': ['security', 'kubernetes', 'demo'], 'security-severity': '5.0' },
              },
            ],
          },
        },
        invocations: [{
          executionSuccessful: false,
          toolExecutionNotifications: [{
            level: 'error',
            message: { text: 'invalid YAML' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'manifests/bad.yaml' }, region: { startLine: 2 } } }],
          }],
        }],
        results: [
          {
            ruleId: 'demo/privileged',
            ruleIndex: 0,
            level: 'error',
            message: { text: "Container 'app' is privileged." },
            locations: [logicalWeb],
            partialFingerprints: { 'guardrailsFinding/v2': documentedPrint('demo/privileged', 'apps', 'Deployment', 'prod', 'web', '/spec/template/spec/containers/0/securityContext/privileged', 'app') },
            properties: webProperties('/spec/template/spec/containers/0/securityContext/privileged'),
          },
          {
            ruleId: 'demo/limits',
            ruleIndex: 1,
            level: 'warning',
            message: { text: "Container 'app' has no memory limit." },
            locations: [logicalWeb],
            partialFingerprints: { 'guardrailsFinding/v2': documentedPrint('demo/limits', 'apps', 'Deployment', 'prod', 'web', '/spec/template/spec/containers/0/resources/limits/memory', 'app') },
            suppressions: [{ kind: 'external', justification: 'batch job (OPS-1)' }],
            properties: webProperties('/spec/template/spec/containers/0/resources/limits/memory'),
          },
          {
            ruleId: 'demo/limits',
            ruleIndex: 1,
            level: 'warning',
            message: { text: "Container 'main' has no memory limit." },
            locations: [{
              logicalLocations: [{ name: 'legacy', fullyQualifiedName: 'Pod legacy', kind: 'resource' }],
              physicalLocation: { artifactLocation: { uri: 'manifests/pod.yaml' }, region: { startLine: 7 } },
            }],
            partialFingerprints: { 'guardrailsFinding/v2': documentedPrint('demo/limits', '', 'Pod', '', 'legacy', '/spec/containers/0/resources/limits/memory', 'main') },
            properties: { object: 'Pod legacy', apiVersion: 'v1', jsonPointer: '/spec/containers/0/resources/limits/memory', target: 'main' },
          },
        ],
      }],
    });
  });

  test('GIVEN no findings and no input errors THEN the invocation succeeded, results are empty and no version is claimed', () => {
    const run = JSON.parse(SarifReporter.render(makeReport([]), [])).runs[0];
    expect(run.tool.driver).toEqual({ name: 'cdk8s-guardrails', informationUri: 'https://example.invalid/cdk8s-guardrails', rules: [] });
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    expect(run.results).toEqual([]);
  });

  test('GIVEN a finding of an unlisted rule, without target or reason, at line 0 or -1 THEN it gets a minimal descriptor and still validates', () => {
    const report = makeReport(
      [makeFinding({ ruleId: 'my-org/no--latest!', severity: 'info', suppressed: true, file: 'a.yaml', line: 0 }), makeFinding({ ruleId: 'my-org/no--latest!', file: 'b.yaml', line: -1 })],
      [{ message: 'stdin: empty document' }],
    );
    const log = JSON.parse(SarifReporter.render(report, [fakeRule('demo/x', { defaultSeverity: 'info' })]));
    const validate = sarifValidator();
    expect({ valid: validate(log), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    const run = log.runs[0];
    expect(run.tool.driver.rules[0]).toMatchObject({ defaultConfiguration: { level: 'note' }, properties: { 'security-severity': '2.0' } });
    expect(run.tool.driver.rules[1]).toEqual({ id: 'my-org/no--latest!', name: 'MyOrgNoLatest', shortDescription: { text: 'my-org/no--latest!' } });
    expect(run.tool.driver.rules).toHaveLength(2);
    expect(run.results.map((r: any) => [r.ruleIndex, r.level])).toEqual([[1, 'note'], [1, 'error']]);
    expect(run.results[0].locations).toEqual([{
      logicalLocations: [{ name: 'legacy', fullyQualifiedName: 'Pod legacy', kind: 'resource' }],
      physicalLocation: { artifactLocation: { uri: 'a.yaml' } },
    }]);
    expect(run.results[0].suppressions).toEqual([{ kind: 'external', justification: '' }]);
    expect(run.results[0].properties).toEqual({ object: 'Pod legacy', apiVersion: 'v1', jsonPointer: '/spec' });
    expect(run.results[1].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'b.yaml' } });
    expect(run.results[1].partialFingerprints).toEqual({ 'guardrailsFinding/v2': documentedPrint('my-org/no--latest!', '', 'Pod', '', 'legacy', '/spec', '') });
    expect(run.invocations[0].toolExecutionNotifications).toEqual([{ level: 'error', message: { text: 'stdin: empty document' } }]);
  });

  test('GIVEN the same finding on another line, file, chart or with another message THEN its fingerprint does not change; any identity field changes it', () => {
    const base = makeFinding({ object: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' }, path: '/spec/x', target: 't' });
    const print = (f: typeof base) => JSON.parse(SarifReporter.render(makeReport([f]), [])).runs[0].results[0].partialFingerprints['guardrailsFinding/v2'];
    const expected = print(base);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    // An API version change (v1beta1 -> v1) keeps the identity: the group is what names the object.
    for (const moved of [{ line: 9, file: 'x.yaml' }, { constructPath: 'c/p' }, { message: 'other text' }, { severity: 'warning' as const, suppressed: true }, { object: { ...base.object, apiVersion: 'v2' } }]) {
      expect(print({ ...base, ...moved })).toBe(expected);
    }
    const changed = [
      { ruleId: 'test/other' }, { path: '/spec/y' }, { target: 'u' }, { target: undefined },
      { object: { ...base.object, apiVersion: 'batch/v1' } }, { object: { ...base.object, kind: 'Job' } },
      { object: { ...base.object, namespace: undefined } }, { object: { ...base.object, name: 'q' } },
    ].map(change => print({ ...base, ...change }));
    expect(new Set([expected, ...changed]).size).toBe(changed.length + 1);
  });
});

describe('fileUri', () => {
  test('GIVEN relative paths THEN they stay relative, with slashes and percent-encoding (a colon cannot read as a scheme)', () => {
    expect(fileUri('manifests\\prod app\\web.yaml')).toBe('manifests/prod%20app/web.yaml');
    expect(fileUri('a:b/c.yaml')).toBe('a%3Ab/c.yaml');
    expect(fileUri('dir/c:/x.yaml')).toBe('dir/c%3A/x.yaml');
    expect(fileUri('100%/é?[1]#2.yaml')).toBe('100%25/%C3%A9%3F%5B1%5D%232.yaml');
  });

  test('GIVEN absolute paths THEN they become file URIs and keep the drive colon', () => {
    expect(fileUri('c:/Users/me/a b.yaml')).toBe('file:///c:/Users/me/a%20b.yaml');
    expect(fileUri('/a:b/c?.yaml')).toBe('file:///a:b/c%3F.yaml');
    expect(fileUri('C:relative.yaml')).toBe('C%3Arelative.yaml');
  });
});

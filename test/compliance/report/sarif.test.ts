import * as fs from 'fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { frozen, RULES, SAMPLE_REPORT } from './sample-report';
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
    const prints = run.results.map((r: any) => r.partialFingerprints['guardrailsFinding/v1']);
    expect(again.results.map((r: any) => r.partialFingerprints['guardrailsFinding/v1'])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('GIVEN absolute POSIX and Windows paths THEN they become file URIs', () => {
    expect(fileUri('/tmp/out dir/app.yaml')).toBe('file:///tmp/out%20dir/app.yaml');
    expect(fileUri('C:\\work\\app#1.yaml')).toBe('file:///C:/work/app%231.yaml');
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GuardrailsValidation, PluginValidationContext, PluginViolation } from '../../src/plugin';

/** A stand-in for the context the cdk8s CLI passes (same shape as cdk8s-cli's ValidationContext). */
function fakeContext(files: Record<string, string>, metadata: Record<string, { path: string }> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-plugin-'));
  const manifests = Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
  const violations: PluginViolation[] = [];
  const submitted: Array<{ status: string; metadata?: Record<string, string> }> = [];
  const logs: string[] = [];
  const context: PluginValidationContext = {
    manifests,
    metadata,
    report: {
      addViolation: (v) => violations.push(v),
      submit: (status, meta) => submitted.push({ status, metadata: meta as Record<string, string> }),
    },
    logger: { log: (m) => logs.push(m) },
  };
  return { context, violations, submitted, logs, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const SA_WITHOUT_OPT_OUT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n';
const SA_OPTED_OUT = `${SA_WITHOUT_OPT_OUT}automountServiceAccountToken: false\n`;

describe('GuardrailsValidation', () => {
  test('reports a violation per rule with the resource name (the CLI adds its construct path) and fails', async () => {
    // GIVEN a synthesized ServiceAccount that keeps the token automount
    const t = fakeContext({ 'chart.k8s.yaml': SA_WITHOUT_OPT_OUT }, { web: { path: 'app/chart/web' } });
    // WHEN the plugin validates it
    await new GuardrailsValidation({ packs: ['tokens'] }).validate(t.context);
    t.cleanup();
    // THEN the finding is a violation of the rule, located in the object, and the report fails
    expect(t.violations).toEqual([{
      ruleName: 'token/automount-service-account (error)',
      recommendation: expect.stringContaining('automountServiceAccountToken'),
      fix: expect.any(String),
      violatingResources: [{
        resourceName: 'web',
        manifestPath: t.context.manifests[0],
        locations: [expect.stringMatching(/^ServiceAccount shop\/web at \/automountServiceAccountToken: /)],
      }],
    }]);
    expect(t.submitted).toEqual([expect.objectContaining({ status: 'failure' })]);
    expect(t.submitted[0].metadata).toMatchObject({ objects: '1', errors: '1', failOn: 'error' });
    expect(t.logs[0]).toContain('1 objects checked: 1 errors');
  });

  test('passes a compliant app, and an empty chart file is fine', async () => {
    const t = fakeContext({ 'chart.k8s.yaml': SA_OPTED_OUT, 'empty.k8s.yaml': '' });
    await new GuardrailsValidation({ packs: ['tokens'] }).validate(t.context);
    t.cleanup();
    expect(t.violations).toEqual([]);
    expect(t.submitted).toEqual([expect.objectContaining({ status: 'success' })]);
  });

  test('failOn: never reports the violations but does not fail the synth', async () => {
    const t = fakeContext({ 'chart.k8s.yaml': SA_WITHOUT_OPT_OUT });
    await new GuardrailsValidation({ packs: ['tokens'], failOn: 'never' }).validate(t.context);
    t.cleanup();
    expect(t.violations).toHaveLength(1);
    expect(t.submitted[0].status).toBe('success');
  });

  test('a document that is not a Kubernetes object is an input-error violation and fails', async () => {
    const t = fakeContext({ 'chart.k8s.yaml': `${SA_OPTED_OUT}---\napiVersion: v1\nmetadata: {name: x}\n` });
    await new GuardrailsValidation({ packs: ['tokens'] }).validate(t.context);
    t.cleanup();
    expect(t.violations).toEqual([expect.objectContaining({
      ruleName: 'input-error (error)',
      violatingResources: [expect.objectContaining({ locations: ['line 8: not a Kubernetes object: has no kind (kubectl refuses a document without one)'] })],
    })]);
    expect(t.submitted[0].status).toBe('failure');
  });

  test.each([
    [{ packs: ['nope'] }, /unknown pack|'nope'/],
    [{ failOn: 'critical' }, "GuardrailsValidation: failOn 'critical' is not allowed: use one of error, warning, info, never"],
    [{ packs: 'tokens' }, 'GuardrailsValidation: packs "tokens" is not allowed: use a list of pack names'],
    [{ maxTokenTtlSeconds: 60 }, /GuardrailsValidation: maxTokenTtlSeconds 60/],
    [{ pack: ['tokens'] }, "GuardrailsValidation: unknown property 'pack' in cdk8s.yaml; allowed: packs, failOn, maxTokenTtlSeconds, severityOverrides, podSecurityVersion, ignoreSuppressions, namespace"],
  ])('bad properties %j are refused with a clear message', (properties, message) => {
    expect(() => new GuardrailsValidation(properties as any)).toThrow(message);
  });
});

import { deployment, role, runEngine, securePodSpec } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';
import { SUPPRESS_ANNOTATION, Suppressions } from '../../src/compliance/suppressions';

const REASON = 'The proxy sidecar forwards API calls for the manager.';

function annotated(value: unknown) {
  const d = deployment('web', securePodSpec({ containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }], automountServiceAccountToken: true }));
  return { ...d, metadata: { ...d.metadata, annotations: { [SUPPRESS_ANNOTATION]: typeof value === 'string' ? value : JSON.stringify(value) } } };
}

const tokenRules = { packs: ['tokens'] };

describe('YAML annotation suppressions', () => {
  test('GIVEN a valid JSON annotation THEN the finding stays in the report, suppressed with its reason, and leaves the counts', () => {
    const report = runEngine([annotated([{ rule: 'token/automount-pod', reason: REASON }])], tokenRules);
    const finding = report.findings.find((f) => f.ruleId === 'token/automount-pod')!;
    expect(finding).toMatchObject({ suppressed: true, reason: REASON, severity: 'error' });
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(1);
    expect(report.findings.filter((f) => f.severity === 'error' && !f.suppressed).map((f) => f.ruleId)).not.toContain('token/automount-pod');
  });

  test('GIVEN a YAML annotation THEN it is read too', () => {
    const report = runEngine([annotated(`- rule: token/automount-pod\n  reason: ${REASON}\n`)], tokenRules);
    expect(report.findings.find((f) => f.ruleId === 'token/automount-pod')?.suppressed).toBe(true);
  });

  test('GIVEN a target THEN only the finding with that target is suppressed', () => {
    const r = role('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]);
    const withAnnotation = { ...r, metadata: { ...r.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify([{ rule: 'rbac/secrets-access', reason: 'Reads its own TLS Secret by name at start-up.', target: 'get secrets' }]) } } };
    const report = runEngine([withAnnotation], { packs: ['rbac'] });
    expect(report.findings.map((f) => [f.target, f.suppressed])).toEqual([['get secrets', true], ['list secrets', false]]);
  });

  test.each([
    ['not parseable', '[{ rule: ', 'is not valid JSON or YAML'],
    ['an unknown rule id', [{ rule: 'token/automount-pods', reason: REASON }], "unknown rule id 'token/automount-pods'; did you mean 'token/automount-pod'"],
    ['a short reason', [{ rule: 'token/automount-pod', reason: 'legacy' }], 'is too short'],
    ['an unknown key', [{ rule: 'token/automount-pod', reason: REASON, traget: 'a' }], "unknown key(s) 'traget'"],
  ])('GIVEN an annotation with %s THEN an error finding of guardrails/invalid-suppression and nothing is suppressed', (_, value, message) => {
    const report = runEngine([annotated(value)], tokenRules);
    const invalid = report.findings.filter((f) => f.ruleId === 'guardrails/invalid-suppression');
    expect(invalid).toMatchObject([{ severity: 'error', suppressed: false, path: '/metadata/annotations/guardrails.cdk8s.io~1suppress' }]);
    expect(invalid[0].message).toContain(message);
    expect(report.findings.find((f) => f.ruleId === 'token/automount-pod')?.suppressed).toBe(false);
  });

  test('GIVEN audit mode (ignoreSuppressions) THEN everything is reported unsuppressed', () => {
    const report = runEngine([annotated([{ rule: 'token/automount-pod', reason: REASON }])], { ...tokenRules, ignoreSuppressions: true });
    expect(report.findings.every((f) => !f.suppressed)).toBe(true);
    expect(report.summary.suppressed).toBe(0);
  });

  test('GIVEN suppressions passed with the input (from a construct) THEN they apply like annotations', () => {
    const d = deployment('web', securePodSpec({ automountServiceAccountToken: true }));
    const report = new ComplianceEngine(tokenRules).check([{ manifest: d, suppressions: [{ rule: 'token/automount-pod', reason: REASON }] }]);
    expect(report.findings.find((f) => f.ruleId === 'token/automount-pod')).toMatchObject({ suppressed: true, reason: REASON });
  });
});

describe('Suppressions', () => {
  test.each(['', 'legacy', 'abcdefghijklmnopqrstuvwxyz'])('GIVEN the reason %p THEN it is rejected as not a sentence', (reason) => {
    expect(Suppressions.reasonProblem(reason)).toMatch(/too short/);
  });

  test('GIVEN a sentence THEN the reason is accepted', () => {
    expect(Suppressions.reasonProblem(REASON)).toBeUndefined();
  });

  test('GIVEN a rule name in the wrong family THEN the right id is suggested', () => {
    expect(Suppressions.closeIds('rbac/automount-pod', ['token/automount-pod', 'rbac/wildcard'])).toEqual(['token/automount-pod']);
  });
});

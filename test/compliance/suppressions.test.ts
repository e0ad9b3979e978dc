import { deployment, role, runEngine, securePodSpec } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';
import { INVALID_SUPPRESSION, RuleRegistry } from '../../src/compliance/rules';
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

  test('GIVEN a wrong family name far from the right one in edits THEN the id with the same name is still suggested', () => {
    expect(Suppressions.closeIds('something-long/automount-pod', ['token/automount-pod', 'token/automount-service-account'])).toEqual(['token/automount-pod']);
  });

  test('GIVEN candidates in any input order THEN the suggestions are the three nearest, same name first, ties alphabetical', () => {
    // z/abcd and y/abcd: same name; q/abce: 1 edit; a/xbcd: 2 edits.
    expect(Suppressions.closeIds('q/abcd', ['a/xbcd', 'z/abcd', 'q/abce', 'y/abcd'])).toEqual(['y/abcd', 'z/abcd', 'q/abce']);
    expect(Suppressions.ruleProblem('q/abcd', ['a/xbcd', 'z/abcd', 'q/abce', 'y/abcd'])).toBe("unknown rule id 'q/abcd'; did you mean 'y/abcd', 'z/abcd', 'q/abce'?");
  });

  test('GIVEN a candidate one edit beyond the limit only because of the last character THEN it is not suggested', () => {
    // 30 characters allow 10 edits; these two are 11 apart (10 substitutions and the trailing c).
    expect(Suppressions.closeIds(`${'a'.repeat(29)}c`, [`${'a'.repeat(19)}${'b'.repeat(10)}`])).toEqual([]);
  });

  test('GIVEN text that is not YAML THEN the problem quotes the first line of the parser\'s message only', () => {
    expect(Suppressions.parseAnnotation('[unclosed', RuleRegistry.ids()).problems).toEqual([
      `annotation ${SUPPRESS_ANNOTATION} is not valid JSON or YAML: Flow sequence must end with a ] at line 1, column 10:`,
    ]);
  });

  test('GIVEN entries that are a number or text THEN each must be an object', () => {
    expect(Suppressions.parseAnnotation([3, 'token/automount-pod'], RuleRegistry.ids()).problems).toEqual([
      `annotation ${SUPPRESS_ANNOTATION} entry 0 must be an object { "rule": "<id>", "reason": "<sentence>", "target"?: "<finding target>", "expires"?: "YYYY-MM-DD" }, got 3`,
      `annotation ${SUPPRESS_ANNOTATION} entry 1 must be an object { "rule": "<id>", "reason": "<sentence>", "target"?: "<finding target>", "expires"?: "YYYY-MM-DD" }, got "token/automount-pod"`,
    ]);
  });

  test('GIVEN good entries with and without a target THEN the reasons are trimmed and only a given target is kept', () => {
    const parsed = Suppressions.parseAnnotation([
      { rule: 'token/automount-pod', reason: `  ${REASON} ` },
      { rule: 'token/sidecar-exposure', reason: ` ${REASON}  `, target: 'proxy' },
    ], RuleRegistry.ids());
    expect(parsed).toStrictEqual({
      suppressions: [
        { rule: 'token/automount-pod', reason: REASON },
        { rule: 'token/sidecar-exposure', reason: REASON, target: 'proxy' },
      ],
      problems: [],
    });
  });
});

describe('guardrails/invalid-suppression findings', () => {
  test('GIVEN bad annotation entries THEN each finding explains the entry, ends its sentence once and tells how to fix it', () => {
    const report = runEngine([annotated([
      { rule: 'token/automount-pods', reason: REASON },
      { rule: 'token/automount-pod', reason: REASON, traget: 'a' },
    ])], tokenRules);
    expect(report.findings.filter((f) => f.ruleId === INVALID_SUPPRESSION.id).map((f) => f.message)).toEqual([
      `annotation ${SUPPRESS_ANNOTATION} entry 0: unknown rule id 'token/automount-pods'; did you mean 'token/automount-pod'? ${INVALID_SUPPRESSION.remediation}`,
      `annotation ${SUPPRESS_ANNOTATION} entry 1: unknown key(s) 'traget'; allowed: rule, reason, target, expires. ${INVALID_SUPPRESSION.remediation}`,
    ]);
  });

  test('GIVEN a bad suppression passed with the input (from a construct) THEN its finding points at the object itself', () => {
    const report = new ComplianceEngine(tokenRules).check([{ manifest: deployment('web', securePodSpec()), suppressions: [{ rule: 'token/nope', reason: REASON }] }]);
    expect(report.findings.filter((f) => f.ruleId === INVALID_SUPPRESSION.id).map((f) => [f.path, f.message])).toEqual([
      ['', `suppression on the construct: unknown rule id 'token/nope'. ${INVALID_SUPPRESSION.remediation}`],
    ]);
  });

  test('GIVEN the rule THEN it has no check of its own: the engine reports bad suppressions itself', () => {
    expect(INVALID_SUPPRESSION.check).toBeUndefined();
    expect(INVALID_SUPPRESSION.checkPod).toBeUndefined();
    expect(INVALID_SUPPRESSION.checkContainer).toBeUndefined();
  });
});

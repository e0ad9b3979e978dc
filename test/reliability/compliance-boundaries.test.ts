import { ComplianceEngine } from '../../src/compliance/engine';
import { INVALID_SUPPRESSION, RuleRegistry } from '../../src/compliance/rules';
import { SUPPRESS_ANNOTATION, Suppressions } from '../../src/compliance/suppressions';
import type { Manifest } from '../../src/k8s/manifest';

/**
 * Boundary cases of the compliance engine and of suppressions that mutation testing showed no
 * other test pinned down: each test fails if the condition it names is inverted, dropped or widened.
 */

const IDS = RuleRegistry.ids();
const REASON = 'the operator reads its own TLS secret only';

function serviceAccount(name: string, extra: Record<string, unknown> = {}, annotations?: Record<string, string>): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'apps', ...(annotations ? { annotations } : {}) }, ...extra };
}

describe('suppression reasons and rule ids', () => {
  test.each([
    [undefined, /a reason is required/],
    [42, /a reason is required/],
    ['nineteen characters', /is too short: write a sentence of at least 20 characters/],
    ['twentycharacterslong', /is too short/],
    ['   padded but short   ', /is too short/],
    ['twenty characters ok', undefined],
  ])('reason %j', (reason, problem) => {
    const found = Suppressions.reasonProblem(reason);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  test.each([
    ['', /a rule id is required/],
    [7, /a rule id is required/],
    ['token/automount-pod', undefined],
    ['token/automount-pods', /unknown rule id 'token\/automount-pods'; did you mean 'token\/automount-pod'/],
    ['rbac/automount-pod', /did you mean 'token\/automount-pod'\?$/],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', /^unknown rule id 'z+'$/],
  ])('rule id %j', (id, problem) => {
    const found = Suppressions.ruleProblem(id, IDS);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  test('close ids: at most three, nearest first, ties alphabetical, within max(3, length/3) edits', () => {
    const known = ['a/abcd', 'b/abcd', 'c/abcd', 'd/abcd', 'x/abce', 'x/zzzz'];
    expect(Suppressions.closeIds('q/abcd', known)).toEqual(['a/abcd', 'b/abcd', 'c/abcd']);
    expect(Suppressions.closeIds('x/abcf', ['x/abce', 'x/abcg', 'x/wxyz'])).toEqual(['x/abce', 'x/abcg']);
    expect(Suppressions.closeIds('x/ab', ['x/abcdefgh'])).toEqual([]);
    // 30 characters: up to 10 edits.
    expect(Suppressions.closeIds('a'.repeat(30), ['a'.repeat(19) + 'b'.repeat(11)])).toEqual([]);
    expect(Suppressions.closeIds('a'.repeat(30), ['a'.repeat(20) + 'b'.repeat(10)])).toEqual(['a'.repeat(20) + 'b'.repeat(10)]);
  });
});

describe('suppression annotations', () => {
  test('good entries apply and every bad one is reported, each for its own reason', () => {
    const parsed = Suppressions.parseAnnotation(JSON.stringify([
      { rule: 'token/automount-pod', reason: `  ${REASON}  ` },
      { rule: 'token/automount-pod', reason: REASON, target: 'main' },
      null,
      ['token/automount-pod'],
      { rule: 'token/automount-pod', reason: REASON, why: 'x', when: 'y' },
      { rule: 'token/automount-pod', reason: REASON, target: 3 },
      { rule: 'token/nope', reason: REASON },
      { rule: 'token/automount-pod', reason: 'short' },
    ]), IDS);
    expect(parsed.suppressions).toEqual([
      { rule: 'token/automount-pod', reason: REASON },
      { rule: 'token/automount-pod', reason: REASON, target: 'main' },
    ]);
    expect(parsed.problems).toEqual([
      `annotation ${SUPPRESS_ANNOTATION} entry 2 must be an object { "rule": "<id>", "reason": "<sentence>", "target"?: "<finding target>", "expires"?: "YYYY-MM-DD" }, got null`,
      expect.stringMatching(/entry 3 must be an object .* got \["token\/automount-pod"\]$/),
      `annotation ${SUPPRESS_ANNOTATION} entry 4: unknown key(s) 'why', 'when'; allowed: rule, reason, target, expires`,
      `annotation ${SUPPRESS_ANNOTATION} entry 5: target must be a string, got 3`,
      expect.stringMatching(/entry 6: unknown rule id 'token\/nope'/),
      expect.stringMatching(/entry 7: reason "short" is too short/),
    ]);
  });

  test('one object (not a list), YAML, or an already parsed value are accepted; invalid text is one problem', () => {
    expect(Suppressions.parseAnnotation(`rule: token/automount-pod\nreason: ${REASON}`, IDS).suppressions).toEqual([{ rule: 'token/automount-pod', reason: REASON }]);
    expect(Suppressions.parseAnnotation([{ rule: 'token/automount-pod', reason: REASON }], IDS).suppressions).toHaveLength(1);
    expect(Suppressions.parseAnnotation('[unclosed', IDS)).toEqual({
      suppressions: [],
      problems: [expect.stringMatching(new RegExp(`^annotation ${SUPPRESS_ANNOTATION} is not valid JSON or YAML: `))],
    });
  });

  test('a suppression matches its rule, and its target when it has one', () => {
    const any = { rule: 'token/automount-pod', reason: REASON };
    const targeted = { ...any, target: 'main' };
    expect([
      Suppressions.matches(any, 'token/automount-pod', undefined),
      Suppressions.matches(any, 'token/automount-pod', 'sidecar'),
      Suppressions.matches(any, 'token/automount-service-account', undefined),
      Suppressions.matches(targeted, 'token/automount-pod', 'main'),
      Suppressions.matches(targeted, 'token/automount-pod', 'sidecar'),
      Suppressions.matches(targeted, 'token/automount-pod', undefined),
    ]).toEqual([true, true, false, true, false, false]);
  });
});

describe('engine options', () => {
  test.each([
    [{ maxTokenTtlSeconds: 599 }, /^maxTokenTtlSeconds 599s is below the Kubernetes minimum of 600s \(allowed: 600..4294967296 seconds\)$/],
    [{ maxTokenTtlSeconds: 600.5 }, /^maxTokenTtlSeconds 600.5s is not a whole number of seconds/],
    [{ maxTokenTtlSeconds: '900' }, /^maxTokenTtlSeconds "900" is not a whole number of seconds$/],
    [{ packs: ['nope'] }, /^packs 'nope' is not a compliance pack: use one of tokens, rbac/],
    [{ packs: 'tokens' }, /^packs "tokens" is not a list of pack names/],
    [{ severityOverrides: { 'token/nope': 'error' } }, /^severityOverrides names unknown rule id 'token\/nope'/],
    [{ severityOverrides: { 'token/automount-pod': 'fatal' } }, /^severityOverrides\['token\/automount-pod'\] 'fatal' is not a severity: use one of error, warning, info, off$/],
    [{ namespace: '' }, /^namespace '' is not a valid namespace name/],
    [{ namespace: 7 }, /^namespace 7 is not a namespace name$/],
  ])('%j is refused', (options, message) => {
    expect(() => new ComplianceEngine(options as any)).toThrow(message);
  });

  test('600 s is the smallest accepted maximum TTL', () => {
    expect(() => new ComplianceEngine({ maxTokenTtlSeconds: 600 })).not.toThrow();
  });

  test('across packs the most serious severity wins; overrides change, add or turn off a rule', () => {
    const severityOf = (engine: ComplianceEngine, id: string) => engine.rules.find((r) => r.rule.id === id)?.severity;
    const defaults = new ComplianceEngine({ packs: ['tokens'] });
    expect(severityOf(defaults, 'token/automount-pod')).toBe(RuleRegistry.get('token/automount-pod')!.defaultSeverity);
    expect(severityOf(defaults, 'rbac/wildcard')).toBeUndefined();
    const overridden = new ComplianceEngine({ packs: ['tokens'], severityOverrides: { 'token/automount-pod': 'info', 'rbac/wildcard': 'warning', 'token/sidecar-exposure': 'off' } });
    expect(severityOf(overridden, 'token/automount-pod')).toBe('info');
    expect(severityOf(overridden, 'rbac/wildcard')).toBe('warning');
    expect(severityOf(overridden, 'token/sidecar-exposure')).toBeUndefined();
    expect(overridden.rules.map((r) => r.rule.id)).not.toContain(INVALID_SUPPRESSION.id);
    // The rules run in catalogue order, whatever the order of the packs.
    const both = new ComplianceEngine({ packs: ['rbac', 'tokens'] }).rules.map((r) => r.rule.id);
    expect(both.indexOf('token/automount-pod')).toBeLessThan(both.indexOf('rbac/wildcard'));
  });
});

describe('engine findings', () => {
  const automountFinding = (name: string) => ({ ruleId: 'token/automount-service-account', name });

  test('findings are ordered by object, then rule id; the summary counts each severity and the suppressed ones', () => {
    const report = new ComplianceEngine({ packs: ['tokens'], severityOverrides: { 'token/legacy-token-secret': 'info' } }).check([
      { manifest: serviceAccount('b') },
      { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy', namespace: 'apps' }, type: 'kubernetes.io/service-account-token' } },
      { manifest: serviceAccount('a', {}, { [SUPPRESS_ANNOTATION]: JSON.stringify([{ rule: 'token/automount-service-account', reason: REASON }]) }) },
    ]);
    expect(report.findings.map((f) => ({ ruleId: f.ruleId, name: f.object.name }))).toEqual([
      automountFinding('b'),
      { ruleId: 'token/legacy-token-secret', name: 'legacy' },
      automountFinding('a'),
    ]);
    expect(report.findings.map((f) => [f.suppressed, f.reason])).toEqual([[false, undefined], [false, undefined], [true, REASON]]);
    expect(report.summary).toEqual({ objects: 3, errors: 1, warnings: 0, infos: 1, suppressed: 1 });
  });

  test('ignoreSuppressions reports suppressed findings as open but still validates suppressions', () => {
    const report = new ComplianceEngine({ packs: ['tokens'], ignoreSuppressions: true }).check([
      { manifest: serviceAccount('a', {}, { [SUPPRESS_ANNOTATION]: JSON.stringify([{ rule: 'token/automount-service-account', reason: REASON }, { rule: 'token/typo', reason: REASON }]) }) },
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([
      [INVALID_SUPPRESSION.id, false],
      ['token/automount-service-account', false],
    ]);
    expect(report.findings.find((f) => f.ruleId === INVALID_SUPPRESSION.id)!.path).toBe('/metadata/annotations/guardrails.cdk8s.io~1suppress');
  });

  test('construct suppressions are validated like annotations', () => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: serviceAccount('a'), suppressions: [{ rule: 'token/automount-service-account', reason: 'short' }] },
      { manifest: serviceAccount('b'), suppressions: [{ rule: 'token/automount-service-account', reason: REASON }] },
    ]);
    expect(report.findings.map((f) => `${f.object.name} ${f.ruleId} ${f.suppressed}`)).toEqual([
      `a ${INVALID_SUPPRESSION.id} false`,
      'a token/automount-service-account false',
      'b token/automount-service-account true',
    ]);
    expect(report.findings[0].message).toMatch(/^suppression on the construct: reason "short" is too short.* /);
  });

  test('a finding carries the source and leaves out what is unknown', () => {
    const [withSource, bare] = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: serviceAccount('a'), source: { file: 'x.yaml', line: 3, constructPath: 'app/sa' } },
      { manifest: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'b' } } },
    ]).findings;
    expect(withSource).toMatchObject({ file: 'x.yaml', line: 3, constructPath: 'app/sa', object: { apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'apps', name: 'a' } });
    expect(Object.keys(bare).sort()).toEqual(['message', 'object', 'path', 'ruleId', 'severity', 'suppressed']);
    // Namespace-less, it lives in `default`, where kubectl apply puts it.
    expect(bare.object).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'default', name: 'b' });
  });

  test('inputs that are not Kubernetes objects are input errors with their source; the others are checked', () => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: null as any, source: { file: 'x.yaml', line: 1 } },
      { manifest: { kind: 'ServiceAccount', metadata: { name: 'no-version' } } as any, source: { file: 'x.yaml', line: 5 } },
      { manifest: serviceAccount('ok') },
    ]);
    expect(report.inputErrors).toEqual([
      expect.objectContaining({ file: 'x.yaml', line: 1 }),
      expect.objectContaining({ file: 'x.yaml', line: 5, message: expect.stringContaining('apiVersion') }),
    ]);
    expect(report.summary.objects).toBe(1);
    expect(report.findings.map((f) => f.object.name)).toEqual(['ok']);
  });
});

describe('engine input checks', () => {
  test.each([
    [[], 'not a Kubernetes object (got an array)'],
    ['text', 'not a Kubernetes object (got string)'],
    [{ apiVersion: '', kind: 'ServiceAccount', metadata: { name: 'a' } }, 'not a Kubernetes object: apiVersion is missing'],
    [{ apiVersion: 1, kind: 'ServiceAccount', metadata: { name: 'a' } }, 'not a Kubernetes object: apiVersion is missing'],
    [{ apiVersion: 'v1', kind: '', metadata: { name: 'a' } }, 'not a Kubernetes object: kind is missing'],
    [{ apiVersion: 'v1', metadata: { name: 'a' } }, 'not a Kubernetes object: kind is missing'],
    [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: null }, 'ServiceAccount has no metadata.name'],
    [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: '' } }, 'ServiceAccount has no metadata.name'],
    [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', namespace: 5 } }, "ServiceAccount 'a' has a metadata.namespace that is not a string"],
    [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', annotations: null } }, "ServiceAccount 'a' has metadata.annotations that is not a map"],
    [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a', annotations: 'x' } }, "ServiceAccount 'a' has metadata.annotations that is not a map"],
  ])('%j is an input error: %s', (manifest, message) => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([{ manifest: manifest as any }]);
    expect(report.inputErrors.map((e) => e.message)).toEqual([expect.stringContaining(message)]);
    expect(report.summary.objects).toBe(0);
  });

  test('a warning is counted as a warning, an info as an info', () => {
    const report = new ComplianceEngine({ packs: [], severityOverrides: { 'token/automount-service-account': 'warning', 'token/legacy-token-secret': 'info' } }).check([
      { manifest: serviceAccount('a') },
      { manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/service-account-token' } },
    ]);
    expect(report.summary).toEqual({ objects: 2, errors: 0, warnings: 1, infos: 1, suppressed: 0 });
  });

  test('findings of one rule on one object are ordered by path, then target', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'apps' },
      spec: { containers: [{ name: 'b', image: 'b:latest' }, { name: 'a', image: 'a:latest' }] },
    };
    const paths = new ComplianceEngine({ packs: [], severityOverrides: { 'hardening/image-tag': 'warning' } }).check([{ manifest: pod as any }]).findings.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toHaveLength(2);
  });
});

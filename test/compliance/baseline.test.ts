import { Baselines, BaselineError } from '../../src/compliance/baseline';
import type { Finding, Report } from '../../src/compliance/model';

function finding(extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'rbac/secrets-access',
    severity: 'warning',
    suppressed: false,
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'vendor' },
    file: 'vendor/install.yaml',
    line: 12,
    path: '/rules/0/verbs/0',
    message: 'Grants get on secrets.',
    target: 'get secrets',
    ...extra,
  };
}

function report(findings: Finding[]): Report {
  return { summary: { objects: 3, errors: 0, warnings: 0, infos: 0, suppressed: 0 }, findings, inputErrors: [] };
}

describe('Baselines', () => {
  test('GIVEN a finding THEN its entry is its identity: rule, API group (not version), kind, namespace, name, field, target', () => {
    expect(Baselines.entryOf(finding({ object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } }))).toEqual({
      ruleId: 'rbac/secrets-access', object: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' }, path: '/rules/0/verbs/0', target: 'get secrets', message: 'Grants get on secrets.',
    });
    expect(Baselines.entryOf(finding({ object: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, target: undefined })).object).toEqual({ group: '', kind: 'Pod', name: 'p' });
  });

  test('GIVEN the same finding on another line, in another file, with another message or API version THEN the key is the same; any identity field changes it', () => {
    const key = Baselines.key(Baselines.entryOf(finding()));
    for (const moved of [{ line: 99 }, { file: 'other.yaml' }, { message: 'reworded' }, { object: { ...finding().object, apiVersion: 'rbac.authorization.k8s.io/v1beta1' } }]) {
      expect(Baselines.key(Baselines.entryOf(finding(moved)))).toBe(key);
    }
    const others = [{ ruleId: 'rbac/wildcard' }, { path: '/rules/1/verbs/0' }, { target: 'list secrets' }, { object: { ...finding().object, name: 'x' } },
      { object: { ...finding().object, namespace: 'ns' } }, { object: { ...finding().object, kind: 'Role' } }, { object: { ...finding().object, apiVersion: 'v1' } }];
    const keys = others.map((o) => Baselines.key(Baselines.entryOf(finding(o))));
    expect(new Set([key, ...keys]).size).toBe(others.length + 1);
  });

  test('GIVEN findings THEN the baseline holds each unsuppressed one once, in a stable order, and reads back', () => {
    const findings = [finding({ target: 'list secrets' }), finding(), finding({ line: 40 }), finding({ ruleId: 'rbac/wildcard', suppressed: true, reason: 'x' })];
    const entries = Baselines.entriesOf(findings);
    expect(entries.map((e) => e.target)).toEqual(['get secrets', 'list secrets']);
    expect(Baselines.entriesOf([...findings].reverse())).toEqual(entries);
    const text = Baselines.serialize(entries);
    expect(JSON.parse(text)).toMatchObject({ version: 1, tool: 'cdk8s-guardrails' });
    expect(Baselines.parse(text)).toEqual(entries);
  });

  test('GIVEN a report and a baseline THEN known findings are baselined and counted apart, new ones count, and missing ones are fixed', () => {
    const old = finding();
    const gone = finding({ ruleId: 'rbac/wildcard', path: '/rules/0/verbs', target: undefined });
    const fresh = finding({ ruleId: 'rbac/create-pods', severity: 'error', target: 'create pods' });
    const suppressed = finding({ target: 'watch secrets', suppressed: true, reason: 'Watches its own TLS Secret by name.' });
    const judged = Baselines.apply(report([old, fresh, suppressed]), Baselines.entriesOf([old, gone, { ...suppressed, suppressed: false }]));
    expect(judged.findings.map((f) => f.baselined === true)).toEqual([true, false, false]);
    expect(judged.summary).toEqual({ objects: 3, errors: 1, warnings: 0, infos: 0, suppressed: 0, baselined: 1 });
    expect(judged.fixed!.map((e) => e.ruleId)).toEqual(['rbac/wildcard']);
  });

  test.each([
    ['not json', /^is not JSON/],
    ['{"version": 2, "findings": []}', /is not a cdk8s-guardrails baseline/],
    ['{"version": 1, "findings": [{"ruleId": "x"}]}', /^findings\[0\] is not a baseline entry/],
  ])('GIVEN a bad baseline file %s THEN a BaselineError says what is wrong', (text, message) => {
    expect(() => Baselines.parse(text)).toThrow(BaselineError);
    expect(() => Baselines.parse(text)).toThrow(message);
  });
});

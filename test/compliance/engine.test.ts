import { deployment, role, runEngine, securePodSpec, serviceAccount } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';

const secureApp = () => [
  serviceAccount('web'),
  deployment('web', securePodSpec()),
];

describe('ComplianceEngine', () => {
  test('GIVEN no options THEN it runs the recommended pack', () => {
    const ids = new ComplianceEngine().rules.map((r) => r.rule.id);
    expect(ids).toContain('token/automount-pod');
    expect(ids).toContain('rbac/wildcard');
    expect(ids.some((id) => id.startsWith('pss/'))).toBe(true);
    expect(ids.some((id) => id.startsWith('hardening/'))).toBe(true);
  });

  test('GIVEN a pod with automount unset and a wildcard Role THEN the report names both, with a summary', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec();
    const report = runEngine([serviceAccount('web'), deployment('web', spec), role('all', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }])], { packs: ['tokens', 'rbac'] });
    expect(report.findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}`)).toEqual([
      'token/automount-pod Deployment/web',
      'rbac/wildcard Role/all',
    ]);
    expect(report.summary).toEqual({ objects: 3, errors: 2, warnings: 0, infos: 0, suppressed: 0 });
  });

  test('GIVEN findings on several objects THEN they are sorted by input order, then rule id, then path', () => {
    const report = runEngine([
      deployment('b', { containers: [{ name: 'c', image: 'x:1' }] }),
      deployment('a', { containers: [{ name: 'c', image: 'x:1' }] }),
    ], { packs: ['tokens'] });
    const keys = report.findings.map((f) => `${f.object.name} ${f.ruleId}`);
    expect(keys).toEqual([...keys].sort((x, y) => (x[0] === y[0] ? (x < y ? -1 : 1) : x[0] === 'b' ? -1 : 1)));
    expect(keys[0].startsWith('b ')).toBe(true);
  });

  test('GIVEN a severity override THEN the finding takes that severity, and `off` disables the rule', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec();
    const manifests = [serviceAccount('web'), deployment('web', spec)];
    const downgraded = runEngine(manifests, { packs: ['tokens'], severityOverrides: { 'token/automount-pod': 'warning' } });
    expect(downgraded.findings.find((f) => f.ruleId === 'token/automount-pod')?.severity).toBe('warning');
    expect(downgraded.summary.errors).toBe(0);
    const off = runEngine(manifests, { packs: ['tokens'], severityOverrides: { 'token/automount-pod': 'off' } });
    expect(off.findings.filter((f) => f.ruleId === 'token/automount-pod')).toEqual([]);
  });

  test('GIVEN an override for a rule outside the chosen packs THEN it turns the rule on', () => {
    const report = runEngine([role('all', [{ apiGroups: ['*'], resources: ['pods'], verbs: ['get'] }])], { packs: ['tokens'], severityOverrides: { 'rbac/wildcard': 'info' } });
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['rbac/wildcard', 'info']]);
    expect(report.summary.infos).toBe(1);
  });

  test('GIVEN the maximum token TTL option THEN token/projected-ttl follows it', () => {
    const spec = securePodSpec({ volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 1200 } }] } }] });
    expect(runEngine([deployment('web', spec)], { packs: ['tokens'], maxTokenTtlSeconds: 900 }).findings.map((f) => f.ruleId)).toContain('token/projected-ttl');
    expect(runEngine([deployment('web', spec)], { packs: ['tokens'], maxTokenTtlSeconds: 1200 }).findings.map((f) => f.ruleId)).not.toContain('token/projected-ttl');
  });

  test.each([
    [{ packs: ['recomended'] }, /Unknown compliance pack 'recomended': use one of tokens, rbac/],
    [{ severityOverrides: { 'token/automount-pods': 'error' as const } }, /unknown rule id 'token\/automount-pods'; did you mean 'token\/automount-pod'/],
    [{ severityOverrides: { 'token/automount-pod': 'fatal' as any } }, /'fatal' is not a severity; use one of error, warning, info, off/],
    [{ maxTokenTtlSeconds: 300 }, /maxTokenTtlSeconds 300 is not valid: .* at least the Kubernetes minimum of 600/],
  ])('GIVEN bad options %p THEN a clear error', (options, message) => {
    expect(() => new ComplianceEngine(options)).toThrow(message);
  });

  test('GIVEN documents that are not Kubernetes objects THEN they become input errors with their source and the rest is checked', () => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: 42 as any, source: { file: 'a.yaml', line: 3 } },
      { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } as any, source: { constructPath: 'app/chart/cm' } },
      ...secureApp().map((manifest) => ({ manifest })),
    ]);
    expect(report.inputErrors).toEqual([
      { file: 'a.yaml', line: 3, message: 'not a Kubernetes object (got number)' },
      { message: 'app/chart/cm: ConfigMap has no metadata.name' },
    ]);
    expect(report.summary.objects).toBe(2);
    expect(report.findings).toEqual([]);
  });

  test('GIVEN a construct path or file and line on the input THEN the finding carries it', () => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: serviceAccount('web', {}), source: { constructPath: 'app/chart/sa/Resource' } },
      { manifest: serviceAccount('db', {}, 'data'), source: { file: 'sa.yaml', line: 7 } },
    ]);
    expect(report.findings.map((f) => [f.constructPath, f.file, f.line, f.object.namespace])).toEqual([
      ['app/chart/sa/Resource', undefined, undefined, undefined],
      [undefined, 'sa.yaml', 7, 'data'],
    ]);
  });

  test('GIVEN RBAC rules are off THEN effective access is never computed', () => {
    // A binding whose subjects are not an array would only matter to effective access.
    const report = runEngine([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: 'oops' }], { packs: ['pss-baseline'] });
    expect(report.inputErrors).toEqual([]);
  });
});

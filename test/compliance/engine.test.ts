import { deployment, role, runEngine, securePodSpec, serviceAccount } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Severity } from '../../src/compliance/model';
import { Pack, Packs } from '../../src/compliance/packs';
import type { Violation } from '../../src/compliance/rule';
import { RuleRegistry } from '../../src/compliance/rules';

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
    [{ packs: ['recomended'] }, /packs 'recomended' is not a compliance pack: use one of tokens, rbac/],
    [{ severityOverrides: { 'token/automount-pods': 'error' as const } }, /unknown rule id 'token\/automount-pods'; did you mean 'token\/automount-pod'/],
    [{ severityOverrides: { 'token/automount-pod': 'fatal' as any } }, /severityOverrides\['token\/automount-pod'\] 'fatal' is not a severity: use one of error, warning, info, off/],
    [{ maxTokenTtlSeconds: 300 }, /maxTokenTtlSeconds 300s is below the Kubernetes minimum of 600s/],
    [{ maxTokenTtlSeconds: 2 ** 32 + 1 }, /maxTokenTtlSeconds 4294967297s is above the Kubernetes maximum/],
    [{ namespace: 'Team_A' }, /namespace 'Team_A' is not a valid namespace name/],
    [{ failOn: 'fatal' as any }, /failOn 'fatal' is not allowed: use one of error, warning, info, never/],
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
      ['app/chart/sa/Resource', undefined, undefined, 'default'],
      [undefined, 'sa.yaml', 7, 'data'],
    ]);
  });

  test('GIVEN RBAC rules are off THEN effective access is never computed', () => {
    // A binding whose subjects are not an array would only matter to effective access.
    const report = runEngine([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: 'oops' }], { packs: ['pss-baseline'] });
    expect(report.inputErrors).toEqual([]);
  });

  test('GIVEN two packs that give a rule different severities THEN the most serious wins, in either order', () => {
    const pack = (name: string, severity: Severity): Pack => ({ name, description: name, rules: [{ ruleId: 'token/automount-pod', severity }] });
    const packs: Record<string, Pack> = { lax: pack('lax', 'info'), mid: pack('mid', 'warning'), strict: pack('strict', 'error') };
    const spy = jest.spyOn(Packs, 'get').mockImplementation((name) => packs[name]);
    try {
      const severityWith = (names: string[]) => new ComplianceEngine({ packs: names }).rules.map((r) => `${r.rule.id} ${r.severity}`);
      expect(severityWith(['lax', 'strict'])).toEqual(['token/automount-pod error']);
      expect(severityWith(['strict', 'lax'])).toEqual(['token/automount-pod error']);
      expect(severityWith(['mid', 'lax'])).toEqual(['token/automount-pod warning']);
      expect(severityWith(['lax', 'mid'])).toEqual(['token/automount-pod warning']);
    } finally {
      spy.mockRestore();
    }
  });

  test('GIVEN no TTL or Pod Security version THEN every rule gets the documented defaults: 3600 s and latest', () => {
    const rule = RuleRegistry.get('rbac/wildcard')!;
    const spy = jest.spyOn(rule, 'check').mockReturnValue([]);
    try {
      new ComplianceEngine({ packs: ['rbac'] }).check([{ manifest: serviceAccount('web') }]);
      expect(spy.mock.calls.map(([, options]) => options)).toEqual([{ maxTokenTtlSeconds: 3600, podSecurityVersion: 'latest' }]);
    } finally {
      spy.mockRestore();
    }
  });

  test('GIVEN a missing input (undefined in the list) THEN it is an input error, not an exception', () => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([undefined as any, { manifest: serviceAccount('web') }]);
    expect(report.inputErrors).toStrictEqual([{ message: 'not a Kubernetes object (got undefined)' }]);
    expect(report.summary.objects).toBe(1);
  });

  test.each([
    [null, 'not a Kubernetes object (got null)'],
    [[], 'not a Kubernetes object (got an array)'],
    [{ apiVersion: 'v1', kind: 'ConfigMap' }, 'ConfigMap has no metadata.name'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: 'cm' }, 'ConfigMap has no metadata.name'],
  ])('GIVEN the manifest %j THEN the input error says why, with only the source fields it has', (manifest, message) => {
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([
      { manifest: manifest as any },
      { manifest: manifest as any, source: { file: 'a.yaml' } },
      { manifest: manifest as any, source: { line: 9 } },
    ]);
    expect(report.inputErrors).toStrictEqual([{ message }, { file: 'a.yaml', message }, { line: 9, message }]);
  });

  test('GIVEN a namespaced object without a namespace THEN its findings name it in `default`, or in the run\'s namespace (kubectl apply -n), and the report says how many took it', () => {
    const [finding] = runEngine([serviceAccount('web', {})], { packs: [], severityOverrides: { 'token/automount-service-account': 'error' } }).findings;
    expect(finding.object).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'default', name: 'web' });
    const report = runEngine([serviceAccount('web', {}), serviceAccount('db', {}, 'data')], { packs: [], severityOverrides: { 'token/automount-service-account': 'error' }, namespace: 'argocd' });
    expect(report.findings.map((f) => f.object.namespace)).toEqual(['argocd', 'data']);
    expect(report.defaultedNamespace).toEqual({ namespace: 'argocd', objects: 1 });
    expect(runEngine([serviceAccount('db', {}, 'data')]).defaultedNamespace).toBeUndefined();
  });

  test('GIVEN a cluster-scoped object THEN its findings\' object reference has no namespace key at all, even when the manifest writes one', () => {
    const [finding] = runEngine([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'all', namespace: 'ignored' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }],
      { packs: [], severityOverrides: { 'rbac/wildcard': 'error' } }).findings;
    expect(Object.keys(finding.object)).toEqual(['apiVersion', 'kind', 'name']);
  });

  test('GIVEN an input whose source can locate fields THEN each finding has the line and column of its own field', () => {
    const located = { file: 'x.yaml', line: 1, locate: (pointer: string) => ({ line: pointer.split('/').length, column: 7 }) };
    const report = new ComplianceEngine({ packs: ['tokens'] }).check([{ manifest: serviceAccount('web', {}), source: located }]);
    expect(report.findings.map((f) => [f.path, f.line, f.column])).toEqual([['/automountServiceAccountToken', 2, 7]]);
  });

  test('GIVEN many objects, one with a finding THEN only that object\'s fields are located (locating costs only where there is something to show)', () => {
    const asked: string[] = [];
    const source = (name: string) => ({ file: 'x.yaml', line: 1, locate: (pointer: string) => { asked.push(`${name} ${pointer}`); return { line: 2, column: 3 }; } });
    const inputs = [
      { manifest: serviceAccount('web', {}), source: source('web') },
      ...['a', 'b', 'c'].map((name) => ({ manifest: serviceAccount(name), source: source(name) })),
    ];
    const report = new ComplianceEngine({ packs: ['tokens'] }).check(inputs);
    expect(report.findings.map((f) => f.object.name)).toEqual(['web']);
    expect(asked).toEqual(['web /automountServiceAccountToken']);
  });

  test('GIVEN a rule that reports several violations on one object and pointer, out of order THEN one finding per pointer, sorted by path, covering each target once in the order reported', () => {
    const rule = RuleRegistry.get('rbac/wildcard')!;
    const violations: Violation[] = [
      { objectIndex: 0, path: '/rules/1', message: 'm' },
      { objectIndex: 0, path: '/rules/0', message: 'm', target: 'b' },
      { objectIndex: 0, path: '/rules/0', message: 'm', target: 'A' },
      { objectIndex: 0, path: '/rules/0', message: 'm' },
      { objectIndex: 0, path: '/rules/0', message: 'm', target: 'A' },
    ];
    const spy = jest.spyOn(rule, 'check').mockReturnValue(violations);
    try {
      const report = runEngine([role('r', [])], { packs: ['rbac'] });
      expect(report.findings.filter((f) => f.ruleId === 'rbac/wildcard').map((f) => `${f.path} ${f.target ?? f.targets?.join(',') ?? '-'} ${f.message}`)).toEqual([
        '/rules/0 b,A m', '/rules/1 - m',
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  test('GIVEN violations at one pointer, some lowered (narrowed by resourceNames) THEN two findings: the full severity and one level less', () => {
    const rule = RuleRegistry.get('rbac/secrets-access')!;
    const violations: Violation[] = [
      { objectIndex: 0, path: '/rules/0', message: 'all', target: 'get secrets' },
      { objectIndex: 0, path: '/rules/0', message: 'named', target: 'list secrets', lowered: true },
      { objectIndex: 0, path: '/rules/0', message: 'all', target: 'watch secrets' },
    ];
    const spy = jest.spyOn(rule, 'check').mockReturnValue(violations);
    try {
      const report = runEngine([role('r', [])], { packs: ['rbac'] });
      expect(report.findings.filter((f) => f.ruleId === 'rbac/secrets-access').map((f) => [f.severity, f.target ?? f.targets, f.message])).toEqual([
        ['warning', ['get secrets', 'watch secrets'], 'all'],
        ['info', 'list secrets', 'named'],
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

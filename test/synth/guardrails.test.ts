import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Include, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ReportFormat, Reporters } from '../../src/compliance/report';
import { FailOn, Guardrails } from '../../src/synth/guardrails';

/** A raw Deployment that passes every rule of `recommended`. */
function compliantDeployment(extraPodSpec: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: 'web',
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'web',
            image: 'registry.example.com/web:1.2.3@sha256:' + 'a'.repeat(64),
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
          }],
          ...extraPodSpec,
        },
      },
    },
  };
}

const compliantServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false };

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-'));
}

function brokenChart(app: App, id = 'broken'): Chart {
  const chart = new Chart(app, id);
  const deployment = compliantDeployment();
  delete deployment.spec.template.spec.automountServiceAccountToken;
  new ApiObject(chart, 'raw-deployment', deployment);
  new ApiObject(chart, 'sa', compliantServiceAccount);
  new ApiObject(chart, 'everything', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'everything' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] });
  new ApiObject(chart, 'legacy-token', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-token', annotations: { 'kubernetes.io/service-account.name': 'web' } }, type: 'kubernetes.io/service-account-token' });
  return chart;
}

let errorSpy: jest.SpyInstance;
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorSpy.mockRestore());

describe('Guardrails.of(app).check()', () => {
  test('GIVEN a chart with a raw Deployment with automount unset, a Role with `*` and a token Secret WHEN app.synth() THEN it fails naming each, and writes no YAML', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    brokenChart(app);
    Guardrails.of(app).check();
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    // The same text report as the CLI's: each object with the construct that emitted it, then its findings.
    expect(message).toMatch(/\n  Deployment default\/web \(construct broken\/raw-deployment\)\n(    .*\n)*    ERROR   token\/automount-pod \/spec\/template\/spec\/automountServiceAccountToken\n/);
    expect(message).toMatch(/\n  Role default\/everything \(construct broken\/everything\)\n(    .*\n)*    ERROR   rbac\/wildcard \[\* configmaps\] \/rules\/0\n/);
    expect(message).toMatch(/\n  Secret default\/web-token \(construct broken\/legacy-token\)\n(    .*\n)*    ERROR   token\/legacy-token-secret \/type\n/);
    expect(message).toMatch(/^cdk8s-guardrails: \d+ finding\(s\) at or above error \(packs: recommended\):\nbroken\n/);
    expect(message).toContain('Set automountServiceAccountToken: false in the pod spec');
    expect(fs.readdirSync(outdir)).toEqual([]);
    expect(app.outdir).toBe(outdir);
  });

  test('GIVEN the same chart fixed WHEN app.synth() THEN it passes and writes the YAML', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const chart = new Chart(app, 'fixed');
    new ApiObject(chart, 'raw-deployment', compliantDeployment());
    new ApiObject(chart, 'sa', compliantServiceAccount);
    new ApiObject(chart, 'read-config', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'read-config' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
    Guardrails.of(app).check();
    expect(() => app.synth()).not.toThrow();
    expect(fs.readFileSync(path.join(outdir, 'fixed.k8s.yaml'), 'utf8')).toContain('automountServiceAccountToken: false');
    expect(errorSpy).not.toHaveBeenCalled();
  });

  test('GIVEN a chart created after check() and one before THEN both are checked, in one run', () => {
    const app = new App({ outdir: tmpdir() });
    const before = new Chart(app, 'before');
    new ApiObject(before, 'sa', compliantServiceAccount);
    Guardrails.of(app).check({ packs: ['tokens'] });
    const after = new Chart(app, 'after');
    new ApiObject(after, 'sa2', { ...compliantServiceAccount, metadata: { name: 'other' }, automountServiceAccountToken: true });
    expect(() => app.synthYaml()).toThrow(/ServiceAccount default\/other \(construct after\/sa2\)\n    ERROR   token\/automount-service-account/);
  });

  test('GIVEN Testing.synth on one chart of a guarded app THEN that chart fails on its own', () => {
    const app = Testing.app();
    Guardrails.of(app).check();
    const chart = brokenChart(app);
    expect(() => Testing.synth(chart)).toThrow(/token\/legacy-token-secret/);
  });

  test('GIVEN an unguarded app WHEN the hook is installed by another app THEN it synthesizes as before', () => {
    Guardrails.of(Testing.app()).check();
    const chart = brokenChart(Testing.app());
    expect(Testing.synth(chart)).toHaveLength(4);
  });

  test('GIVEN nested charts and objects from Include THEN every object is checked with its construct path', () => {
    const dir = tmpdir();
    const file = path.join(dir, 'vendor.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: vendor\n');
    const app = new App({ outdir: dir });
    const parent = new Chart(app, 'parent');
    const child = new Chart(parent, 'child');
    new Include(child, 'vendor', { url: file });
    Guardrails.of(app).check({ packs: ['tokens'] });
    expect(() => app.synth()).toThrow(/ServiceAccount default\/vendor \(construct parent\/child\/vendor\/vendor-serviceaccount\)/);
  });

  test('GIVEN the FOLDER_PER_CHART_FILE_PER_RESOURCE output (no chart toJson) THEN it is still checked', () => {
    const app = new App({ outdir: tmpdir(), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    brokenChart(app);
    Guardrails.of(app).check();
    expect(() => app.synth()).toThrow(/rbac\/wildcard/);
  });

  test('GIVEN findings below failOn THEN they are printed once per synth, not thrown', () => {
    const app = new App({ outdir: tmpdir() });
    for (const id of ['one', 'two']) {
      const chart = new Chart(app, id);
      new ApiObject(chart, 'd', compliantDeployment({ serviceAccountName: `missing-${id}` }));
    }
    Guardrails.of(app).check();
    app.synth();
    expect(errorSpy).toHaveBeenCalledTimes(1);
    expect(errorSpy.mock.calls[0][0]).toMatch(/token\/service-account-exists.*\n.*\n.*token\/service-account-exists/s);
  });

  test('GIVEN failOn WARNING THEN a warning fails synth; failOn NEVER THEN nothing does', () => {
    const app = new App({ outdir: tmpdir() });
    new ApiObject(new Chart(app, 'c'), 'd', compliantDeployment({ serviceAccountName: 'missing' }));
    Guardrails.of(app).check({ failOn: FailOn.WARNING });
    expect(() => app.synth()).toThrow(/WARNING token\/service-account-exists/);
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    expect(() => app.synth()).not.toThrow();
    expect(errorSpy).not.toHaveBeenCalled();
  });

  test('GIVEN reports WHEN app.synth() validates 1+N times THEN each report is written once, covering every chart', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    for (const id of ['one', 'two', 'three']) new ApiObject(new Chart(app, id), 'sa', { ...compliantServiceAccount, metadata: { name: id } });
    Guardrails.of(app).check({ packs: ['tokens'], reports: [ReportFormat.JSON, ReportFormat.SARIF] });
    const renderSpy = jest.spyOn(Reporters, 'render');
    try {
      app.synth();
      expect(renderSpy.mock.calls.map(([format]) => format)).toEqual([ReportFormat.JSON, ReportFormat.SARIF]);
    } finally {
      renderSpy.mockRestore();
    }
    expect(fs.readdirSync(outdir).filter((f) => f.startsWith('guardrails-report')).sort()).toEqual(['guardrails-report.json', 'guardrails-report.sarif']);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf8'));
    expect(report.summary.objects).toBe(3);
  });

  test('GIVEN a failing synth with reports THEN the reports are written to the outdir, the YAML is not', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    brokenChart(app);
    Guardrails.of(app).check({ reports: [ReportFormat.JSON] });
    expect(() => app.synth()).toThrow(/rbac\/wildcard/);
    expect(fs.readdirSync(outdir)).toEqual(['guardrails-report.json']);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf8')).summary.errors).toBeGreaterThanOrEqual(3);
  });

  test('GIVEN a passing synth in FOLDER_PER_CHART_FILE_PER_RESOURCE mode over an existing outdir THEN the files land where cdk8s puts them', () => {
    const outdir = tmpdir();
    fs.mkdirSync(path.join(outdir, 'fixed'));
    fs.writeFileSync(path.join(outdir, 'fixed', 'ServiceAccount.web.k8s.yaml'), 'stale');
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const chart = new Chart(app, 'fixed');
    new ApiObject(chart, 'sa', compliantServiceAccount);
    Guardrails.of(app).check({ packs: ['tokens'] });
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['fixed']);
    expect(fs.readFileSync(path.join(outdir, 'fixed', 'ServiceAccount.web.k8s.yaml'), 'utf8')).toContain('automountServiceAccountToken: false');
  });

  test('GIVEN a maximum token TTL and a severity override THEN they apply', () => {
    const app = new App({ outdir: tmpdir() });
    const volume = { name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 1800 } }] } };
    new ApiObject(new Chart(app, 'c'), 'd', compliantDeployment({ volumes: [volume] }));
    Guardrails.of(app).check({ packs: ['tokens'], maxTokenTtl: Duration.minutes(20), severityOverrides: { 'token/unnecessary-token': 'off', 'token/service-account-exists': 'off' } });
    expect(() => app.synth()).toThrow(/token\/projected-ttl.*above the maximum of 1200s/s);
    Guardrails.of(app).check({ packs: ['tokens'], maxTokenTtl: Duration.minutes(30), severityOverrides: { 'token/unnecessary-token': 'off', 'token/service-account-exists': 'off' } });
    expect(() => app.synth()).not.toThrow();
  });

  test('GIVEN bad options THEN check() throws naming the problem', () => {
    expect(() => Guardrails.of(Testing.app()).check({ packs: ['pss-restrictd'] })).toThrow(/Guardrails.check on 'app': packs 'pss-restrictd' is not a compliance pack/);
    expect(() => Guardrails.of(Testing.app()).check({ maxTokenTtl: Duration.minutes(5) })).toThrow(/maxTokenTtlSeconds 300s is below the Kubernetes minimum of 600s/);
    expect(() => Guardrails.of(Testing.app()).check({ namespace: 'Team_A' })).toThrow(/Guardrails.check on 'app': namespace 'Team_A' is not a valid namespace name/);
    expect(() => Guardrails.of(Testing.app()).check({ podSecurityVersion: 'v1.2' })).toThrow(/Guardrails.check on 'app': podSecurityVersion 'v1.2' is not supported/);
  });
});

describe('byte-identical output', () => {
  function plusApp(outdir: string): App {
    const app = new App({ outdir });
    const chart = new Chart(app, 'web');
    new kplus.Deployment(chart, 'web', {
      spread: true,
      containers: [{ image: 'nginx:1.27', portNumber: 8080 }],
    });
    return app;
  }

  test('GIVEN toJson of a spread Deployment is not idempotent THEN calling it twice changes the output (what the guardrails must avoid)', () => {
    const chart = Testing.chart();
    new kplus.Deployment(chart, 'web', { spread: true, containers: [{ image: 'nginx:1.27' }] });
    expect(JSON.stringify(Testing.synth(chart))).not.toEqual(JSON.stringify(Testing.synth(chart)));
  });

  test('GIVEN two identical apps with a spread: true Deployment, one guarded THEN synthYaml and the written files are byte-identical', () => {
    const plainDir = tmpdir();
    const guardedDir = tmpdir();
    const plain = plusApp(plainDir);
    const guarded = plusApp(guardedDir);
    Guardrails.of(guarded).check({ failOn: FailOn.NEVER, silent: true });
    plain.synth();
    guarded.synth();
    const plainYaml = fs.readFileSync(path.join(plainDir, 'web.k8s.yaml'), 'utf8');
    expect(fs.readFileSync(path.join(guardedDir, 'web.k8s.yaml'), 'utf8')).toEqual(plainYaml);
    expect(plainYaml.match(/podAntiAffinity/g)).toHaveLength(1);

    const plainYaml2 = plusApp(tmpdir()).synthYaml();
    const guarded2 = plusApp(tmpdir());
    Guardrails.of(guarded2).check({ failOn: FailOn.NEVER, silent: true });
    expect(guarded2.synthYaml()).toEqual(plainYaml2);
  });
});

describe('Guardrails.suppress', () => {
  const REASON = 'Vendor chart; the upstream issue tracks the fix.';

  test('GIVEN a suppression on a chart THEN it covers every child, and the finding is reported as suppressed', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const chart = brokenChart(app);
    Guardrails.suppress(chart, 'token/automount-pod', REASON);
    Guardrails.suppress(chart, 'rbac/wildcard', REASON);
    Guardrails.suppress(chart.node.findChild('legacy-token'), 'token/legacy-token-secret', REASON);
    Guardrails.of(app).check({ reports: [ReportFormat.JSON] });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf8'));
    const suppressed = report.findings.filter((f: any) => f.suppressed).map((f: any) => [f.ruleId, f.reason]);
    expect(suppressed).toEqual(expect.arrayContaining([['token/automount-pod', REASON], ['rbac/wildcard', REASON], ['token/legacy-token-secret', REASON]]));
    expect(report.summary.errors).toBe(0);
  });

  test('GIVEN a suppression narrowed to one target THEN the other findings of the rule still fail', () => {
    const app = new App({ outdir: tmpdir() });
    const chart = new Chart(app, 'c');
    const reader = new ApiObject(chart, 'reader', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['*'] }] });
    Guardrails.suppress(reader, 'rbac/wildcard', REASON, { target: '* configmaps' });
    Guardrails.of(app).check({ packs: ['rbac'] });
    let message = '';
    try { app.synth(); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('ERROR   rbac/wildcard [* pods] /rules/0');
    expect(message).not.toContain('ERROR   rbac/wildcard [* configmaps]');
  });

  test('GIVEN the suppression annotation on a raw object THEN it applies; a typo in it fails synth', () => {
    const app = new App({ outdir: tmpdir() });
    const chart = new Chart(app, 'c');
    const annotate = (rule: string) => ({ 'guardrails.cdk8s.io/suppress': JSON.stringify([{ rule, reason: REASON }]) });
    new ApiObject(chart, 'legacy', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'legacy', annotations: annotate('token/legacy-token-secret') }, type: 'kubernetes.io/service-account-token' });
    Guardrails.of(app).check({ packs: ['tokens'] });
    expect(() => app.synth()).not.toThrow();
    new ApiObject(chart, 'typo', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'typo', annotations: annotate('token/legacy-secret') }, type: 'kubernetes.io/service-account-token' });
    expect(() => app.synth()).toThrow(/Secret default\/typo \(construct c\/typo\)\n    ERROR   guardrails\/invalid-suppression .*\n.*unknown rule id 'token\/legacy-secret'; did you mean 'token\/legacy-token-secret'\?.*\n    ERROR   token\/legacy-token-secret \/type/);
  });

  test('GIVEN an unknown rule id THEN it throws naming the construct and close ids', () => {
    const chart = Testing.chart();
    expect(() => Guardrails.suppress(chart, 'token/automount-pods', REASON)).toThrow("Guardrails.suppress on 'test': unknown rule id 'token/automount-pods'; did you mean 'token/automount-pod'");
  });

  test('GIVEN a reason shorter than a sentence THEN it throws', () => {
    expect(() => Guardrails.suppress(Testing.chart(), 'token/automount-pod', 'legacy')).toThrow(/reason "legacy" is too short/);
  });
});

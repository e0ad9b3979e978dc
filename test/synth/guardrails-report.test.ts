import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ReportFormat, Reporters } from '../../src/compliance/report';
import { ComplianceReport } from '../../src/synth/compliance-report';
import { FailOn, Guardrails } from '../../src/synth/guardrails';

/** A Deployment that passes `recommended`, with `container` and `pod` merged into its container and pod spec. */
function deployment(name: string, container: Record<string, unknown> = {}, pod: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: name,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name,
            image: 'registry.example.com/web:1.2.3@sha256:' + 'a'.repeat(64),
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
            ...container,
          }],
          ...pod,
        },
      },
    },
  };
}

function serviceAccount(name: string): any {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, automountServiceAccountToken: false };
}

/** A chart with a Deployment whose image has no digest (info) and one that lets its pod automount a token (error) it has no use for (warning). */
function chartWithFindings(app: App, id = 'shop'): Chart {
  const chart = new Chart(app, id, { namespace: 'shop' });
  new ApiObject(chart, 'web', deployment('web', { image: 'registry.example.com/web:1.2.3' }));
  new ApiObject(chart, 'web-sa', serviceAccount('web'));
  new ApiObject(chart, 'batch', deployment('batch', {}, { automountServiceAccountToken: true }));
  new ApiObject(chart, 'batch-sa', serviceAccount('batch'));
  return chart;
}

/** The fields a test asserts on. */
function brief(report: ComplianceReport): string[] {
  return report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.constructPath} ${f.path}`);
}

/** An object whose `toJson()` returns a new image tag on every call, like cdk8s-plus objects that change on each render. */
class ChangingDeployment extends ApiObject {
  public calls = 0;
  constructor(scope: Construct, id: string) {
    super(scope, id, deployment('changing'));
  }
  public toJson(): any {
    this.calls++;
    const json = super.toJson();
    json.spec.template.spec.containers[0].image = `registry.example.com/web:render-${this.calls}`;
    return json;
  }
}

let errorSpy: jest.SpyInstance;
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorSpy.mockRestore());

describe('Guardrails.of(app).report()', () => {
  test('GIVEN a chart with an error, a warning and an info finding, checked with failOn NEVER and silent WHEN Testing.synth(chart) THEN report() holds exactly those findings, in object order, and nothing is printed', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    const manifests = Testing.synth(chartWithFindings(app));

    const report = Guardrails.of(app).report();
    expect(brief(report)).toEqual([
      'info hardening/image-digest shop/web /spec/template/spec/containers/0/image',
      'error token/automount-pod shop/batch /spec/template/spec/automountServiceAccountToken',
      'warning token/unnecessary-token shop/batch /spec/template/spec/automountServiceAccountToken',
    ]);
    expect(report.findings[0]).toMatchObject({
      suppressed: false,
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      target: 'web',
    });
    expect(report.summary).toEqual({ objects: manifests.length, errors: 1, warnings: 1, infos: 1, suppressed: 0 });
    expect(report.inputErrors).toEqual([]);
    expect(errorSpy).not.toHaveBeenCalled();
  });

  test('GIVEN an object whose toJson() changes on every call WHEN Testing.synth(chart) THEN toJson() ran once and the report is about the manifest that synth returned', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    const chart = new Chart(app, 'changing');
    const changing = new ChangingDeployment(chart, 'deployment');
    new ApiObject(chart, 'sa', serviceAccount('changing'));

    const [written] = Testing.synth(chart);

    expect(changing.calls).toBe(1);
    expect(written.spec.template.spec.containers[0].image).toBe('registry.example.com/web:render-1');
    const [finding] = Guardrails.of(app).report().findings;
    expect(finding.ruleId).toBe('hardening/image-digest');
    expect(finding.message).toContain("'registry.example.com/web:render-1'");
  });

  test('GIVEN report files requested WHEN the app synthesizes THEN report() is the report the reporters rendered into them', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true, reports: [ReportFormat.JSON] });
    chartWithFindings(app);
    const renderSpy = jest.spyOn(Reporters, 'render');
    try {
      app.synth();
      expect(renderSpy).toHaveBeenCalledTimes(1);
      expect(renderSpy.mock.calls[0][1]).toBe(Guardrails.of(app).report());
    } finally {
      renderSpy.mockRestore();
    }
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, Reporters.fileName(ReportFormat.JSON)), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(Guardrails.of(app).report())));
    expect(written.findings).toHaveLength(3);
  });

  test('GIVEN the default failOn WHEN app.synth() throws on the error finding THEN report() still returns every finding, the failing one included', () => {
    const app = Testing.app();
    Guardrails.of(app).check();
    chartWithFindings(app);

    expect(() => app.synth()).toThrow(/token\/automount-pod/);

    expect(brief(Guardrails.of(app).report())).toEqual([
      'info hardening/image-digest shop/web /spec/template/spec/containers/0/image',
      'error token/automount-pod shop/batch /spec/template/spec/automountServiceAccountToken',
      'warning token/unnecessary-token shop/batch /spec/template/spec/automountServiceAccountToken',
    ]);
  });

  test('GIVEN two charts WHEN app.synthYaml() THEN the report covers both; WHEN then Testing.synth of one chart THEN it covers that chart only', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    chartWithFindings(app, 'first');
    const second = chartWithFindings(app, 'second');

    app.synthYaml();
    expect(Guardrails.of(app).report().findings.map((f) => f.constructPath)).toEqual(['first/web', 'first/batch', 'first/batch', 'second/web', 'second/batch', 'second/batch']);
    expect(Guardrails.of(app).report().summary.objects).toBe(8);

    Testing.synth(second);
    expect(Guardrails.of(app).report().findings.map((f) => f.constructPath)).toEqual(['second/web', 'second/batch', 'second/batch']);
    expect(Guardrails.of(app).report().summary.objects).toBe(4);
  });

  test('GIVEN the same chart checked under other options THEN the report follows the options of check(): packs and severity overrides', () => {
    const tokensOnly = Testing.app();
    Guardrails.of(tokensOnly).check({ packs: ['tokens'], failOn: FailOn.NEVER, silent: true });
    Testing.synth(chartWithFindings(tokensOnly));
    expect(brief(Guardrails.of(tokensOnly).report())).toEqual([
      'error token/automount-pod shop/batch /spec/template/spec/automountServiceAccountToken',
      'warning token/unnecessary-token shop/batch /spec/template/spec/automountServiceAccountToken',
    ]);

    const overridden = Testing.app();
    Guardrails.of(overridden).check({ severityOverrides: { 'hardening/image-digest': 'warning', 'token/automount-pod': 'off' }, failOn: FailOn.NEVER, silent: true });
    Testing.synth(chartWithFindings(overridden));
    expect(brief(Guardrails.of(overridden).report())).toEqual([
      'warning hardening/image-digest shop/web /spec/template/spec/containers/0/image',
      'warning token/unnecessary-token shop/batch /spec/template/spec/automountServiceAccountToken',
    ]);
  });

  test('GIVEN a suppressed finding THEN the report lists it, suppressed with its reason, and counts it apart', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    const chart = chartWithFindings(app);
    Guardrails.suppress(chart.node.findChild('web'), 'hardening/image-digest', 'The web image is rebuilt nightly and pinned by the release job.');
    Testing.synth(chart);

    const report = Guardrails.of(app).report();
    expect(report.findings[0]).toMatchObject({ ruleId: 'hardening/image-digest', suppressed: true, reason: 'The web image is rebuilt nightly and pinned by the release job.' });
    expect(report.summary).toEqual({ objects: 4, errors: 1, warnings: 1, infos: 0, suppressed: 1 });
  });
});

describe('Guardrails.of(app).report() without a report', () => {
  test('GIVEN an app never checked THEN report() says to call check() first', () => {
    const app = Testing.app();
    Testing.synth(chartWithFindings(app));
    expect(() => Guardrails.of(app).report()).toThrow("Guardrails.report on 'app': nothing is checked: call Guardrails.of(app).check() before the synth");
  });

  test('GIVEN check() with no synth after it, also after an earlier synth THEN report() says to synthesize first', () => {
    const app = Testing.app();
    const guardrails = Guardrails.of(app);
    guardrails.check({ failOn: FailOn.NEVER, silent: true });
    const chart = chartWithFindings(app);
    const message = "Guardrails.report on 'app': no synth has been checked since check(): call app.synth(), app.synthYaml() or Testing.synth(chart) first";
    expect(() => guardrails.report()).toThrow(message);

    Testing.synth(chart);
    expect(guardrails.report().findings).toHaveLength(3);
    // New options make the old report stale.
    guardrails.check({ packs: ['tokens'], failOn: FailOn.NEVER, silent: true });
    expect(() => guardrails.report()).toThrow(message);
  });

  test('GIVEN a synth that fails before anything is checked (a construct validation error) THEN report() has no stale report of an earlier synth', () => {
    const app = Testing.app();
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true });
    const chart = chartWithFindings(app);
    app.synthYaml();
    expect(Guardrails.of(app).report().findings).toHaveLength(3);

    chart.node.addValidation({ validate: () => ['the chart is not ready'] });
    expect(() => app.synthYaml()).toThrow(/the chart is not ready/);
    expect(() => Guardrails.of(app).report()).toThrow(/no synth has been checked since check\(\)/);
  });
});

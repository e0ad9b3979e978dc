import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as yaml from 'yaml';
import { Cli } from '../../src/cli/main';
import { ReportFormat } from '../../src/compliance/report';
import { SUPPRESS_ANNOTATION } from '../../src/compliance/suppressions';
import { FailOn, Guardrails } from '../../src/synth/guardrails';

/**
 * Suppressions made in TypeScript reach the YAML: `Guardrails.suppress` writes the suppression
 * annotation on every ApiObject it covers, so the in-app check, the CLI over the output and the
 * cdk8s plugin give the same answer; and what is written is what is checked.
 */

const REASON = 'The scraper ServiceAccount is created by kube-prometheus in monitoring.';

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-suppress-'));
}

const binding = (name: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
  subjects: [{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }],
});

function annotationOf(manifest: any): unknown[] | undefined {
  const value = manifest.metadata?.annotations?.[SUPPRESS_ANNOTATION];
  return value === undefined ? undefined : JSON.parse(value);
}

describe('GIVEN Guardrails.suppress on a construct', () => {
  test('WHEN the app synthesizes without check() THEN every ApiObject below it, also one added later, carries the annotation; others do not', () => {
    const chart = Testing.chart();
    const group = new Construct(chart, 'monitoring');
    new ApiObject(group, 'early', binding('early'));
    Guardrails.suppress(group, 'rbac/dangling-reference', REASON, { target: 'prometheus-k8s', expires: '2999-12-31' });
    new ApiObject(group, 'late', binding('late'));
    new ApiObject(chart, 'outside', binding('outside'));
    const manifests = Testing.synth(chart);
    const expected = [{ rule: 'rbac/dangling-reference', reason: REASON, target: 'prometheus-k8s', expires: '2999-12-31' }];
    expect(manifests.map((m: any) => [m.metadata.name, annotationOf(m)])).toEqual([['early', expected], ['late', expected], ['outside', undefined]]);
  });

  test('WHEN the object already has suppressions and synth runs twice THEN they are kept and each entry is written once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const own = { rule: 'hardening/image-tag', reason: 'The vendor image is pinned by the platform team.' };
    const object = new ApiObject(chart, 'b', { ...binding('b'), metadata: { name: 'b', annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify([own]) } } });
    Guardrails.suppress(chart, 'rbac/dangling-reference', REASON);
    Guardrails.suppress(object, 'rbac/dangling-reference', REASON);
    app.synthYaml();
    const manifest = Testing.synth(chart)[0];
    expect(annotationOf(manifest)).toEqual([own, { rule: 'rbac/dangling-reference', reason: REASON }]);
  });

  test('WHEN a cdk8s-plus Deployment is suppressed THEN its L1 object is annotated, and the guarded and unguarded apps write byte-identical YAML', () => {
    const build = (outdir: string, guarded: boolean) => {
      const app = new App({ outdir });
      const chart = new Chart(app, 'web');
      const deployment = new kplus.Deployment(chart, 'web', { spread: true, containers: [{ image: 'nginx:1.27', portNumber: 8080 }] });
      Guardrails.suppress(deployment, 'hardening/image-digest', 'Public nginx is pinned by tag in this demo app.');
      if (guarded) Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true, reports: [ReportFormat.JSON] });
      app.synth();
      return fs.readFileSync(path.join(outdir, 'web.k8s.yaml'), 'utf8');
    };
    const guardedDir = tmpdir();
    const plain = build(tmpdir(), false);
    const guarded = build(guardedDir, true);
    expect(guarded).toEqual(plain);
    expect(plain.match(/podAntiAffinity/g)).toHaveLength(1);
    const written = yaml.parseAllDocuments(guarded).map((d) => d.toJS()).find((m) => m.kind === 'Deployment');
    expect(annotationOf(written)).toEqual([{ rule: 'hardening/image-digest', reason: 'Public nginx is pinned by tag in this demo app.' }]);
    // What was checked is what was written: the report's suppression comes from that annotation.
    const report = JSON.parse(fs.readFileSync(path.join(guardedDir, 'guardrails-report.json'), 'utf8'));
    expect(report.findings.filter((f: any) => f.ruleId === 'hardening/image-digest').every((f: any) => f.suppressed)).toBe(true);
  });

  test('WHEN the CLI checks the synthesized YAML THEN it reports what the in-app check reported', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    const chart = new Chart(app, 'monitoring');
    new ApiObject(chart, 'reader', binding('metrics-reader'));
    Guardrails.suppress(chart, 'rbac/dangling-reference', REASON);
    Guardrails.of(app).check({ failOn: FailOn.NEVER, silent: true, reports: [ReportFormat.JSON] });
    app.synth();
    const inApp = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf8'));
    const out: string[] = [];
    const exit = Cli.run(['check', '--no-config', '--format', 'json', '--fail-on', 'never', path.join(outdir, 'monitoring.k8s.yaml')], {
      colorTerminal: false, stdinIsTerminal: false, stdout: (t) => { out.push(t); }, stderr: () => undefined, readStdin: () => Buffer.from(''), writeFile: () => undefined,
    }, {});
    expect(exit).toBe(0);
    const cli = JSON.parse(out.join(''));
    expect(cli.summary).toEqual(inApp.summary);
    expect(inApp.summary.suppressed).toBeGreaterThan(0);
    const brief = (f: any) => [f.ruleId, f.suppressed, f.reason];
    expect(cli.findings.map(brief)).toEqual(inApp.findings.map(brief));
  });

  test('WHEN its expiry date has passed THEN synth fails with guardrails/expired-suppression; a bad date is refused at once', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'monitoring');
    new ApiObject(chart, 'reader', binding('metrics-reader'));
    Guardrails.suppress(chart, 'rbac/dangling-reference', REASON, { expires: '2020-01-31' });
    Guardrails.of(app).check({ silent: true, failOn: FailOn.ERROR });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => app.synthYaml()).toThrow(/guardrails\/expired-suppression .*\n.*expired on 2020-01-31 and no longer applies/);
    expect(() => Guardrails.suppress(chart, 'rbac/dangling-reference', REASON, { expires: 'next spring' }))
      .toThrow("Guardrails.suppress on 'monitoring': expires \"next spring\" is not a date: write YYYY-MM-DD (e.g. 2027-03-31)");
  });
});

describe('GIVEN Guardrails.of(app).check({ config })', () => {
  test('WHEN the file sets rules and the options set others THEN both apply, the options winning; a bad file fails check() with its line', () => {
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'guardrails.yaml'), 'packs: [rbac]\nfailOn: never\nrules:\n  rbac/dangling-reference: error\n');
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'monitoring');
    new ApiObject(chart, 'reader', binding('metrics-reader'));
    Guardrails.of(app).check({ config: path.join(dir, 'guardrails.yaml'), failOn: FailOn.ERROR, silent: true });
    expect(() => app.synthYaml()).toThrow(/ERROR   rbac\/dangling-reference/);

    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'packs: [rbac]\nfailOn: sometimes\n');
    expect(() => Guardrails.of(app).check({ config: path.join(dir, 'bad.yaml') }))
      .toThrow(`Guardrails.check on 'app': ${path.join(dir, 'bad.yaml')}:2: failOn: "sometimes" is not allowed: use one of error, warning, info, never`);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as yaml from 'yaml';
import { createApp, SCRAPER_REASON, TEAM_NAMESPACES, WIDGET_CRD } from '../../examples/operator-webhook/app';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Manifest } from '../../src/k8s/manifest';
import { allContainers, Json, ofKind, onlyOfKind, podSpecOf } from '../helpers';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

/** `examples/operator-webhook`, synthesized the way `npx projen synth:examples` does it. */
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'operator-webhook-'));
createApp(outdir).synth();
const plain: Json[] = yaml.parseAllDocuments(fs.readFileSync(path.join(outdir, 'widget-operator.k8s.yaml'), 'utf-8')).map(d => d.toJSON());
const bundleDir = path.join(outdir, 'bundle');
const bundleFiles = ['manifests', 'metadata'].flatMap(sub => fs.readdirSync(path.join(bundleDir, sub)).map(f => `${sub}/${f}`)).sort();
const csv: Json = yaml.parse(fs.readFileSync(path.join(bundleDir, 'manifests', 'widget-operator.clusterserviceversion.yaml'), 'utf-8'));

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

/** The reason the operator bundle gives for its metrics-auth role (rbac/auth-delegation, info). */
const METRICS_AUTH_REASON = 'authenticated metrics: the metrics endpoint reviews each scraper\'s token (TokenReview) and its permission to get /metrics (SubjectAccessReview)';

describe('example operator-webhook', () => {
  test('passes the recommended pack: no unsuppressed finding; the suppressions name the scraper kube-prometheus creates and why the manager reviews tokens', () => {
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(plain.map(manifest => ({ manifest: manifest as Manifest })));
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.map(f => [f.ruleId, f.object.kind, f.object.name, f.suppressed, f.reason])).toEqual([
      ['rbac/auth-delegation', 'ClusterRole', 'widget-operator-metrics-auth', true, METRICS_AUTH_REASON],
      ['rbac/auth-delegation', 'ClusterRole', 'widget-operator-metrics-auth', true, METRICS_AUTH_REASON],
      ['rbac/dangling-reference', 'ClusterRoleBinding', 'widget-operator-metrics-reader', true, SCRAPER_REASON],
    ]);
    expect(fs.readFileSync(path.join(outdir, 'guardrails-report.md'), 'utf-8')).toContain('No unsuppressed findings.');
  });

  test('every object is valid for Kubernetes or cert-manager', async () => {
    expect(await schema.invalid(plain)).toEqual([]);
  });

  test('a validating webhook with a cert-manager certificate mounted into the manager only', () => {
    const configuration = onlyOfKind(plain, 'ValidatingWebhookConfiguration');
    expect(configuration.metadata.annotations['cert-manager.io/inject-ca-from']).toBe(`widgets-system/${onlyOfKind(plain, 'Certificate').metadata.name}`);
    expect(configuration.webhooks[0]).toMatchObject({ failurePolicy: 'Fail', sideEffects: 'None', matchPolicy: 'Equivalent', timeoutSeconds: 5 });
    const spec = podSpecOf(onlyOfKind(plain, 'Deployment'));
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === 'webhook-cert'));
    expect(mounting.map(c => c.name)).toEqual(['manager']);
    expect(onlyOfKind(plain, 'NetworkPolicy').spec.ingress).toContainEqual({ ports: [{ port: 9443, protocol: 'TCP' }] });
  });

  test('authenticated metrics, with Prometheus bound to the metrics-reader role', () => {
    const manager = podSpecOf(onlyOfKind(plain, 'Deployment')).containers[0];
    expect(manager.args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8443', '--metrics-secure']);
    const reader = ofKind(plain, 'ClusterRoleBinding').find(b => b.metadata.name === 'widget-operator-metrics-reader')!;
    expect(reader.subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }]);
  });

  test('its OLM bundle is written under bundle/: a valid CSV with the plain RBAC, the CRD, the metrics objects, annotations.yaml', () => {
    expect(bundleFiles).toEqual([
      'manifests/example.com_widgets.yaml',
      'manifests/widget-operator-metrics-reader_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/widget-operator-metrics-reader_rbac.authorization.k8s.io_v1_clusterrolebinding.yaml',
      'manifests/widget-operator-metrics_v1_service.yaml',
      'manifests/widget-operator.clusterserviceversion.yaml',
      'manifests/widget-operator_v1_serviceaccount.yaml',
      'metadata/annotations.yaml',
    ]);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(yaml.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'olm', 'clusterserviceversion.openapi.yaml'), 'utf-8')));
    expect(validate(csv) ? [] : validate.errors).toEqual([]);
    expect(csv.spec.installModes.filter((m: Json) => m.supported).map((m: Json) => m.type)).toEqual(['MultiNamespace']);
    // one replica, no leader election: permissions are the team Roles' rules (the same in each namespace)
    const teamRole = ofKind(plain, 'Role').find(r => r.metadata.namespace === TEAM_NAMESPACES[0])!;
    expect(csv.spec.install.spec.permissions).toEqual([{ serviceAccountName: 'widget-operator', rules: teamRole.rules }]);
    const metricsAuth = ofKind(plain, 'ClusterRole').find(r => r.metadata.name === 'widget-operator-metrics-auth')!;
    expect(csv.spec.install.spec.clusterPermissions).toEqual([{ serviceAccountName: 'widget-operator', rules: metricsAuth.rules }]);
    expect(yaml.parse(fs.readFileSync(path.join(bundleDir, 'manifests', 'example.com_widgets.yaml'), 'utf-8'))).toEqual(yaml.parse(fs.readFileSync(WIDGET_CRD, 'utf-8')));
    expect(csv.spec.webhookdefinitions.map((w: Json) => [w.type, w.generateName])).toEqual([['ValidatingAdmissionWebhook', 'vwidget-v1.example.com']]);
  });
});

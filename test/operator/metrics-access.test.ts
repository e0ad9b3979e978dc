import { Chart } from 'cdk8s';
import {
  AdmissionOperation, ApiResource, MetricsAccess, MetricsAccessKind, OperatorBundle, OperatorBundleProps, Permission, RbacSubject,
  SecureServiceAccount, ServingCertificate, WatchScope, WebhookFailurePolicy,
} from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Manifest } from '../../src/k8s/manifest';
import { allContainers, Json, newChart, ofKind, onlyOfKind, podSpecOf, synth } from '../helpers';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

const IMAGE = 'ghcr.io/acme/widget-operator:1.0.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b';
const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });
const PROMETHEUS = RbacSubject.serviceAccount('monitoring', 'prometheus-k8s');
const CA_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n').toString('base64');
const ERROR = "OperatorBundle 'test/widget-operator': ";

function bundle(props: Partial<OperatorBundleProps> = {}, chart: Chart = newChart('ops')) {
  const operator = new OperatorBundle(chart, 'widget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS)], ...props });
  return { chart, operator, out: synth(chart) };
}

function managerOf(out: Json[]): Json {
  return podSpecOf(onlyOfKind(out, 'Deployment')).containers.find((c: Json) => c.name === 'manager');
}

function named(out: Json[], kind: string, name: string): Json | undefined {
  return ofKind(out, kind).find(m => m.metadata.name === name);
}

const TOKEN_AND_ACCESS_REVIEWS = [
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

/** The reason the operator bundle gives for its metrics-auth role (rbac/auth-delegation, info). */
const METRICS_AUTH_REASON = 'authenticated metrics: the metrics endpoint reviews each scraper\'s token (TokenReview) and its permission to get /metrics (SubjectAccessReview)';

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

describe('MetricsAccess.authenticated() is the default', () => {
  test('the manager serves HTTPS on 8443: --metrics-bind-address=:8443 --metrics-secure', () => {
    const { out, operator } = bundle();
    expect(operator.metricsAccess.kind).toBe(MetricsAccessKind.AUTHENTICATED);
    expect(managerOf(out).args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8443', '--metrics-secure']);
    expect(managerOf(out).ports).toContainEqual({ containerPort: 8443, name: 'metrics' });
  });

  test('a ClusterRole with exactly create on tokenreviews and subjectaccessreviews, bound to the operator\'s ServiceAccount', () => {
    const { out, operator } = bundle();
    expect(named(out, 'ClusterRole', 'widget-operator-metrics-auth')!.rules).toEqual(TOKEN_AND_ACCESS_REVIEWS);
    const binding = named(out, 'ClusterRoleBinding', 'widget-operator-metrics-auth')!;
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'widget-operator-metrics-auth' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'ops' }]);
    // the summary reports it with the operator's other grants
    expect(operator.summary.roles.find(r => r.name === 'widget-operator-metrics-auth')!.rules).toEqual(TOKEN_AND_ACCESS_REVIEWS);
    expect(operator.summary.bindings.map(b => `${b.kind} ${b.name}`)).toContain('ClusterRoleBinding widget-operator-metrics-auth');
  });

  test('a metrics-reader ClusterRole: get on the non-resource URL /metrics, bound to nobody without a scraper', () => {
    const { out, operator } = bundle();
    const reader = named(out, 'ClusterRole', 'widget-operator-metrics-reader')!;
    expect(reader).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'widget-operator-metrics-reader' },
      rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    });
    expect(named(out, 'ClusterRoleBinding', 'widget-operator-metrics-reader')).toBeUndefined();
    expect(operator.metricsReaderBinding).toBeUndefined();
    // and no ServiceMonitor, certificate or metrics Service unless asked for
    expect(ofKind(out, 'ServiceMonitor')).toEqual([]);
    expect(ofKind(out, 'Certificate')).toEqual([]);
    expect(ofKind(out, 'Service')).toEqual([]);
  });

  test('a scraper is bound to the metrics-reader role', () => {
    const { out } = bundle({ metrics: MetricsAccess.authenticated({ scraper: PROMETHEUS }) });
    const binding = named(out, 'ClusterRoleBinding', 'widget-operator-metrics-reader')!;
    expect(binding.metadata.namespace).toBeUndefined();
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'widget-operator-metrics-reader' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' }]);
    const group = bundle({ metrics: MetricsAccess.authenticated({ scraper: RbacSubject.group('metrics-readers') }) }).out;
    expect(named(group, 'ClusterRoleBinding', 'widget-operator-metrics-reader')!.subjects).toEqual([{ kind: 'Group', name: 'metrics-readers', apiGroup: 'rbac.authorization.k8s.io' }]);
  });

  test('with the scraper\'s ServiceAccount in the app, the recommended pack finds nothing; without it, rbac/dangling-reference reports the binding', async () => {
    const chart = newChart('ops');
    new SecureServiceAccount(chart, 'prometheus', { metadata: { name: 'prometheus-k8s', namespace: 'monitoring' } });
    const { out } = bundle({ metrics: MetricsAccess.authenticated({ scraper: PROMETHEUS }) }, chart);
    const check = (manifests: Json[]) => new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map(manifest => ({ manifest: manifest as Manifest }))).findings;
    // Reviewing tokens is reported for the record (rbac/auth-delegation, info), suppressed with the bundle's reason.
    expect(check(out).map(f => [f.ruleId, f.object.name, f.suppressed, f.reason])).toEqual([
      ['rbac/auth-delegation', 'widget-operator-metrics-auth', true, METRICS_AUTH_REASON],
      ['rbac/auth-delegation', 'widget-operator-metrics-auth', true, METRICS_AUTH_REASON],
    ]);
    expect(await schema.invalid(out)).toEqual([]);
    const alone = bundle({ metrics: MetricsAccess.authenticated({ scraper: PROMETHEUS }) }).out;
    expect(check(alone).filter(f => !f.suppressed).map(f => [f.ruleId, f.object.kind, f.object.name])).toEqual([['rbac/dangling-reference', 'ClusterRoleBinding', 'widget-operator-metrics-reader']]);
  });

  test('metricsService exposes 8443 under the component label metrics', () => {
    const service = onlyOfKind(bundle({ metricsService: true }).out, 'Service');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 8443, targetPort: 8443 }]);
    expect(service.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'widget-operator', 'app.kubernetes.io/component': 'metrics' });
  });

  test('controllerRuntimeFlags false: the RBAC stays, the flags are yours', () => {
    const { out } = bundle({ controllerRuntimeFlags: false, args: ['--metrics-bind-address=:9443'] });
    expect(managerOf(out).args).toEqual(['--metrics-bind-address=:9443']);
    expect(named(out, 'ClusterRole', 'widget-operator-metrics-auth')).toBeDefined();
  });
});

describe('MetricsAccess.authenticated() with a certificate and a ServiceMonitor', () => {
  const monitored = () => bundle({
    metrics: MetricsAccess.authenticated({ scraper: PROMETHEUS, certificate: ServingCertificate.certManager(), serviceMonitor: true }),
  });

  test('the certificate is issued for the metrics Service, mounted read-only into the manager only, and passed with --metrics-cert-path', () => {
    const { out } = bundle({ sidecars: [{ name: 'log-shipper', image: IMAGE }], metrics: MetricsAccess.authenticated({ certificate: ServingCertificate.certManager() }) });
    const certificate = onlyOfKind(out, 'Certificate');
    expect(certificate.metadata.name).toBe('widget-operator-metrics-server');
    expect(certificate.spec.dnsNames).toEqual(['widget-operator-metrics.ops.svc', 'widget-operator-metrics.ops.svc.cluster.local']);
    expect(managerOf(out).args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8443', '--metrics-secure', '--metrics-cert-path=/tmp/k8s-metrics-server/metrics-certs']);
    const spec = podSpecOf(onlyOfKind(out, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'metrics-cert', secret: { secretName: 'widget-operator-metrics-server-cert' } });
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === 'metrics-cert'));
    expect(mounting.map(c => [c.name, c.volumeMounts.find((m: Json) => m.name === 'metrics-cert')])).toEqual([
      ['manager', { mountPath: '/tmp/k8s-metrics-server/metrics-certs', name: 'metrics-cert', readOnly: true }],
    ]);
  });

  test('the ServiceMonitor scrapes over HTTPS with the scraper\'s projected token file and verifies the server against the CA', async () => {
    const { out, operator } = monitored();
    const monitor = onlyOfKind(out, 'ServiceMonitor');
    expect(operator.serviceMonitorObject).toBeDefined();
    expect(monitor.metadata).toEqual({ name: 'widget-operator-metrics', namespace: 'ops', labels: { 'app.kubernetes.io/name': 'widget-operator' } });
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'widget-operator', 'app.kubernetes.io/component': 'metrics' } },
      endpoints: [{
        port: 'metrics',
        path: '/metrics',
        scheme: 'https',
        bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
        tlsConfig: { serverName: 'widget-operator-metrics.ops.svc', ca: { secret: { name: 'widget-operator-metrics-server-cert', key: 'ca.crt' } } },
      }],
    });
    // no token Secret anywhere, and the metrics Service it selects exists
    expect(ofKind(out, 'Secret')).toEqual([]);
    expect(onlyOfKind(out, 'Service').metadata.labels).toEqual(monitor.spec.selector.matchLabels);
    expect(await schema.invalid(out)).toEqual([]);
  });

  test('an existing Secret: the ServiceMonitor verifies against its CA, published in a ConfigMap', async () => {
    const { out } = bundle({ metrics: MetricsAccess.authenticated({ certificate: ServingCertificate.fromSecret('metrics-tls', CA_BUNDLE), serviceMonitor: true }) });
    expect(onlyOfKind(out, 'ConfigMap')).toMatchObject({ metadata: { name: 'widget-operator-metrics-ca', namespace: 'ops' }, data: { 'ca.crt': Buffer.from(CA_BUNDLE, 'base64').toString() } });
    expect(onlyOfKind(out, 'ServiceMonitor').spec.endpoints[0].tlsConfig.ca).toEqual({ configMap: { name: 'widget-operator-metrics-ca', key: 'ca.crt' } });
    expect(ofKind(out, 'Certificate')).toEqual([]);
    expect(await schema.invalid(out)).toEqual([]);
  });

  test('webhook and metrics certificates share one self-signed Issuer', () => {
    const { out, operator } = bundle({
      watch: WatchScope.namespace('team-a'),
      metrics: MetricsAccess.authenticated({ certificate: ServingCertificate.certManager() }),
      webhooks: { validating: [{ name: 'vwidget.example.com', path: '/validate', resources: [WIDGETS], apiVersions: ['v1'], operations: [AdmissionOperation.CREATE], failurePolicy: WebhookFailurePolicy.FAIL }] },
    });
    expect(ofKind(out, 'Issuer').map(i => i.metadata.name)).toEqual(['widget-operator-selfsigned-issuer']);
    expect(ofKind(out, 'Certificate').map(c => [c.metadata.name, c.spec.issuerRef.name])).toEqual([
      ['widget-operator-webhook-server', 'widget-operator-selfsigned-issuer'],
      ['widget-operator-metrics-server', 'widget-operator-selfsigned-issuer'],
    ]);
    expect(operator.certificateObjects.map(o => o.kind)).toEqual(['Issuer', 'Certificate', 'Certificate']);
  });
});

describe('MetricsAccess.plain()', () => {
  test('HTTP on 8080 with --metrics-secure=false, and no metrics RBAC at all', () => {
    const { out, operator } = bundle({ metrics: MetricsAccess.plain() });
    expect(managerOf(out).args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8080', '--metrics-secure=false']);
    expect(ofKind(out, 'ClusterRole')).toEqual([]);
    expect(ofKind(out, 'ClusterRoleBinding')).toEqual([]);
    expect(operator.metricsAuthGrant).toBeUndefined();
    expect(operator.metricsReaderRole).toBeUndefined();
  });
});

describe('MetricsAccess refused', () => {
  test.each([
    [MetricsAccess.authenticated({ serviceMonitor: true }), 'metrics MetricsAccess.authenticated(): serviceMonitor needs a certificate the scraper can verify, and there is none'],
    [MetricsAccess.authenticated({ scraper: RbacSubject.serviceAccount('monitoring', 'default') }), "metrics MetricsAccess.authenticated(): scraper ServiceAccount 'monitoring/default' is refused"],
    [MetricsAccess.authenticated({ scraper: RbacSubject.serviceAccount('', 'prometheus') }), "metrics MetricsAccess.authenticated(): scraper ServiceAccount 'prometheus' has no namespace"],
    [MetricsAccess.authenticated({ scraper: RbacSubject.group('system:authenticated') }), "metrics MetricsAccess.authenticated(): scraper Group 'system:authenticated' is refused"],
  ])('refuses bad metrics access (%#)', (metrics, message) => {
    expect(() => bundle({ metrics })).toThrow(`${ERROR}${message}`);
  });

  test('a ServiceMonitor without the metrics Service it scrapes through', () => {
    const metrics = MetricsAccess.authenticated({ certificate: ServingCertificate.certManager(), serviceMonitor: true });
    expect(() => bundle({ metrics, metricsService: false })).toThrow(`${ERROR}metricsService false is refused with a ServiceMonitor`);
  });
});

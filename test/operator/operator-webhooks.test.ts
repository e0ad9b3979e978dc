import { ApiObjectProps, Chart, Duration } from 'cdk8s';
import {
  AdmissionOperation, AdmissionWebhookOptions, ApiResource, MetricsAccess, OperatorBundle, OperatorBundleProps, Permission,
  ServingCertificate, WatchScope, WebhookFailurePolicy,
} from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Manifest } from '../../src/k8s/manifest';
import { allContainers, Json, newChart, ofKind, onlyOfKind, podSpecOf, synth } from '../helpers';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

const IMAGE = 'ghcr.io/acme/widget-operator:1.0.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b';
const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });
const GADGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'gadgets' });
/** A CA certificate, base64-encoded as Kubernetes expects it in caBundle. */
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n';
const CA_BUNDLE = Buffer.from(CA_PEM).toString('base64');
const VALIDATE_WIDGETS: AdmissionWebhookOptions = {
  name: 'vwidget-v1.example.com',
  path: '/validate-example-com-v1-widget',
  resources: [WIDGETS],
  apiVersions: ['v1'],
  operations: [AdmissionOperation.CREATE, AdmissionOperation.UPDATE],
  failurePolicy: WebhookFailurePolicy.FAIL,
};

/** A CRD with two versions (what a conversion webhook converts between). */
function widgetCrd(versions = ['v1alpha1', 'v1']): ApiObjectProps & Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
      scope: 'Namespaced',
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === versions.length - 1,
        schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      })),
    },
  };
}

/**
 * A widget operator in namespace `ops` that watches `team-a` (so a webhook that excludes `ops`
 * still sees the widgets it reconciles), with a validating webhook on widgets.
 */
function bundle(props: Partial<OperatorBundleProps> = {}, chart: Chart = newChart('ops')) {
  const operator = new OperatorBundle(chart, 'widget-operator', {
    image: IMAGE,
    permissions: [Permission.reconcile(WIDGETS), Permission.updateStatus(WIDGETS)],
    watch: WatchScope.namespace('team-a'),
    webhooks: { validating: [VALIDATE_WIDGETS] },
    ...props,
  });
  return { operator, out: synth(chart) };
}

function managerOf(out: Json[]): Json {
  return podSpecOf(onlyOfKind(out, 'Deployment')).containers.find((c: Json) => c.name === 'manager');
}

const ERROR = "OperatorBundle 'test/widget-operator': ";

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

describe('OperatorBundle webhooks: the defaults', () => {
  test('a Service maps 443 to the manager\'s webhook-server port 9443 and selects the manager pods only', () => {
    const { out } = bundle();
    const service = ofKind(out, 'Service').find(s => s.metadata.name === 'widget-operator-webhook')!;
    expect(service.metadata.namespace).toBe('ops');
    expect(service.spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 9443 }]);
    expect(service.spec.selector).toEqual(onlyOfKind(out, 'Deployment').spec.selector.matchLabels);
    expect(managerOf(out).ports).toContainEqual({ containerPort: 9443, name: 'webhook-server' });
  });

  test('the ValidatingWebhookConfiguration: sideEffects None, matchPolicy Equivalent, v1 reviews, 5 s timeout, the chosen failurePolicy', () => {
    const { out } = bundle();
    const configuration = onlyOfKind(out, 'ValidatingWebhookConfiguration');
    expect(configuration.metadata.name).toBe('widget-operator-validating');
    expect(configuration.metadata.namespace).toBeUndefined();
    expect(configuration.webhooks).toEqual([{
      name: 'vwidget-v1.example.com',
      admissionReviewVersions: ['v1'],
      clientConfig: { service: { name: 'widget-operator-webhook', namespace: 'ops', path: '/validate-example-com-v1-widget', port: 443 } },
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['ops', 'kube-system'] }] },
      rules: [{ apiGroups: ['example.com'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['widgets'] }],
      sideEffects: 'None',
      timeoutSeconds: 5,
    }]);
    expect(ofKind(out, 'MutatingWebhookConfiguration')).toEqual([]);
  });

  test('the serving certificate comes from cert-manager: a self-signed Issuer, a Certificate for the Service\'s DNS names, the CA injected', () => {
    const { out } = bundle();
    const issuer = onlyOfKind(out, 'Issuer');
    expect(issuer).toEqual({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'widget-operator-selfsigned-issuer', namespace: 'ops' }, spec: { selfSigned: {} } });
    const certificate = onlyOfKind(out, 'Certificate');
    expect(certificate.metadata).toEqual({ name: 'widget-operator-webhook-server', namespace: 'ops' });
    expect(certificate.spec).toEqual({
      dnsNames: ['widget-operator-webhook.ops.svc', 'widget-operator-webhook.ops.svc.cluster.local'],
      issuerRef: { group: 'cert-manager.io', kind: 'Issuer', name: 'widget-operator-selfsigned-issuer' },
      secretName: 'widget-operator-webhook-server-cert',
    });
    expect(onlyOfKind(out, 'ValidatingWebhookConfiguration').metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'ops/widget-operator-webhook-server' });
  });

  test('the certificate Secret is mounted read-only into the manager only, at controller-runtime\'s directory', () => {
    const { out } = bundle({ sidecars: [{ name: 'log-shipper', image: IMAGE }] });
    const spec = podSpecOf(onlyOfKind(out, 'Deployment'));
    expect(spec.volumes).toContainEqual({ name: 'webhook-cert', secret: { secretName: 'widget-operator-webhook-server-cert' } });
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === 'webhook-cert'));
    expect(mounting.map(c => c.name)).toEqual(['manager']);
    expect(mounting[0].volumeMounts).toContainEqual({ mountPath: '/tmp/k8s-webhook-server/serving-certs', name: 'webhook-cert', readOnly: true });
  });

  test('the NetworkPolicy opens the webhook port, from any address or only from apiServerCidrs', () => {
    const open = onlyOfKind(bundle({ networkPolicy: true }).out, 'NetworkPolicy');
    expect(open.spec.ingress).toContainEqual({ ports: [{ port: 9443, protocol: 'TCP' }] });
    const narrowed = onlyOfKind(bundle({ networkPolicy: true, apiServerCidrs: ['10.0.0.0/28'] }).out, 'NetworkPolicy');
    expect(narrowed.spec.ingress).toContainEqual({ from: [{ ipBlock: { cidr: '10.0.0.0/28' } }], ports: [{ port: 9443, protocol: 'TCP' }] });
  });

  test('every object is valid for its schema (Kubernetes, cert-manager), and the recommended pack finds nothing', async () => {
    const { out } = bundle({ networkPolicy: true, webhooks: { validating: [VALIDATE_WIDGETS], mutating: [{ ...VALIDATE_WIDGETS, name: 'mwidget-v1.example.com', path: '/mutate' }] } });
    expect(await schema.invalid(out)).toEqual([]);
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(out.map(manifest => ({ manifest: manifest as Manifest })));
    expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.object.kind}/${f.object.name}`)).toEqual([]);
    // Only the metrics-auth role's token reviews, reported for the record and suppressed with the bundle's reason.
    expect(report.findings.map(f => `${f.ruleId} ${f.object.kind}/${f.object.name}`)).toEqual([
      'rbac/auth-delegation ClusterRole/widget-operator-metrics-auth', 'rbac/auth-delegation ClusterRole/widget-operator-metrics-auth',
    ]);
  });
});

describe('OperatorBundle webhooks: choices', () => {
  test('mutating webhooks go into a MutatingWebhookConfiguration with the same defaults; IGNORE and a timeout are kept', () => {
    const mutate = { ...VALIDATE_WIDGETS, name: 'mwidget-v1.example.com', path: '/mutate-example-com-v1-widget', failurePolicy: WebhookFailurePolicy.IGNORE, timeout: Duration.seconds(2) };
    const { out } = bundle({ webhooks: { mutating: [mutate] } });
    expect(ofKind(out, 'ValidatingWebhookConfiguration')).toEqual([]);
    const [webhook] = onlyOfKind(out, 'MutatingWebhookConfiguration').webhooks;
    expect(webhook).toMatchObject({ name: 'mwidget-v1.example.com', failurePolicy: 'Ignore', timeoutSeconds: 2, sideEffects: 'None', matchPolicy: 'Equivalent' });
  });

  test('resources of two API groups become one rule per group', () => {
    const pods = { ...VALIDATE_WIDGETS, resources: [WIDGETS, GADGETS, ApiResource.PODS] };
    const [webhook] = onlyOfKind(bundle({ webhooks: { validating: [pods] } }).out, 'ValidatingWebhookConfiguration').webhooks;
    expect(webhook.rules.map((r: Json) => [r.apiGroups, r.resources])).toEqual([[['example.com'], ['widgets', 'gadgets']], [[''], ['pods']]]);
  });

  test('interceptOperatorNamespace: the selector excludes only kube-system', () => {
    const { out } = bundle({ webhooks: { validating: [{ ...VALIDATE_WIDGETS, interceptOperatorNamespace: true }] } });
    expect(onlyOfKind(out, 'ValidatingWebhookConfiguration').webhooks[0].namespaceSelector.matchExpressions[0].values).toEqual(['kube-system']);
  });

  test('a port of your choice moves the container port, the Service target and the NetworkPolicy', () => {
    const { out } = bundle({ networkPolicy: true, webhooks: { validating: [VALIDATE_WIDGETS], port: 10250 } });
    expect(managerOf(out).ports).toContainEqual({ containerPort: 10250, name: 'webhook-server' });
    expect(ofKind(out, 'Service').find(s => s.metadata.name === 'widget-operator-webhook')!.spec.ports[0].targetPort).toBe(10250);
    expect(onlyOfKind(out, 'NetworkPolicy').spec.ingress).toContainEqual({ ports: [{ port: 10250, protocol: 'TCP' }] });
  });

  test('an existing Secret: mounted the same way, its CA written into caBundle, no cert-manager object and no annotation', () => {
    const { out, operator } = bundle({ webhooks: { validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.fromSecret('widget-tls', CA_BUNDLE) } });
    expect(ofKind(out, 'Certificate')).toEqual([]);
    expect(ofKind(out, 'Issuer')).toEqual([]);
    expect(operator.certificateObjects).toEqual([]);
    const configuration = onlyOfKind(out, 'ValidatingWebhookConfiguration');
    expect(configuration.metadata.annotations).toBeUndefined();
    expect(configuration.webhooks[0].clientConfig.caBundle).toBe(CA_BUNDLE);
    expect(podSpecOf(onlyOfKind(out, 'Deployment')).volumes).toContainEqual({ name: 'webhook-cert', secret: { secretName: 'widget-tls' } });
  });

  test('a named Issuer or ClusterIssuer is referenced, and no self-signed Issuer is emitted', () => {
    const issuer = bundle({ webhooks: { validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.certManager({ issuerName: 'internal-ca' }) } }).out;
    expect(ofKind(issuer, 'Issuer')).toEqual([]);
    expect(onlyOfKind(issuer, 'Certificate').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'internal-ca' });
    const cluster = bundle({ webhooks: { validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.certManager({ issuerName: 'corp-ca', clusterIssuer: true }) } }).out;
    expect(onlyOfKind(cluster, 'Certificate').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'corp-ca' });
  });

  test('conversion: the CRD gets spec.conversion to /convert on the webhook Service, its CA injected by cert-manager', async () => {
    const { out } = bundle({ crds: [widgetCrd()], webhooks: { conversion: ['widgets.example.com'] } });
    const crd = onlyOfKind(out, 'CustomResourceDefinition');
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { name: 'widget-operator-webhook', namespace: 'ops', path: '/convert', port: 443 } },
        conversionReviewVersions: ['v1'],
      },
    });
    expect(crd.metadata.annotations).toEqual({ 'cert-manager.io/inject-ca-from': 'ops/widget-operator-webhook-server' });
    expect(ofKind(out, 'ValidatingWebhookConfiguration')).toEqual([]);
    expect(await schema.invalid(out)).toEqual([]);
  });

  test('conversion with an existing Secret writes the CA into the CRD\'s clientConfig', () => {
    const { out } = bundle({ crds: [widgetCrd()], webhooks: { conversion: ['widgets.example.com'], certificate: ServingCertificate.fromSecret('widget-tls', CA_BUNDLE) } });
    expect(onlyOfKind(out, 'CustomResourceDefinition').spec.conversion.webhook.clientConfig.caBundle).toBe(CA_BUNDLE);
  });
});

describe('OperatorBundle webhooks: refused', () => {
  test('failurePolicy has no default: leaving it out is an error that names it', () => {
    const { failurePolicy: _dropped, ...withoutPolicy } = VALIDATE_WIDGETS;
    expect(() => bundle({ webhooks: { validating: [withoutPolicy as AdmissionWebhookOptions] } })).toThrow(
      `${ERROR}webhooks.validating[0].failurePolicy is not set (allowed: WebhookFailurePolicy.FAIL, which blocks matching requests while the manager is down, or WebhookFailurePolicy.IGNORE, which admits them unchecked; there is no default, choose one)`);
  });

  test('a webhook on the resources the operator reconciles only in its own namespace, which the selector excludes', () => {
    expect(() => bundle({ watch: WatchScope.ownNamespace() })).toThrow(
      `${ERROR}webhooks.validating[0].interceptOperatorNamespace is not set, so the webhook never sees widgets: the manager reconciles them only in 'ops', which the webhook's namespaceSelector excludes (allowed: interceptOperatorNamespace: true, or watch other namespaces)`);
    // opting in, or a webhook on something the operator does not reconcile, is fine
    const optedIn = { ...VALIDATE_WIDGETS, interceptOperatorNamespace: true };
    expect(() => bundle({ watch: WatchScope.ownNamespace(), webhooks: { validating: [optedIn] } })).not.toThrow();
    const onPods = { ...VALIDATE_WIDGETS, resources: [ApiResource.PODS] };
    expect(() => bundle({ watch: WatchScope.ownNamespace(), webhooks: { validating: [onPods] } })).not.toThrow();
  });

  test.each([
    [{}, 'webhooks lists no webhook (allowed: at least one of validating, mutating, conversion)'],
    [{ validating: [{ ...VALIDATE_WIDGETS, name: 'vwidget' }] }, "webhooks.validating[0].name 'vwidget' is not a fully qualified webhook name"],
    [{ validating: [{ ...VALIDATE_WIDGETS, path: 'validate' }] }, "webhooks.validating[0].path 'validate' is not an HTTP path"],
    [{ validating: [{ ...VALIDATE_WIDGETS, resources: [] }] }, 'webhooks.validating[0].resources is empty'],
    [{ validating: [{ ...VALIDATE_WIDGETS, resources: [ApiResource.custom({ apiGroup: '*', resource: 'widgets' })] }] }, "webhooks.validating[0].resources[0] apiGroup '*' is a wildcard"],
    [{ validating: [{ ...VALIDATE_WIDGETS, apiVersions: ['*'] }] }, "webhooks.validating[0].apiVersions ['*'] is not a list of API versions"],
    [{ validating: [{ ...VALIDATE_WIDGETS, operations: [] }] }, 'webhooks.validating[0].operations [] is not a list of operations (allowed: one or more of CREATE, UPDATE, DELETE, CONNECT)'],
    [{ mutating: [{ ...VALIDATE_WIDGETS, timeout: Duration.seconds(31) }] }, 'webhooks.mutating[0].timeout 31s is not allowed (allowed: 1 to 30 whole seconds'],
    [{ validating: [VALIDATE_WIDGETS, VALIDATE_WIDGETS] }, "webhooks.validating names webhook 'vwidget-v1.example.com' twice"],
    [{ validating: [VALIDATE_WIDGETS], port: 8081 }, 'webhooks.port 8081 is also the healthPort (allowed: a port of its own)'],
    [{ validating: [VALIDATE_WIDGETS], port: 70000 }, 'webhooks.port 70000 is not a port (allowed: 1..65535)'],
    [{ conversion: ['gadgets.example.com'] }, "webhooks.conversion[0] 'gadgets.example.com' is not a CRD of the bundle (CRDs in crdFiles and crds: 'widgets.example.com')"],
    [{ validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.fromSecret('widget-tls', 'bm90IGEgY2VydA==') }, "webhooks.certificate ServingCertificate.fromSecret(): caBundle 'bm90IGEgY2VydA==' is not a base64-encoded PEM certificate"],
    [{ validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.fromSecret('Widget_TLS', CA_BUNDLE) }, "webhooks.certificate ServingCertificate.fromSecret(): secretName 'Widget_TLS' is not a Secret name"],
    [{ validating: [VALIDATE_WIDGETS], certificate: ServingCertificate.certManager({ clusterIssuer: true }) }, 'webhooks.certificate ServingCertificate.certManager(): clusterIssuer is true but no issuerName is given'],
  ] as Array<[Json, string]>)('refuses bad webhooks (%#)', (webhooks, message) => {
    expect(() => bundle({ crds: [widgetCrd()], webhooks })).toThrow(`${ERROR}${message}`);
  });

  test('a conversion webhook on a CRD with one version, or one that preserves unknown fields', () => {
    expect(() => bundle({ crds: [widgetCrd(['v1'])], webhooks: { conversion: ['widgets.example.com'] } })).toThrow(
      `${ERROR}webhooks.conversion[0] 'widgets.example.com' has 1 version(s): a conversion webhook converts between versions (allowed: a CRD with two or more versions)`);
    const preserving = widgetCrd();
    preserving.spec.preserveUnknownFields = true;
    expect(() => bundle({ crds: [preserving], webhooks: { conversion: ['widgets.example.com'] } })).toThrow(
      `${ERROR}webhooks.conversion[0] 'widgets.example.com' sets spec.preserveUnknownFields: true`);
  });

  test('a webhook port equal to the metrics port', () => {
    expect(() => bundle({ metrics: MetricsAccess.plain(), webhooks: { validating: [VALIDATE_WIDGETS], port: 8080 } })).toThrow(`${ERROR}webhooks.port 8080 is also the metricsPort`);
  });
});

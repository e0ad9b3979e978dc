import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { App, Chart } from 'cdk8s';
import * as yaml from 'yaml';
import {
  AdmissionOperation, AdmissionWebhookOptions, ApiResource, FailOn, Guardrails, MetricsAccess, OlmBundle, OlmBundleOptions,
  OperatorBundle, OperatorBundleProps, Permission, RbacSubject, ServingCertificate, WatchScope, WebhookFailurePolicy,
} from '../../src';
import { Json, ofKind, onlyOfKind } from '../helpers';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

const IMAGE = 'ghcr.io/acme/widget-operator:1.0.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b';
const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });
const REASON = 'Widgets are created by every tenant in namespaces that come and go.';
const RELEASE: OlmBundleOptions = { version: '1.2.0', channels: ['stable', 'fast'] };
const VALIDATE_WIDGETS: AdmissionWebhookOptions = {
  name: 'vwidget-v1.example.com',
  path: '/validate-example-com-v1-widget',
  resources: [WIDGETS],
  apiVersions: ['v1'],
  operations: [AdmissionOperation.CREATE, AdmissionOperation.UPDATE],
  failurePolicy: WebhookFailurePolicy.FAIL,
};
const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget' },
    scope: 'Namespaced',
    versions: ['v1alpha1', 'v1'].map((name) => ({
      name, served: true, storage: name === 'v1', schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    })),
  },
};

/** The ClusterServiceVersion schema from operator-framework/api (see test/fixtures/olm/README.md). */
const validateCsv = (() => {
  const schemaFile = path.join(__dirname, '..', 'fixtures', 'olm', 'clusterserviceversion.openapi.yaml');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(yaml.parse(fs.readFileSync(schemaFile, 'utf-8')));
})();

interface Synthesized {
  readonly outdir: string;
  /** The plain YAML of the chart. */
  readonly plain: Json[];
  /** Every file under `bundle/`, by its path relative to it. */
  readonly files: Record<string, Json>;
  readonly csv: Json;
}

function readBundle(outdir: string, directory = 'bundle'): Record<string, Json> {
  const root = path.join(outdir, directory);
  const files: Record<string, Json> = {};
  for (const sub of ['manifests', 'metadata']) {
    if (!fs.existsSync(path.join(root, sub))) continue;
    for (const file of fs.readdirSync(path.join(root, sub)).sort()) files[`${sub}/${file}`] = yaml.parse(fs.readFileSync(path.join(root, sub, file), 'utf-8'));
  }
  return files;
}

/** Synthesizes a widget operator in `ops` with an OLM bundle into a fresh outdir, as `cdk8s synth` does. */
function synthOlm(props: Partial<OperatorBundleProps> = {}, release: OlmBundleOptions = RELEASE, outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'olm-'))): Synthesized {
  const app = new App({ outdir });
  const chart = new Chart(app, 'widgets', { namespace: 'ops' });
  const operator = new OperatorBundle(chart, 'widget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS), Permission.updateStatus(WIDGETS), Permission.events()], ...props });
  operator.olm(release);
  app.synth();
  const plain = yaml.parseAllDocuments(fs.readFileSync(path.join(outdir, 'widgets.k8s.yaml'), 'utf-8')).map(d => d.toJSON());
  const files = readBundle(outdir);
  return { outdir, plain, files, csv: files['manifests/widget-operator.clusterserviceversion.yaml'] };
}

/** The rules the plain output binds to the operator's ServiceAccount, split as OLM splits them. */
function boundRules(plain: Json[]): { namespaced: Json[]; cluster: Json[] } {
  const namespaced: Json[] = [];
  const cluster: Json[] = [];
  for (const binding of [...ofKind(plain, 'RoleBinding'), ...ofKind(plain, 'ClusterRoleBinding')]) {
    if (!binding.subjects.some((s: Json) => s.kind === 'ServiceAccount' && s.name === 'widget-operator' && s.namespace === 'ops')) continue;
    const role = plain.find(m => m.kind === binding.roleRef.kind && m.metadata.name === binding.roleRef.name
      && (m.kind === 'ClusterRole' || m.metadata.namespace === binding.metadata.namespace))!;
    const into = binding.kind === 'RoleBinding' ? namespaced : cluster;
    for (const rule of role.rules) if (!into.some(r => JSON.stringify(r) === JSON.stringify(rule))) into.push(rule);
  }
  return { namespaced, cluster };
}

function installModes(csv: Json): string[] {
  return csv.spec.installModes.filter((m: Json) => m.supported).map((m: Json) => m.type);
}

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

describe('OperatorBundle.olm(): the files', () => {
  const operator = synthOlm({
    watch: WatchScope.namespace('team-a'),
    crds: [WIDGET_CRD],
    webhooks: { validating: [VALIDATE_WIDGETS] },
    metrics: MetricsAccess.authenticated({ scraper: RbacSubject.serviceAccount('monitoring', 'prometheus-k8s') }),
    metricsService: true,
    networkPolicy: true,
    podDisruptionBudget: true,
  }, { ...RELEASE, displayName: 'Widget Operator', description: 'Reconciles widgets.', providerName: 'Acme', keywords: ['widgets'], replaces: 'widget-operator.v1.1.0' });

  test('beside the plain YAML: the CSV, the CRD, what OLM installs from a bundle, and metadata/annotations.yaml', () => {
    expect(Object.keys(operator.files)).toEqual([
      'manifests/example.com_widgets.yaml',
      'manifests/widget-operator-metrics-reader_rbac.authorization.k8s.io_v1_clusterrole.yaml',
      'manifests/widget-operator-metrics-reader_rbac.authorization.k8s.io_v1_clusterrolebinding.yaml',
      'manifests/widget-operator-metrics_v1_service.yaml',
      'manifests/widget-operator.clusterserviceversion.yaml',
      'manifests/widget-operator_policy_v1_poddisruptionbudget.yaml',
      'manifests/widget-operator_v1_serviceaccount.yaml',
      'metadata/annotations.yaml',
    ]);
    expect(fs.existsSync(path.join(operator.outdir, 'widgets.k8s.yaml'))).toBe(true);
    expect(operator.files['metadata/annotations.yaml']).toEqual({
      annotations: {
        'operators.operatorframework.io.bundle.mediatype.v1': 'registry+v1',
        'operators.operatorframework.io.bundle.manifests.v1': 'manifests/',
        'operators.operatorframework.io.bundle.metadata.v1': 'metadata/',
        'operators.operatorframework.io.bundle.package.v1': 'widget-operator',
        'operators.operatorframework.io.bundle.channels.v1': 'stable,fast',
        'operators.operatorframework.io.bundle.channel.default.v1': 'stable',
      },
    });
  });

  test('OLM makes the Namespace-level, webhook and certificate objects itself: none of them is shipped, and no object names a namespace', () => {
    const kinds = Object.values(operator.files).map(f => f.kind);
    for (const kind of ['Namespace', 'NetworkPolicy', 'Issuer', 'Certificate', 'ValidatingWebhookConfiguration', 'Role', 'RoleBinding']) expect(kinds).not.toContain(kind);
    expect(Object.values(operator.files).filter(f => f.kind === 'Service').map(s => s.metadata.name)).toEqual(['widget-operator-metrics']);
    expect(Object.values(operator.files).filter(f => f.metadata?.namespace !== undefined)).toEqual([]);
    expect(operator.files['manifests/widget-operator_v1_serviceaccount.yaml'].automountServiceAccountToken).toBe(false);
  });

  test('the CSV is valid for the ClusterServiceVersion schema of operator-framework/api, its Deployment for Kubernetes', async () => {
    expect(validateCsv(operator.csv) ? [] : validateCsv.errors).toEqual([]);
    const deployment = operator.csv.spec.install.spec.deployments[0];
    expect(await schema.invalid([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: deployment.name }, spec: deployment.spec }])).toEqual([]);
    expect(await schema.invalid(Object.values(operator.files).filter(f => f.apiVersion && f.kind !== 'ClusterServiceVersion'))).toEqual([]);
  });

  test('the CSV\'s metadata: name <package>.v<version>, the release\'s fields, the owned CRD at its storage version, related images', () => {
    expect(operator.csv.metadata).toEqual({
      name: 'widget-operator.v1.2.0',
      annotations: { 'capabilities': 'Basic Install', 'containerImage': IMAGE, 'operators.operatorframework.io/suggested-namespace': 'ops' },
    });
    expect(operator.csv.spec).toMatchObject({
      displayName: 'Widget Operator',
      description: 'Reconciles widgets.',
      version: '1.2.0',
      replaces: 'widget-operator.v1.1.0',
      minKubeVersion: '1.28.0',
      keywords: ['widgets'],
      provider: { name: 'Acme' },
      customresourcedefinitions: { owned: [{ name: 'widgets.example.com', version: 'v1', kind: 'Widget', displayName: 'Widget' }] },
      relatedImages: [{ name: 'manager', image: IMAGE }],
    });
    expect(operator.files['manifests/example.com_widgets.yaml']).toEqual(WIDGET_CRD);
  });

  test('the install strategy is the plain Deployment: same hardened pod, WATCH_NAMESPACE from the OperatorGroup, OLM\'s webhook certificate instead of cert-manager\'s', () => {
    const plainDeployment = onlyOfKind(operator.plain, 'Deployment');
    const [deployment] = operator.csv.spec.install.spec.deployments;
    expect(operator.csv.spec.install.strategy).toBe('deployment');
    expect(deployment.name).toBe('widget-operator');
    expect(deployment.label).toEqual(plainDeployment.metadata.labels);
    const expected = JSON.parse(JSON.stringify(plainDeployment.spec));
    const pod = expected.template.spec;
    pod.volumes = pod.volumes.filter((v: Json) => v.name !== 'webhook-cert');
    const manager = pod.containers[0];
    manager.volumeMounts = manager.volumeMounts.filter((m: Json) => m.name !== 'webhook-cert');
    manager.env = [{ name: 'WATCH_NAMESPACE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['olm.targetNamespaces']" } } }];
    expect(deployment.spec).toEqual(expected);
    // still: no automount, the projected token in the manager only
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(deployment.spec.template.spec.volumes.map((v: Json) => v.name)).toEqual(['api-credentials']);
  });

  test('webhookdefinitions carry the plain configuration\'s webhooks (OLM adds the namespaceSelector)', () => {
    const [webhook] = onlyOfKind(operator.plain, 'ValidatingWebhookConfiguration').webhooks;
    expect(operator.csv.spec.webhookdefinitions).toEqual([{
      type: 'ValidatingAdmissionWebhook',
      generateName: 'vwidget-v1.example.com',
      deploymentName: 'widget-operator',
      containerPort: 443,
      targetPort: 9443,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      timeoutSeconds: 5,
      rules: webhook.rules,
      webhookPath: '/validate-example-com-v1-widget',
    }]);
  });
});

describe('OperatorBundle.olm(): defaults', () => {
  test('package and display name are the bundle\'s name, the default channel the first, Kubernetes 1.28; nothing else is invented', () => {
    const { csv, files } = synthOlm();
    expect(csv.metadata.name).toBe('widget-operator.v1.2.0');
    expect(Object.keys(csv.spec).sort()).toEqual(['displayName', 'install', 'installModes', 'minKubeVersion', 'relatedImages', 'version']);
    expect(csv.spec.displayName).toBe('widget-operator');
    expect(csv.spec.minKubeVersion).toBe('1.28.0');
    expect(files['metadata/annotations.yaml'].annotations['operators.operatorframework.io.bundle.package.v1']).toBe('widget-operator');
    expect(files['metadata/annotations.yaml'].annotations['operators.operatorframework.io.bundle.channel.default.v1']).toBe('stable');
  });
});

describe('OperatorBundle.olm(): permissions are the plain output\'s RBAC', () => {
  test.each([
    ['own namespace', {}],
    ['a list, two replicas (leader election at home)', { watch: WatchScope.namespaces(['team-a', 'team-b']), replicas: 2 }],
    ['a ClusterRole template', { watch: WatchScope.namespaces(['team-a', 'team-b']), clusterRoleTemplate: true }],
    ['all namespaces, cluster permissions', { watch: WatchScope.allNamespaces(REASON), clusterPermissions: [Permission.read(ApiResource.NAMESPACES)] }],
    ['plain metrics', { metrics: MetricsAccess.plain() }],
  ] as Array<[string, Partial<OperatorBundleProps>]>)('%s: permissions and clusterPermissions hold exactly the rules bound to the ServiceAccount', (_name, props) => {
    const { plain, csv } = synthOlm(props);
    const { namespaced, cluster } = boundRules(plain);
    const spec = csv.spec.install.spec;
    expect(spec.permissions ?? []).toEqual(namespaced.length > 0 ? [{ serviceAccountName: 'widget-operator', rules: namespaced }] : []);
    expect(spec.clusterPermissions ?? []).toEqual(cluster.length > 0 ? [{ serviceAccountName: 'widget-operator', rules: cluster }] : []);
    expect(validateCsv(csv) ? [] : validateCsv.errors).toEqual([]);
  });

  test('pinned: own namespace with the default metrics', () => {
    const spec = synthOlm().csv.spec.install.spec;
    expect(spec.permissions).toEqual([{
      serviceAccountName: 'widget-operator',
      rules: [
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        { apiGroups: ['example.com'], resources: ['widgets/status'], verbs: ['get', 'update', 'patch'] },
      ],
    }]);
    expect(spec.clusterPermissions).toEqual([{
      serviceAccountName: 'widget-operator',
      rules: [
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    }]);
  });
});

describe('OperatorBundle.olm(): install modes follow the watch scope', () => {
  test.each([
    ['ownNamespace()', WatchScope.ownNamespace(), ['OwnNamespace']],
    ['namespace(own)', WatchScope.namespace('ops'), ['OwnNamespace']],
    ['namespace(other)', WatchScope.namespace('team-a'), ['SingleNamespace']],
    ['namespaces([a, b])', WatchScope.namespaces(['team-a', 'team-b']), ['MultiNamespace']],
    ['allNamespaces()', WatchScope.allNamespaces(REASON), ['AllNamespaces']],
  ] as Array<[string, WatchScope, string[]]>)('%s supports %s, and all four modes are listed', (_name, watch, modes) => {
    const { csv } = synthOlm({ watch });
    expect(installModes(csv)).toEqual(modes);
    expect(csv.spec.installModes.map((m: Json) => m.type)).toEqual(['OwnNamespace', 'SingleNamespace', 'MultiNamespace', 'AllNamespaces']);
  });
});

describe('OperatorBundle.olm(): certificates OLM cannot provide', () => {
  test('conversion webhooks (all namespaces): a ConversionWebhook definition, the CRD shipped without the conversion OLM writes itself', () => {
    const { csv, files, plain } = synthOlm({ watch: WatchScope.allNamespaces(REASON), crds: [WIDGET_CRD], webhooks: { conversion: ['widgets.example.com'] } });
    expect(onlyOfKind(plain, 'CustomResourceDefinition').spec.conversion.strategy).toBe('Webhook');
    expect(csv.spec.webhookdefinitions).toEqual([{
      type: 'ConversionWebhook',
      generateName: 'conversion.widgets.example.com',
      deploymentName: 'widget-operator',
      containerPort: 443,
      targetPort: 9443,
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      webhookPath: '/convert',
      conversionCRDs: ['widgets.example.com'],
    }]);
    expect(files['manifests/example.com_widgets.yaml']).toEqual(WIDGET_CRD);
    expect(validateCsv(csv) ? [] : validateCsv.errors).toEqual([]);
  });

  test('a cert-manager metrics certificate: left out of the CSV\'s pod and args, and so is the ServiceMonitor that verifies it', () => {
    const metrics = MetricsAccess.authenticated({ certificate: ServingCertificate.certManager(), serviceMonitor: true });
    const { csv, files, plain } = synthOlm({ metrics });
    expect(ofKind(plain, 'ServiceMonitor')).toHaveLength(1);
    const manager = csv.spec.install.spec.deployments[0].spec.template.spec.containers[0];
    expect(manager.args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8443', '--metrics-secure']);
    expect(manager.volumeMounts.map((m: Json) => m.name)).toEqual(['api-credentials']);
    expect(Object.values(files).map(f => f.kind)).not.toContain('ServiceMonitor');
  });

  test('an existing Secret for metrics stays mounted, and its ServiceMonitor and CA ConfigMap are shipped', () => {
    const ca = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
    const { csv, files } = synthOlm({ metrics: MetricsAccess.authenticated({ certificate: ServingCertificate.fromSecret('metrics-tls', ca), serviceMonitor: true }) });
    const manager = csv.spec.install.spec.deployments[0].spec.template.spec.containers[0];
    expect(manager.args).toContain('--metrics-cert-path=/tmp/k8s-metrics-server/metrics-certs');
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'manifests/widget-operator-metrics_monitoring.coreos.com_v1_servicemonitor.yaml',
      'manifests/widget-operator-metrics-ca_v1_configmap.yaml',
    ]));
  });
});

describe('OperatorBundle.olm(): writing', () => {
  test('the bundle is rewritten whole on each synth: byte-identical, and a file of an earlier synth does not linger', () => {
    const first = synthOlm({ crds: [WIDGET_CRD] });
    const csvFile = path.join(first.outdir, 'bundle', 'manifests', 'widget-operator.clusterserviceversion.yaml');
    const before = fs.readFileSync(csvFile, 'utf-8');
    const second = synthOlm({}, RELEASE, first.outdir);
    expect(Object.keys(second.files)).not.toContain('manifests/example.com_widgets.yaml');
    const third = synthOlm({}, RELEASE, first.outdir);
    expect(third.files).toEqual(second.files);
    expect(before).toContain('kind: ClusterServiceVersion');
  });

  test('a directory of your choice', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'olm-'));
    const app = new App({ outdir });
    new OperatorBundle(new Chart(app, 'widgets', { namespace: 'ops' }), 'widget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS)] })
      .olm({ ...RELEASE, directory: 'olm/widget-operator' });
    app.synth();
    expect(Object.keys(readBundle(outdir, 'olm/widget-operator'))).toContain('manifests/widget-operator.clusterserviceversion.yaml');
    expect(fs.existsSync(path.join(outdir, 'bundle'))).toBe(false);
  });

  test('with synth-time guardrails: a failing check writes neither the YAML nor the bundle', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'olm-'));
    const app = new App({ outdir });
    // reading ConfigMaps in all namespaces without a reason is an open rbac/cluster-scope warning
    const permissions = [Permission.read(ApiResource.CONFIG_MAPS)];
    const operator = new OperatorBundle(new Chart(app, 'widgets', { namespace: 'ops' }), 'widget-operator', { image: IMAGE, permissions, watch: WatchScope.allNamespaces() });
    operator.olm(RELEASE);
    Guardrails.of(app).check({ failOn: FailOn.WARNING, silent: true });
    expect(() => app.synth()).toThrow(/rbac\/cluster-scope/);
    expect(fs.readdirSync(outdir).filter(f => f.endsWith('.yaml'))).toEqual([]);
    expect(readBundle(outdir)).toEqual({});
  });
});

describe('OperatorBundle.olm(): refused', () => {
  const ERROR = "OperatorBundle 'widgets/widget-operator': ";
  test('GIVEN an OlmBundle created on anything but an OperatorBundle THEN it is refused, naming the way to create one', () => {
    const chart = new Chart(new App(), 'widgets');
    expect(() => new OlmBundle(chart, 'Olm', RELEASE)).toThrow("OperatorBundle 'widgets': olm is an OLM bundle of something that is not an OperatorBundle (allowed: create it with bundle.olm())");
  });

  test.each([
    [{ ...RELEASE, version: '1.2' }, "olm.version '1.2' is not a semantic version"],
    [{ ...RELEASE, channels: [] }, 'olm.channels is empty'],
    [{ ...RELEASE, channels: ['stable,fast'] }, "olm.channels[0] 'stable,fast' is not a channel name"],
    [{ ...RELEASE, channels: ['stable', 'stable'] }, 'olm.channels [stable, stable] lists a channel twice'],
    [{ ...RELEASE, defaultChannel: 'candidate' }, "olm.defaultChannel 'candidate' is not one of the channels (allowed: 'stable', 'fast')"],
    [{ ...RELEASE, packageName: 'Widget Operator' }, "olm.packageName 'Widget Operator' is not a package name"],
    [{ ...RELEASE, replaces: 'v1.1.0 of widgets' }, "olm.replaces 'v1.1.0 of widgets' is not a CSV name"],
    [{ ...RELEASE, minKubeVersion: '1.28' }, "olm.minKubeVersion '1.28' is not a semantic version"],
    [{ ...RELEASE, directory: '../bundle' }, "olm.directory '../bundle' is not a directory inside the outdir"],
    [{ ...RELEASE, directory: '.' }, "olm.directory '.' is not a directory inside the outdir"],
  ] as Array<[OlmBundleOptions, string]>)('refuses bad release options (%#)', (release, message) => {
    expect(() => synthOlm({}, release)).toThrow(`${ERROR}${message}`);
  });

  test('a conversion webhook without all namespaces: OLM installs those only in AllNamespaces mode', () => {
    expect(() => synthOlm({ watch: WatchScope.namespace('team-a'), crds: [WIDGET_CRD], webhooks: { conversion: ['widgets.example.com'] } })).toThrow(
      `${ERROR}olm.version cannot be bundled: OLM installs CSVs with conversion webhooks only in the AllNamespaces install mode`);
  });

  test('a webhook on OLM\'s own API, which OLM refuses', () => {
    const subscriptions = ApiResource.custom({ apiGroup: 'operators.coreos.com', resource: 'subscriptions' });
    expect(() => synthOlm({ webhooks: { validating: [{ ...VALIDATE_WIDGETS, resources: [subscriptions] }] } })).toThrow(
      `${ERROR}olm.version cannot be bundled: a webhook intercepts operators.coreos.com/subscriptions`);
  });

  test('olm() twice, and two operators in one bundle directory', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'olm-')) });
    const chart = new Chart(app, 'widgets', { namespace: 'ops' });
    const first = new OperatorBundle(chart, 'widget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS)] });
    first.olm(RELEASE);
    expect(() => first.olm(RELEASE)).toThrow(`${ERROR}olm is called twice`);
    const second = new OperatorBundle(chart, 'gadget-operator', { image: IMAGE, permissions: [Permission.reconcile(WIDGETS)] });
    expect(() => second.olm(RELEASE)).toThrow("OperatorBundle 'widgets/gadget-operator': olm.directory 'bundle' is already the bundle directory of 'widgets/widget-operator'");
  });
});

import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiResource, DefaultDenyTraffic, OperatorBundle, Permission, SecureJob, SecureNamespace,
} from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import { PropertyError } from '../../src/errors';
import { newChart, ofKind, onlyOfKind, synth } from '../helpers';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

const RESTRICTED_LATEST = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'latest',
};

function recommended(manifests: any[]) {
  return new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest }))).findings
    .map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}: ${f.message}`);
}

describe('SecureNamespace defaults', () => {
  test('GIVEN a chart namespace THEN a Namespace of that name, restricted in every mode at latest, without a namespace of its own', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns');
    const ns = onlyOfKind(synth(chart), 'Namespace');
    expect(ns.metadata).toEqual({ name: 'batch', labels: RESTRICTED_LATEST });
  });

  test('GIVEN podSecurityVersion v1.30 THEN every version label carries it', () => {
    const chart = newChart('batch');
    const ns = new SecureNamespace(chart, 'ns', { podSecurityVersion: 'v1.30' });
    const labels = onlyOfKind(synth(chart), 'Namespace').metadata.labels;
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.30');
    expect(labels['pod-security.kubernetes.io/audit-version']).toBe('v1.30');
    expect(labels['pod-security.kubernetes.io/warn-version']).toBe('v1.30');
    expect(labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(ns.podSecurityVersion).toBe('v1.30');
  });

  test('THEN its default ServiceAccount is written right after it, automount off', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns');
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['Namespace', 'ServiceAccount']);
    expect(out[1]).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'batch' }, automountServiceAccountToken: false });
  });

  test('GIVEN an explicit name and labels in a chart of another namespace THEN they are used, and every object is in the given namespace', () => {
    const chart = newChart('apps');
    new SecureNamespace(chart, 'ns', {
      metadata: { name: 'data', labels: { team: 'storage' } },
      defaultDeny: DefaultDenyTraffic.INGRESS,
      containerDefaults: { cpu: { request: kplus.Cpu.millis(100) } },
      resourceQuota: { pods: 10 },
    });
    const out = synth(chart);
    expect(onlyOfKind(out, 'Namespace').metadata).toEqual({ name: 'data', labels: { team: 'storage', ...RESTRICTED_LATEST } });
    expect(out.filter((m) => m.kind !== 'Namespace').map((m) => m.metadata.namespace)).toEqual(['data', 'data', 'data', 'data']);
  });

  test('GIVEN a SecureNamespace alone or with a secure Job THEN recommended has nothing to say, not even about the default ServiceAccount', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', { defaultDeny: DefaultDenyTraffic.INGRESS_AND_EGRESS });
    expect(recommended(synth(chart))).toEqual([]);
    const job = new SecureJob(chart, 'job', { containers: [{ name: 'run', image: `x:1@sha256:${'a'.repeat(64)}` }], apiAccess: { containers: ['run'] } });
    job.secureServiceAccount.grant(Permission.read(ApiResource.CONFIG_MAPS));
    expect(recommended(synth(chart))).toEqual([]);
  });

  test('GIVEN a `default` ServiceAccount that automounts THEN the same pack flags it (so the check above can fail)', () => {
    const chart = newChart('batch');
    new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'default' }, automountToken: true });
    expect(recommended(synth(chart))).toEqual([expect.stringMatching(/^token\/automount-service-account ServiceAccount\/default: /)]);
  });

  test('every object it can emit is a valid Kubernetes object for kubernetes-models', async () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', {
      podSecurityVersion: 'v1.28',
      defaultDeny: DefaultDenyTraffic.INGRESS_AND_EGRESS,
      containerDefaults: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(64), limit: Size.gibibytes(1) },
        ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(2) },
      },
      resourceQuota: {
        cpu: { request: kplus.Cpu.units(4), limit: kplus.Cpu.units(8) },
        memory: { request: Size.gibibytes(8), limit: Size.gibibytes(16) },
        pods: 50,
      },
    });
    const out = synth(chart);
    expect(out.map((m) => m.kind)).toEqual(['Namespace', 'ServiceAccount', 'NetworkPolicy', 'LimitRange', 'ResourceQuota']);
    expect(await schema.invalid(out)).toEqual([]);
  });
});

describe('SecureNamespace options', () => {
  test('defaultDeny INGRESS: one policy selecting every pod, Ingress only', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', { defaultDeny: DefaultDenyTraffic.INGRESS });
    const policy = onlyOfKind(synth(chart), 'NetworkPolicy');
    expect(policy.metadata.name).toBe('default-deny-ingress');
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
  });

  test('defaultDeny INGRESS_AND_EGRESS: Ingress and Egress, no rule', () => {
    const chart = newChart('batch');
    const ns = new SecureNamespace(chart, 'ns', { defaultDeny: DefaultDenyTraffic.INGRESS_AND_EGRESS });
    const policy = onlyOfKind(synth(chart), 'NetworkPolicy');
    expect(policy.metadata.name).toBe('default-deny-all');
    expect(policy.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(ns.networkPolicy).toBeDefined();
  });

  test('without options: no NetworkPolicy, LimitRange or ResourceQuota', () => {
    const chart = newChart('batch');
    const ns = new SecureNamespace(chart, 'ns');
    const out = synth(chart);
    expect(['NetworkPolicy', 'LimitRange', 'ResourceQuota'].flatMap((kind) => ofKind(out, kind))).toEqual([]);
    expect([ns.networkPolicy, ns.limitRange, ns.resourceQuota]).toEqual([undefined, undefined, undefined]);
  });

  test('containerDefaults: a Container LimitRange with default (limits) and defaultRequest (requests)', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', {
      containerDefaults: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(64), limit: Size.gibibytes(1) },
        ephemeralStorage: { limit: Size.gibibytes(2) },
      },
    });
    const range = onlyOfKind(synth(chart), 'LimitRange');
    expect(range.metadata.name).toBe('container-defaults');
    expect(range.spec.limits).toEqual([{
      type: 'Container',
      default: { 'cpu': '500m', 'memory': '1024Mi', 'ephemeral-storage': '2048Mi' },
      defaultRequest: { cpu: '100m', memory: '64Mi' },
    }]);
  });

  test('resourceQuota: requests.*, limits.* and pods', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', { resourceQuota: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(4) }, memory: { limit: Size.gibibytes(8) }, pods: 20 } });
    const quota = onlyOfKind(synth(chart), 'ResourceQuota');
    expect(quota.metadata.name).toBe('compute-quota');
    expect(quota.spec.hard).toEqual({ 'requests.cpu': '2', 'limits.cpu': '4', 'limits.memory': '8192Mi', 'pods': 20 });
  });
});

describe('SecureNamespace refuses bad input', () => {
  const cases: [string, (chart: Chart) => void, string][] = [
    ['a version kube-apiserver would not parse', (c) => new SecureNamespace(c, 'ns', { podSecurityVersion: '1.30' }), "podSecurityVersion '1.30' is not a Pod Security version (allowed: 'latest' or 'v1.<minor>', e.g. 'v1.30')"],
    ['a leading zero', (c) => new SecureNamespace(c, 'ns', { podSecurityVersion: 'v1.030' }), "podSecurityVersion 'v1.030' is not a Pod Security version"],
    ['another major', (c) => new SecureNamespace(c, 'ns', { podSecurityVersion: 'v2.0' }), "podSecurityVersion 'v2.0' is not a Pod Security version"],
    ['a capital', (c) => new SecureNamespace(c, 'ns', { podSecurityVersion: 'Latest' }), "podSecurityVersion 'Latest' is not a Pod Security version"],
    ['a Pod Security label', (c) => new SecureNamespace(c, 'ns', { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } }), "metadata.labels['pod-security.kubernetes.io/enforce'] is set by SecureNamespace"],
    ['a namespace on the Namespace', (c) => new SecureNamespace(c, 'ns', { metadata: { namespace: 'other' } }), "metadata.namespace 'other' is set, but a Namespace is cluster-scoped"],
    ['a name that is not a DNS label', (c) => new SecureNamespace(c, 'ns', { metadata: { name: 'Data_1' } }), "metadata.name 'Data_1' is not a valid namespace name"],
    ['a request above its limit', (c) => new SecureNamespace(c, 'ns', { containerDefaults: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } }), 'containerDefaults.cpu request 2 is above the limit 500m'],
    ['a memory request above its limit', (c) => new SecureNamespace(c, 'ns', { containerDefaults: { memory: { request: Size.gibibytes(2), limit: Size.mebibytes(512) } } }), 'containerDefaults.memory request 2048Mi is above the limit 512Mi'],
    ['empty containerDefaults', (c) => new SecureNamespace(c, 'ns', { containerDefaults: {} }), 'containerDefaults sets no request or limit'],
    ['a fraction of a MiB', (c) => new SecureNamespace(c, 'ns', { containerDefaults: { memory: { limit: Size.kibibytes(1536) } } }), 'containerDefaults.memory 1536 KiB is not a whole number of MiB'],
    ['a negative CPU', (c) => new SecureNamespace(c, 'ns', { resourceQuota: { cpu: { limit: kplus.Cpu.millis(-1) } } }), "resourceQuota.cpu '-1m' is not a CPU amount"],
    ['an empty quota', (c) => new SecureNamespace(c, 'ns', { resourceQuota: {} }), 'resourceQuota sets nothing'],
    ['a fractional pod count', (c) => new SecureNamespace(c, 'ns', { resourceQuota: { pods: 1.5 } }), 'resourceQuota.pods 1.5 is not a pod count'],
  ];
  test.each(cases)('%s', (_name, build, problem) => {
    const attempt = () => build(newChart('batch'));
    expect(attempt).toThrow(PropertyError);
    expect(attempt).toThrow(`SecureNamespace 'test/ns': ${problem}`);
  });

  test('no name and no chart namespace', () => {
    const chart = new Chart(Testing.app(), 'plain');
    expect(() => new SecureNamespace(chart, 'ns')).toThrow("SecureNamespace 'plain/ns': metadata.name is not set and the chart has no namespace");
  });

  test.each(['latest', 'v1.0', 'v1.9', 'v1.28', 'v1.130'])('accepts %s, as Pod Security admission parses it', (version) => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'ns', { podSecurityVersion: version });
    expect(onlyOfKind(synth(chart), 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe(version);
  });
});

describe('SecureNamespace.of: workloads of its chart find it', () => {
  test('GIVEN a chart namespace THEN of() returns the SecureNamespace named after it, from any construct of the chart', () => {
    const chart = newChart('batch');
    new SecureNamespace(chart, 'other', { metadata: { name: 'other' } });
    const ns = new SecureNamespace(chart, 'ns');
    const job = new SecureJob(chart, 'job', { containers: [{ image: 'x:1' }] });
    expect(SecureNamespace.of(job)).toBe(ns);
    expect(SecureNamespace.of(job.secureServiceAccount)).toBe(ns);
    expect(SecureNamespace.of(job).name).toBe(job.metadata.namespace);
  });

  test('GIVEN a chart without a namespace THEN of() returns its only SecureNamespace', () => {
    const chart = new Chart(Testing.app(), 'plain');
    const ns = new SecureNamespace(chart, 'ns', { metadata: { name: 'data' } });
    expect(SecureNamespace.of(chart)).toBe(ns);
    expect(SecureNamespace.tryOf(chart)).toBe(ns);
  });

  test('GIVEN an OperatorBundle that creates its namespace THEN of() finds it inside the bundle', () => {
    const chart = newChart('ops');
    const bundle = new OperatorBundle(chart, 'op', { image: `x:1@sha256:${'a'.repeat(64)}`, permissions: [Permission.read(ApiResource.CONFIG_MAPS)], createNamespace: true });
    expect(bundle.namespaceObject).toBeInstanceOf(SecureNamespace);
    expect(SecureNamespace.of(bundle.deployment)).toBe(bundle.namespaceObject);
  });

  test('GIVEN none, or several and none is the chart namespace THEN of() explains, tryOf() is undefined', () => {
    const empty = newChart('batch');
    expect(SecureNamespace.tryOf(empty)).toBeUndefined();
    expect(() => SecureNamespace.of(empty)).toThrow("SecureNamespace 'test': of() finds no SecureNamespace: none is named after the chart's namespace 'batch' (SecureNamespaces in the chart: none)");
    const two = new Chart(Testing.app(), 'plain');
    new SecureNamespace(two, 'a', { metadata: { name: 'a' } });
    new SecureNamespace(two, 'b', { metadata: { name: 'b' } });
    expect(SecureNamespace.tryOf(two)).toBeUndefined();
    expect(() => SecureNamespace.of(two)).toThrow("the chart has no namespace and not exactly one SecureNamespace (SecureNamespaces in the chart: 'a', 'b')");
  });
});

describe('OperatorBundle createNamespace', () => {
  test('GIVEN createNamespace THEN the namespace\'s default ServiceAccount is automount-free, written after the Namespace and before the rest', () => {
    const chart = newChart('ops');
    new OperatorBundle(chart, 'op', { image: `x:1@sha256:${'a'.repeat(64)}`, permissions: [Permission.read(ApiResource.CONFIG_MAPS)], createNamespace: true });
    const out = synth(chart);
    expect(out.slice(0, 2).map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Namespace/ops', 'ServiceAccount/default']);
    expect(out[1].automountServiceAccountToken).toBe(false);
    expect(out[0].metadata.labels).toEqual(RESTRICTED_LATEST);
  });
});

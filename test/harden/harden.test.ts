import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Helm, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'yaml';
import { ComplianceEngine } from '../../src/compliance/engine';
import { Harden } from '../../src/harden/harden';
import type { Manifest } from '../../src/k8s/manifest';
import { Guardrails } from '../../src/synth/guardrails';

const VENDORED = path.join(__dirname, '..', '..', 'examples', 'third-party-operator', 'vendor', 'acme-gadget-operator.yaml');
const MANAGER = 'Deployment/gadget-operator-controller-manager';
const CREDENTIALS_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

let errorSpy: jest.SpyInstance;
beforeEach(() => {
  errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errorSpy.mockRestore());

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'harden-'));
}

function byName(manifests: Manifest[], kind: string, name: string): any {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** The `tokens` findings of manifests, as one line each. */
function tokenFindings(manifests: readonly Manifest[], namespace?: string): string[] {
  const report = new ComplianceEngine({ packs: ['tokens'], namespace }).check(manifests.map((manifest) => ({ manifest })));
  expect(report.inputErrors).toEqual([]);
  return report.findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}`);
}

describe('Harden on an Include of a vendored operator install', () => {
  test('GIVEN the vendored install as shipped THEN the tokens pack finds automounted tokens (the reason to harden it)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    const findings = tokenFindings(Testing.synth(chart));
    expect(findings).toEqual(expect.arrayContaining([
      'token/automount-service-account ServiceAccount/gadget-operator-controller-manager',
      'token/automount-pod Deployment/gadget-operator-controller-manager',
      'token/sidecar-exposure Deployment/gadget-operator-controller-manager',
      'token/unnecessary-token Deployment/gadget-operator-dashboard',
    ]));
  });

  test('GIVEN Harden with the manager as token container and the synth-time check WHEN synthesized THEN the check passes and the written YAML is hardened', () => {
    const outdir = tmpdir();
    const app = new App({ outdir });
    Guardrails.of(app).check({ packs: ['tokens'], failOn: undefined });
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    new Harden(chart, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });

    expect(() => app.synth()).not.toThrow();
    const written = yaml.parseAllDocuments(fs.readFileSync(path.join(outdir, 'op.k8s.yaml'), 'utf-8')).map((d) => d.toJSON() as Manifest);
    expect(tokenFindings(written)).toEqual([]);
    const manager = byName(written, 'Deployment', 'gadget-operator-controller-manager').spec.template.spec;
    expect(manager.automountServiceAccountToken).toBe(false);
    expect(manager.containers.map((c: any) => (c.volumeMounts ?? []).map((m: any) => m.mountPath))).toEqual([
      ['/var/lib/gadgets/templates', CREDENTIALS_PATH], [],
    ]);
    expect(manager.initContainers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/var/lib/gadgets/templates']);
    // cdk8s writes keys sorted; what the rewrite adds is sorted too.
    expect(Object.keys(manager)).toEqual([...Object.keys(manager)].sort());
    expect(manager.volumes[1]).toEqual({
      name: 'api-credentials',
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    });
    const dashboard = byName(written, 'Deployment', 'gadget-operator-dashboard').spec.template.spec;
    expect(dashboard.automountServiceAccountToken).toBe(false);
    expect(dashboard.volumes).toBeUndefined();
    expect(byName(written, 'ServiceAccount', 'gadget-operator-dashboard').automountServiceAccountToken).toBe(false);
  });

  test('GIVEN the same app without Harden THEN the synth-time check fails: Harden is what makes it pass', () => {
    const app = new App({ outdir: tmpdir() });
    Guardrails.of(app).check({ packs: ['tokens'] });
    new Include(new Chart(app, 'op', { namespace: 'acme-system' }), 'vendor', { url: VENDORED });
    expect(() => app.synth()).toThrow(/token\/automount-pod/);
  });

  test('GIVEN no token containers THEN every container that held the token keeps it, and the check warns about the sidecars', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    new Harden(chart, 'harden');
    const written = Testing.synth(chart);
    const manager = byName(written, 'Deployment', 'gadget-operator-controller-manager').spec.template.spec;
    const holders = [...manager.initContainers, ...manager.containers]
      .filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.mountPath === CREDENTIALS_PATH)).map((c: any) => c.name);
    expect(holders).toEqual(['install-templates', 'manager', 'metrics-exporter']);
    // One finding for the pod's token volume, naming the containers it reaches beyond the one that needs it.
    expect(tokenFindings(written)).toEqual(['token/sidecar-exposure Deployment/gadget-operator-controller-manager']);
  });

  test('GIVEN repeated synths THEN each writes the same YAML (the rewrite does not pile up)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    new Harden(chart, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });
    const first = app.synthYaml();
    expect(app.synthYaml()).toBe(first);
    expect(yaml.stringify(Testing.synth(chart))).toBe(yaml.stringify(yaml.parseAllDocuments(first).map((d) => d.toJSON())));
  });

  test('GIVEN Harden twice (chart and Include) THEN the output is the same as once: the rewrite is idempotent', () => {
    const once = Testing.app();
    const a = new Chart(once, 'op', { namespace: 'acme-system' });
    new Include(a, 'vendor', { url: VENDORED });
    new Harden(a, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });
    const twice = Testing.app();
    const b = new Chart(twice, 'op', { namespace: 'acme-system' });
    const include = new Include(b, 'vendor', { url: VENDORED });
    new Harden(b, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });
    new Harden(include, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });
    expect(Testing.synth(b)).toEqual(Testing.synth(a));
  });
});

describe('Harden on what cdk8s renders: raw ApiObjects, cdk8s-plus, Helm', () => {
  test('GIVEN a cdk8s-plus Deployment that asks for automount and a raw Role bound to its account THEN the rendered pod gets a projected token instead', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'plus', { namespace: 'shop' });
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'worker' }, automountToken: true });
    new kplus.Deployment(chart, 'worker', {
      serviceAccount: sa,
      automountServiceAccountToken: true,
      containers: [{ name: 'worker', image: 'worker:1', securityContext: { user: 1000 } }],
    });
    new ApiObject(chart, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'worker' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
    new ApiObject(chart, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'worker' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'worker' },
      subjects: [{ kind: 'ServiceAccount', name: 'worker' }],
    });
    new Harden(chart, 'harden');
    const written = Testing.synth(chart);
    expect(byName(written, 'ServiceAccount', 'worker').automountServiceAccountToken).toBe(false);
    const pod = written.find((m) => m.kind === 'Deployment')!.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].volumeMounts).toEqual([{ mountPath: CREDENTIALS_PATH, name: 'api-credentials', readOnly: true }]);
    expect(tokenFindings(written)).toEqual([]);
  });

  test('GIVEN objects added after Harden THEN they are hardened too (the scope is read at synth)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'late');
    new Harden(chart, 'harden');
    new ApiObject(chart, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'late' } });
    expect(Testing.synth(chart)[0].automountServiceAccountToken).toBe(false);
  });

  test('GIVEN RBAC outside the scope THEN it is not seen: the pod of an account bound elsewhere gets no token (harden the scope that holds the RBAC)', () => {
    const app = Testing.app();
    const rbac = new Chart(app, 'rbac');
    new ApiObject(rbac, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'm' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
    new ApiObject(rbac, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'm' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'm' },
      subjects: [{ kind: 'ServiceAccount', name: 'm', namespace: 'default' }],
    });
    const workloads = new Chart(app, 'workloads');
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'm' }, spec: { serviceAccountName: 'm', containers: [{ name: 'm', image: 'm:1' }] } };
    new ApiObject(workloads, 'pod', pod);
    new Harden(workloads, 'harden');
    expect(Testing.synth(workloads)[0].spec.volumes).toBeUndefined();
    // Hardening the whole app sees the binding.
    const whole = Testing.app();
    new Harden(whole, 'harden');
    const c = new Chart(whole, 'all');
    for (const [id, props] of Object.entries({ role: rbac.node.findChild('role'), binding: rbac.node.findChild('binding') })) new ApiObject(c, id, (props as ApiObject).toJson());
    new ApiObject(c, 'pod', pod);
    expect(Testing.synth(c).find((m) => m.kind === 'Pod').spec.volumes.map((v: any) => v.name)).toEqual(['api-credentials']);
  });

  test('GIVEN a Helm chart (helm template output) THEN its objects are hardened like an Include', () => {
    const dir = tmpdir();
    const fakeHelm = path.join(dir, 'helm');
    // Stands in for `helm template`: prints the vendored install, as a chart would render it.
    fs.writeFileSync(fakeHelm, `#!/bin/sh\ncat '${VENDORED}'\n`, { mode: 0o755 });
    const app = Testing.app();
    const chart = new Chart(app, 'helm', { namespace: 'acme-system' });
    new Helm(chart, 'gadget', { chart: 'acme/gadget-operator', helmExecutable: fakeHelm });
    new Harden(chart, 'harden', { tokenContainers: { [MANAGER]: ['manager'] } });
    expect(tokenFindings(Testing.synth(chart))).toEqual([]);
  });
});

describe('Harden on what the library\'s own constructs write', () => {
  test.each(['secure-workload', 'secure-workloads', 'operator-namespaced', 'operator-webhook'])(
    'GIVEN example %s (already hardened by its constructs) THEN Harden over the whole app changes nothing',
    (name) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createApp } = require(path.join(__dirname, '..', '..', 'examples', name, 'app'));
      const plain: App = createApp(tmpdir());
      const hardened: App = createApp(tmpdir());
      new Harden(hardened, 'harden');
      expect(hardened.synthYaml()).toBe(plain.synthYaml());
    },
  );
});

describe('Harden: bad props and names', () => {
  test.each([
    [{ tokenTtl: Duration.seconds(3607) }, "Harden 'c/harden': tokenTtl 3607s is refused"],
    [{ tokenTtl: Duration.seconds(599) }, "Harden 'c/harden': tokenTtl 599s is below the Kubernetes minimum of 600s"],
    [{ tokenTtl: Duration.millis(600500) }, "Harden 'c/harden': tokenTtl 10 minutes 500 millis is not a whole number of seconds"],
    [{ tokenContainers: { manager: ['manager'] } }, "Harden 'c/harden': tokenContainers workload 'manager' is not allowed: expected KIND/NAMESPACE/NAME or KIND/NAME"],
    [{ namespace: 'Ops' }, "Harden 'c/harden': namespace 'Ops' is not a valid namespace name"],
    [{ podTemplates: [{ group: 'example.com', kind: 'WorkerPool', paths: ['spec..template'] }] }, "Harden 'c/harden': podTemplates "],
  ])('GIVEN %j THEN the constructor refuses it, naming the path, the property and what is allowed', (props, message) => {
    expect(() => new Harden(new Chart(Testing.app(), 'c'), 'harden', props)).toThrow(message);
  });

  test('GIVEN a workload name with a typo THEN synth fails naming the closest object', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    new Harden(chart, 'harden', { tokenContainers: { 'Deployment/gadget-operator-controler-manager': ['manager'] } });
    expect(() => Testing.synth(chart)).toThrow("[op/harden] Harden: tokenContainers['Deployment/gadget-operator-controler-manager'] names "
      + "Deployment/acme-system/gadget-operator-controler-manager, which is not an object under 'op'; did you mean 'Deployment/acme-system/gadget-operator-controller-manager'?");
  });

  test('GIVEN a container name with a typo THEN synth fails naming the containers and the closest', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'op', { namespace: 'acme-system' });
    new Include(chart, 'vendor', { url: VENDORED });
    new Harden(chart, 'harden', { tokenContainers: { [MANAGER]: ['manger'] } });
    expect(() => Testing.synth(chart)).toThrow("Harden 'op/harden': tokenContainers['Deployment/gadget-operator-controller-manager']: "
      + "Deployment/gadget-operator-controller-manager has no container 'manger' (its containers: install-templates (init), manager, metrics-exporter); did you mean 'manager'?");
  });
});

describe('Harden with podTemplates', () => {
  function workerPoolChart(podTemplates?: Array<{ group: string; kind: string; paths?: string[] }>) {
    const chart = new Chart(Testing.app(), 'jobs', { namespace: 'jobs' });
    new ApiObject(chart, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner' } });
    new ApiObject(chart, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'runner' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] } as any);
    new ApiObject(chart, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'runner' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'runner' },
      subjects: [{ kind: 'ServiceAccount', name: 'runner' }],
    } as any);
    new ApiObject(chart, 'pool', {
      apiVersion: 'example.com/v1',
      kind: 'WorkerPool',
      metadata: { name: 'pool' },
      spec: { pools: [{ template: { spec: { serviceAccountName: 'runner', containers: [{ name: 'worker', image: 'w' }] } } }] },
    } as any);
    new Harden(chart, 'harden', podTemplates ? { podTemplates } : {});
    return byName(Testing.synth(chart), 'WorkerPool', 'pool').spec.pools[0].template.spec;
  }

  test('GIVEN a custom kind declared in podTemplates THEN its pods are hardened like a Deployment\'s; undeclared, it is left as written', () => {
    expect(workerPoolChart().automountServiceAccountToken).toBeUndefined();
    const spec = workerPoolChart([{ group: 'example.com', kind: 'WorkerPool', paths: ['spec.pools[*].template.spec'] }]);
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: CREDENTIALS_PATH, name: 'api-credentials', readOnly: true }]);
  });
});

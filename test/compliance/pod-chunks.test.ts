import { binding, deployment, projectedTokenVolume, role, serviceAccount } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import type { Manifest } from '../../src/compliance/model';
import type { Violation } from '../../src/compliance/rule';
import { RuleRegistry } from '../../src/compliance/rules';

/** One realistic mistake per pod, cycling through them, so that every pod rule has findings. */
const MISTAKES: Array<(spec: Record<string, any>) => void> = [
  () => undefined,
  (spec) => { spec.containers[0].image = 'nginx:latest'; },
  (spec) => { spec.containers[0].securityContext.privileged = true; },
  (spec) => { delete spec.automountServiceAccountToken; },
  (spec) => { spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'nfs', nfs: { server: 'x', path: '/' } }]; },
  (spec) => { spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]; },
  (spec) => { spec.containers[0].securityContext.capabilities = { drop: ['NET_RAW'], add: ['SYS_ADMIN', 'CHOWN'] }; },
  (spec) => { spec.hostNetwork = true; spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; },
  (spec) => { spec.volumes = [projectedTokenVolume('api', { expirationSeconds: 86400 })]; spec.containers[0].volumeMounts = [{ name: 'api', mountPath: '/t' }]; spec.containers[1].volumeMounts = [{ name: 'api', mountPath: '/t' }]; },
  (spec) => { delete spec.containers[1].resources; spec.containers[1].readinessProbe = { httpGet: { host: 'example.com', port: 80 } }; },
  (spec) => { spec.serviceAccountName = 'missing'; },
  (spec) => { delete spec.serviceAccountName; },
  (spec) => { spec.containers[0].securityContext.runAsUser = 0; spec.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; },
];

function container(name: string): Record<string, any> {
  return {
    name,
    image: `registry.example.com/${name}:1.0.0`,
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  };
}

/** `count` Deployments (each with its ServiceAccount), mistakes cycling, plus a Role bound to a few of them. */
function fleet(count: number): Manifest[] {
  const manifests: Manifest[] = [];
  for (let i = 0; i < count; i++) {
    const name = `app-${i}`;
    const spec: Record<string, any> = {
      automountServiceAccountToken: false,
      serviceAccountName: name,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [container('main'), container('proxy')],
    };
    MISTAKES[i % MISTAKES.length](spec);
    manifests.push(serviceAccount(name), deployment(name, spec));
  }
  manifests.push(role('reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]));
  manifests.push(binding('reader', { kind: 'Role', name: 'reader' }, [0, 8, 21].map((i) => ({ kind: 'ServiceAccount', name: `app-${i}` }))));
  return manifests;
}

/** The violations of each pod rule when it runs alone on the whole, unchunked index. */
function unchunked(engine: ComplianceEngine, manifests: readonly Manifest[]): Map<string, Violation[]> {
  const options = { maxTokenTtlSeconds: 3600, podSecurityVersion: 'latest' };
  const result = new Map<string, Violation[]>();
  for (const { rule } of engine.rules) {
    if (rule.scope === 'pod') result.set(rule.id, rule.check(new ManifestIndex(manifests.map((manifest) => ({ manifest }))), options));
  }
  return result;
}

describe('pod rules run chunk by chunk', () => {
  test('GIVEN 300 pods (several chunks) with a mistake in most WHEN the engine checks THEN each pod rule reports exactly what it reports alone on the whole, unchunked input', () => {
    const manifests = fleet(300);
    const engine = new ComplianceEngine({ packs: ['recommended'] });
    const report = engine.check(manifests.map((manifest) => ({ manifest })));
    const reference = unchunked(engine, manifests);

    expect(reference.size).toBeGreaterThan(20);
    let compared = 0;
    for (const [ruleId, violations] of reference) {
      const expected = violations
        .map((v) => `${manifests[v.objectIndex].metadata.name} ${v.path} ${v.target ?? ''} ${v.message}`);
      const actual = report.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.object.name} ${f.path} ${f.target ?? ''} ${f.message}`);
      // The report orders findings by object, path and target: compare as sets of lines.
      expect(actual.sort()).toEqual(expected.sort());
      compared += actual.length;
    }
    expect(compared).toBeGreaterThan(300);
    expect(report.inputErrors).toEqual([]);
  });

  test('GIVEN a pod rule that throws on a pod of a later chunk THEN it is reported once as an input error, with none of its findings, and the other rules still report', () => {
    const manifests = fleet(200);
    const rule = RuleRegistry.get('pss/host-path')!;
    const spy = jest.spyOn(rule, 'check').mockImplementation((index) => {
      if (index.podSpecs.some((pod) => pod.owner.manifest.metadata.name === 'app-150')) throw new Error('boom on app-150');
      return [{ objectIndex: index.podSpecs[0].owner.index, path: '/spec', message: 'from an early chunk' }];
    });
    try {
      const report = new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest })));
      expect(report.inputErrors).toEqual([{ message: 'rule pss/host-path could not check the input: boom on app-150' }]);
      expect(report.findings.filter((f) => f.ruleId === 'pss/host-path')).toEqual([]);
      expect(report.findings.some((f) => f.ruleId === 'pss/privileged')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the engine runs pod rules in chunks of 64 pod specs, and every other rule once', () => {
  test('GIVEN 150 pods WHEN the engine checks THEN a pod rule sees 64, 64 and 22 pod specs and a cluster rule sees all of them at once', () => {
    const podRule = RuleRegistry.get('pss/privileged')!;
    const clusterRule = RuleRegistry.get('rbac/wildcard')!;
    const seenByPodRule: number[] = [];
    const seenByClusterRule: number[] = [];
    const podSpy = jest.spyOn(podRule, 'check').mockImplementation((index) => {
      seenByPodRule.push(index.podSpecs.length);
      return [];
    });
    const clusterSpy = jest.spyOn(clusterRule, 'check').mockImplementation((index) => {
      seenByClusterRule.push(index.podSpecs.length);
      return [{ objectIndex: index.objects.length - 1, path: '/rules/0', message: 'one finding' }];
    });
    try {
      const report = new ComplianceEngine({ packs: ['recommended'] }).check(fleet(150).map((manifest) => ({ manifest })));
      expect(seenByPodRule).toEqual([64, 64, 22]);
      expect(seenByClusterRule).toEqual([150]);
      expect(report.findings.filter((f) => f.ruleId === 'rbac/wildcard').map((f) => f.message)).toEqual(['one finding']);
      expect(report.inputErrors).toEqual([]);
    } finally {
      podSpy.mockRestore();
      clusterSpy.mockRestore();
    }
  });
});

describe('ManifestIndex.forEachPodChunk', () => {
  const indexOf = (pods: number) => new ManifestIndex(fleet(pods).map((manifest) => ({ manifest })));

  test('GIVEN 150 pod specs and chunks of 64 THEN visit sees 64, 64 and 22 pod specs in input order, and podSpecs is restored', () => {
    const index = indexOf(150);
    const all = index.podSpecs;
    const seen: string[][] = [];
    index.forEachPodChunk(64, () => seen.push(index.podSpecs.map((p) => p.owner.manifest.metadata.name)));
    expect(seen.map((chunk) => chunk.length)).toEqual([64, 64, 22]);
    expect(seen.flat()).toEqual(all.map((p) => p.owner.manifest.metadata.name));
    expect(index.podSpecs).toBe(all);
  });

  test('GIVEN a number of pod specs that is a multiple of the chunk size THEN no empty chunk follows the last full one', () => {
    const index = indexOf(128);
    const sizes: number[] = [];
    index.forEachPodChunk(64, () => sizes.push(index.podSpecs.length));
    expect(sizes).toEqual([64, 64]);
  });

  test('GIVEN at most one chunk of pod specs THEN visit sees the index\'s own list, not a copy', () => {
    const index = indexOf(64);
    const all = index.podSpecs;
    const seen: unknown[] = [];
    index.forEachPodChunk(64, () => seen.push(index.podSpecs));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(all);
  });

  test('GIVEN no pod specs THEN visit runs once, with none', () => {
    const index = new ManifestIndex([{ manifest: serviceAccount('web') }]);
    const sizes: number[] = [];
    index.forEachPodChunk(64, () => sizes.push(index.podSpecs.length));
    expect(sizes).toEqual([0]);
  });

  test('GIVEN visit throws THEN podSpecs is still restored', () => {
    const index = indexOf(100);
    const all = index.podSpecs;
    expect(() => index.forEachPodChunk(10, () => { throw new Error('stop'); })).toThrow('stop');
    expect(index.podSpecs).toBe(all);
    expect(index.podSpecs).toHaveLength(100);
  });
});

import { binding, deployment, projectedTokenVolume, role, serviceAccount } from './helpers';
import { ComplianceEngine } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { RuleRunner } from '../../src/compliance/rule-runner';
import { RuleRegistry } from '../../src/compliance/rules';
import type { Manifest } from '../../src/k8s/manifest';

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

/** The violations of each pod or container rule, judged pod by pod here, without the runner. */
function judgedOneByOne(engine: ComplianceEngine, manifests: readonly Manifest[]): Map<string, string[]> {
  const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })));
  const context = { index, options: { maxTokenTtlSeconds: 3600, podSecurityVersion: 'latest' } };
  const result = new Map<string, string[]>();
  for (const { rule } of engine.rules) {
    if (!rule.checkPod && !rule.checkContainer) continue;
    const lines: string[] = [];
    for (const pod of index.podSpecs) {
      const name = pod.owner.manifest.metadata.name;
      for (const v of rule.checkPod?.(pod, context) ?? []) lines.push(`${name} ${v.path} ${v.target ?? ''} ${v.message}`);
      for (const c of pod.containers) {
        for (const v of rule.checkContainer?.(c, pod, context) ?? []) lines.push(`${name} ${c.path}${v.path} ${c.name} ${v.message}`);
      }
    }
    result.set(rule.id, lines);
  }
  return result;
}

describe('RuleRunner: the engine iterates, rules judge', () => {
  test('GIVEN 300 pods (several chunks) with a mistake in most WHEN the runner runs the engine\'s rules THEN each pod and container rule reports exactly what it judges pod by pod', () => {
    const manifests = fleet(300);
    const engine = new ComplianceEngine({ packs: ['recommended'] });
    const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })));
    // The runner's violations, before the engine groups them into one finding per rule, object and field.
    const outcomes = RuleRunner.run(engine.rules.map((r) => r.rule), index, { maxTokenTtlSeconds: 3600, podSecurityVersion: 'latest' });
    const reference = judgedOneByOne(engine, manifests);

    expect(reference.size).toBeGreaterThan(20);
    let compared = 0;
    for (const [ruleId, expected] of reference) {
      const outcome = outcomes.get(RuleRegistry.get(ruleId)!)!;
      if ('error' in outcome) throw outcome.error;
      const actual = outcome.violations.map((v) => `${index.objects[v.objectIndex].manifest.metadata.name} ${v.path} ${v.target ?? ''} ${v.message}`);
      // Chunks interleave the rules: compare as sets of lines.
      expect(actual.sort()).toEqual([...expected].sort());
      compared += actual.length;
    }
    expect(compared).toBeGreaterThan(300);
  });

  test('GIVEN a pod rule that throws on a pod of a later chunk THEN it is reported once as an input error, with none of its findings, and the other rules still report', () => {
    const manifests = fleet(200);
    const rule = RuleRegistry.get('pss/host-path')!;
    const spy = jest.spyOn(rule, 'checkPod').mockImplementation((pod) => {
      if (pod.owner.manifest.metadata.name === 'app-150') throw new Error('boom on app-150');
      return [{ path: '/spec', message: 'from an early pod' }];
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

  test('GIVEN 150 pods WHEN the engine checks THEN every pod rule judges a chunk of 64 pods before the next chunk is read, and a whole-input rule runs once', () => {
    const hostPath = RuleRegistry.get('pss/host-path')!;
    const privileged = RuleRegistry.get('pss/privileged')!;
    const wildcard = RuleRegistry.get('rbac/wildcard')!;
    const order: string[] = [];
    const spies = [
      jest.spyOn(hostPath, 'checkPod').mockImplementation((pod) => { order.push(`host-path ${pod.owner.manifest.metadata.name}`); return undefined; }),
      jest.spyOn(privileged, 'checkContainer').mockImplementation((c, pod) => { if (c.name === 'main') order.push(`privileged ${pod.owner.manifest.metadata.name}`); return undefined; }),
      jest.spyOn(wildcard, 'check').mockImplementation((index) => { order.push(`wildcard ${index.podSpecs.length}`); return [{ objectIndex: index.objects.length - 1, path: '/rules/0', message: 'one finding' }]; }),
    ];
    try {
      const report = new ComplianceEngine({ packs: ['recommended'] }).check(fleet(150).map((manifest) => ({ manifest })));
      const runs = order.reduce<Array<{ rule: string; count: number }>>((acc, line) => {
        const rule = line.split(' ')[0];
        if (acc.length > 0 && acc[acc.length - 1].rule === rule) acc[acc.length - 1].count++;
        else acc.push({ rule, count: 1 });
        return acc;
      }, []);
      expect(runs).toEqual([
        // In catalogue order: pss/privileged comes before pss/host-path.
        { rule: 'privileged', count: 64 }, { rule: 'host-path', count: 64 },
        { rule: 'privileged', count: 64 }, { rule: 'host-path', count: 64 },
        { rule: 'privileged', count: 22 }, { rule: 'host-path', count: 22 },
        { rule: 'wildcard', count: 1 },
      ]);
      expect(order.filter((line) => line.startsWith('host-path')).map((line) => line.split(' ')[1])).toEqual(Array.from({ length: 150 }, (_, i) => `app-${i}`));
      expect(order[order.length - 1]).toBe('wildcard 150');
      expect(report.findings.filter((f) => f.ruleId === 'rbac/wildcard').map((f) => f.message)).toEqual(['one finding']);
      expect(report.inputErrors).toEqual([]);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  test('GIVEN a container rule WHEN it reports THEN the finding points at the container (its pointer prefixed) and targets its name', () => {
    const manifests = fleet(1);
    const rule = RuleRegistry.get('pss/privileged')!;
    const spy = jest.spyOn(rule, 'checkContainer').mockImplementation((c) => (c.name === 'proxy' ? [{ path: '/x', message: 'm' }] : undefined));
    try {
      const report = new ComplianceEngine({ packs: [], severityOverrides: { 'pss/privileged': 'error' } }).check(manifests.map((manifest) => ({ manifest })));
      expect(report.findings.map((f) => [f.object.name, f.path, f.target, f.message])).toEqual([['app-0', '/spec/template/spec/containers/1/x', 'proxy', 'm']]);
    } finally {
      spy.mockRestore();
    }
  });
});

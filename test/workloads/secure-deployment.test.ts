import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiResource, Permission, SecureDeployment, SecureServiceAccount } from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import { allContainers, newChart, ofKind, onlyOfKind, podSpecOf, synth } from '../helpers';

function operator() {
  const chart = newChart('ops');
  const deployment = new SecureDeployment(chart, 'manager', {
    containers: [
      { name: 'manager', image: `ghcr.io/acme/manager:1.2.3@sha256:${'a'.repeat(64)}` },
      { name: 'metrics-proxy', image: `ghcr.io/acme/proxy:0.9@sha256:${'b'.repeat(64)}`, portNumber: 8443 },
    ],
    initContainers: [{ name: 'migrate', image: `ghcr.io/acme/migrate:1.0@sha256:${'c'.repeat(64)}` }],
    apiAccess: { containers: ['manager'], expiration: Duration.minutes(20) },
  });
  return { chart, deployment, out: synth(chart) };
}

describe('SecureDeployment secure defaults', () => {
  test('creates a dedicated ServiceAccount with automount off; no pod uses default', () => {
    const { out, deployment } = operator();
    const sa = onlyOfKind(out, 'ServiceAccount');
    const spec = podSpecOf(onlyOfKind(out, 'Deployment'));
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(spec.serviceAccountName).toBe(sa.metadata.name);
    expect(spec.serviceAccountName).not.toBe('default');
    expect(sa.metadata.namespace).toBe('ops');
    expect(deployment.secureServiceAccount?.name).toBe(sa.metadata.name);
  });

  test('pod-level automountServiceAccountToken is explicitly false', () => {
    const spec = podSpecOf(onlyOfKind(operator().out, 'Deployment'));
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('pod runs as non-root user and group 65532', () => {
    const spec = podSpecOf(onlyOfKind(operator().out, 'Deployment'));
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 });
  });

  test('every container satisfies every Pod Security restricted container control', () => {
    const spec = podSpecOf(onlyOfKind(operator().out, 'Deployment'));
    const containers = allContainers(spec);
    expect(containers.map(c => c.name)).toEqual(['migrate', 'manager', 'metrics-proxy']);
    for (const c of containers) {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.resources.requests).toEqual({ cpu: '1000m', memory: '512Mi' });
      expect(c.resources.limits).toEqual({ cpu: '1500m', memory: '2048Mi' });
    }
    // restricted: no host namespaces, no hostPath, only allowed volume types
    expect(spec.hostNetwork).toBe(false);
    expect(spec.hostPID).toBeUndefined();
    expect(spec.hostIPC).toBeUndefined();
    for (const v of spec.volumes ?? []) {
      expect(Object.keys(v).filter(k => k !== 'name')).toEqual(['projected']);
    }
  });

  test('the token is mounted only into the apiAccess container, with the requested TTL', () => {
    const spec = podSpecOf(onlyOfKind(operator().out, 'Deployment'));
    for (const c of allContainers(spec)) {
      const secretMounts = (c.volumeMounts ?? []).filter((m: any) => m.mountPath.startsWith('/var/run/secrets'));
      expect(secretMounts).toEqual(c.name === 'manager'
        ? [{ name: 'api-credentials', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]
        : []);
    }
    const token = spec.volumes.find((v: any) => v.name === 'api-credentials').projected.sources[0].serviceAccountToken;
    expect(token).toEqual({ path: 'token', expirationSeconds: 1200 });
  });

  test('without apiAccess no container has anything under /var/run/secrets', () => {
    const chart = newChart();
    new SecureDeployment(chart, 'web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    expect(spec.volumes).toBeUndefined();
    for (const c of allContainers(spec)) expect(c.volumeMounts).toBeUndefined();
  });

  test('containers added later are hardened too, and the one accepted weakening is explicit', () => {
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web');
    d.addContainer({ name: 'web', image: 'nginx:1.27', securityContext: { readOnlyRootFilesystem: false, capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } });
    const [c] = podSpecOf(onlyOfKind(synth(chart), 'Deployment')).containers;
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } });
  });

  test('a given SecureServiceAccount is used and no other is created', () => {
    const chart = newChart();
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'web' } });
    const d = new SecureDeployment(chart, 'web', { serviceAccount: sa, containers: [{ image: 'nginx:1.27' }] });
    const out = synth(chart);
    expect(ofKind(out, 'ServiceAccount')).toHaveLength(1);
    expect(podSpecOf(onlyOfKind(out, 'Deployment')).serviceAccountName).toBe('web');
    expect(d.secureServiceAccount).toBe(sa);
  });

  test('audience tokens go only to their containers', () => {
    const chart = newChart();
    const d = new SecureDeployment(chart, 'web', {
      containers: [{ name: 'app', image: 'app:1' }, { name: 'agent', image: 'vault:1' }],
      audienceTokens: [{ audience: 'vault', containers: ['agent'], expiration: Duration.minutes(10) }],
    });
    const spec = podSpecOf(onlyOfKind(synth(chart), 'Deployment'));
    expect(spec.volumes).toEqual([{ name: 'token-vault', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } }]);
    expect(spec.containers[0].volumeMounts).toBeUndefined();
    expect(d.projectedTokens.map(t => t.audience)).toEqual(['vault']);
  });
});

describe('SecureDeployment refuses insecure input', () => {
  const cases: [string, () => void, RegExp][] = [
    ['automount', () => new SecureDeployment(newChart(), 'd', { automountServiceAccountToken: true }), /SecureDeployment 'test\/d': automountServiceAccountToken true is refused/],
    ['default SA', () => {
      const chart = newChart();
      new SecureDeployment(chart, 'd', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'default') });
    }, /SecureDeployment 'test\/d': serviceAccount 'default' is refused/],
    ['automounting SA', () => {
      const chart = newChart();
      new SecureDeployment(chart, 'd', { serviceAccount: new kplus.ServiceAccount(chart, 'sa', { automountToken: true }) });
    }, /serviceAccount '.*' has automountToken true/],
    ['hostNetwork', () => new SecureDeployment(newChart(), 'd', { hostNetwork: true }), /hostNetwork true is refused/],
    ['pod root', () => new SecureDeployment(newChart(), 'd', { securityContext: { user: 0 } }), /SecureDeployment 'test\/d': securityContext.user 0 \(root\) is refused.*allowed: any non-zero UID/],
    ['pod non-root off', () => new SecureDeployment(newChart(), 'd', { securityContext: { ensureNonRoot: false } }), /securityContext.ensureNonRoot false is refused/],
    ['privileged', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }] }), /SecureDeployment 'test\/d': containers\['c'\].securityContext.privileged true is refused/],
    ['escalation', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1', securityContext: { allowPrivilegeEscalation: true } }] }), /containers\['c'\].securityContext.allowPrivilegeEscalation true is refused/],
    ['container root', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1', securityContext: { user: 0 } }] }), /containers\['c'\].securityContext.user 0 \(root\) is refused/],
    ['capabilities', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1', securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }] }), /capabilities.add \[SYS_ADMIN\] is refused: .*only NET_BIND_SERVICE/],
    ['unconfined', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1', securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } } }] }), /seccompProfile.type 'Unconfined' is refused/],
    ['init container', () => {
      const d = new SecureDeployment(newChart(), 'd');
      d.addInitContainer({ name: 'i', image: 'x:1', securityContext: { privileged: true } });
    }, /containers\['i'\].securityContext.privileged true is refused/],
    ['short TTL', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1' }], apiAccess: { containers: ['c'], expiration: Duration.minutes(5) } }), /SecureDeployment 'test\/d': apiAccess.expiration 300s is below the Kubernetes minimum of 600s \(allowed: 600\.\.4294967296 seconds\)/],
    ['3607', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1' }], apiAccess: { containers: ['c'], expiration: Duration.seconds(3607) } }), /apiAccess.expiration 3607s is refused/],
    ['unknown container', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1' }], apiAccess: { containers: ['manager'] } }), /ApiCredentials 'test\/d\/ApiCredentials': containers names 'manager', which is not a container of the pod \(containers: 'c'\)/],
    ['two apiAccess', () => {
      const d = new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1' }], apiAccess: { containers: ['c'] } });
      d.addApiAccess({ containers: ['c'] });
    }, /apiAccess is already set/],
    ['same audience twice', () => new SecureDeployment(newChart(), 'd', {
      containers: [{ name: 'c', image: 'x:1' }],
      audienceTokens: [{ audience: 'vault', containers: ['c'] }, { audience: 'vault', containers: ['c'], mountPath: '/x' }],
    }), /audienceTokens names audience 'vault' twice/],
    ['empty audience', () => new SecureDeployment(newChart(), 'd', { containers: [{ name: 'c', image: 'x:1' }], audienceTokens: [{ audience: '', containers: ['c'] }] }), /audience '' is empty/],
  ];
  test.each(cases)('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('SecureDeployment against the compliance engine', () => {
  test('passes every Pod Security restricted control and the whole recommended pack', () => {
    // GIVEN an operator-like SecureDeployment granted what its token is for
    const { chart, deployment } = operator();
    deployment.secureServiceAccount!.grant(Permission.read(ApiResource.CONFIG_MAPS));
    const inputs = synth(chart).map(manifest => ({ manifest: manifest as any }));
    // WHEN the manifests are checked
    const restricted = new ComplianceEngine({ packs: ['pss-restricted'] }).check(inputs);
    const recommended = new ComplianceEngine({ packs: ['recommended'] }).check(inputs);
    // THEN there is nothing to report
    expect(restricted.findings).toEqual([]);
    expect(recommended.findings).toEqual([]);
    expect(restricted.summary.objects).toBe(inputs.length);
  });

  test('the same engine does flag a plain cdk8s-plus Deployment (so the check above can fail)', () => {
    const chart = newChart();
    new kplus.Deployment(chart, 'plain', { containers: [{ name: 'c', image: 'x:1' }] });
    const inputs = synth(chart).map(manifest => ({ manifest: manifest as any }));
    const ids = new ComplianceEngine({ packs: ['recommended'] }).check(inputs).findings.map(f => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['pss/capabilities', 'pss/seccomp', 'token/default-service-account']));
  });
});

test('metadata keys given as undefined do not erase the generated name', () => {
  const chart = newChart();
  new SecureDeployment(chart, 'web', { metadata: { name: undefined }, containers: [{ image: 'nginx:1.27' }] });
  expect(onlyOfKind(synth(chart), 'Deployment').metadata.name).toMatch(/^test-web-/);
});

import { App, Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiResource, FailOn, Guardrails, Permission, SecureContainer, SecureCronJob, SecureDaemonSet, SecureDeployment, SecureJob,
  SecurePod, SecureServiceAccount, SecureStatefulSet,
} from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import { PropertyError } from '../../src/errors';
import { allContainers, newChart, ofKind, onlyOfKind, podSpecOf, synth } from '../helpers';

type SecureWorkload = SecureDeployment | SecureStatefulSet | SecureDaemonSet | SecureJob | SecureCronJob | SecurePod;
type Props = kplus.AbstractPodProps & {
  apiAccess?: { containers: string[]; expiration?: Duration };
  audienceTokens?: { audience: string; containers: string[]; expiration?: Duration }[];
};

interface Kind {
  /** The construct type, as errors name it. */
  readonly type: string;
  /** The Kubernetes kind of the emitted workload. */
  readonly kind: string;
  readonly build: (scope: Chart, id: string, props?: Props) => SecureWorkload;
  /** The same workload from plain cdk8s-plus, to show the check can fail. */
  readonly plain: (scope: Chart, id: string, props: kplus.AbstractPodProps) => kplus.AbstractPod;
}

const SCHEDULE = Cron.schedule({ minute: '0', hour: '3' });

const KINDS: Kind[] = [
  { type: 'SecureDeployment', kind: 'Deployment', build: (s, id, p) => new SecureDeployment(s, id, p), plain: (s, id, p) => new kplus.Deployment(s, id, p) },
  { type: 'SecureStatefulSet', kind: 'StatefulSet', build: (s, id, p) => new SecureStatefulSet(s, id, p), plain: (s, id, p) => new kplus.StatefulSet(s, id, p) },
  { type: 'SecureDaemonSet', kind: 'DaemonSet', build: (s, id, p) => new SecureDaemonSet(s, id, p), plain: (s, id, p) => new kplus.DaemonSet(s, id, p) },
  { type: 'SecureJob', kind: 'Job', build: (s, id, p) => new SecureJob(s, id, p), plain: (s, id, p) => new kplus.Job(s, id, p) },
  { type: 'SecureCronJob', kind: 'CronJob', build: (s, id, p) => new SecureCronJob(s, id, { schedule: SCHEDULE, ...p }), plain: (s, id, p) => new kplus.CronJob(s, id, { schedule: SCHEDULE, ...p }) },
  { type: 'SecurePod', kind: 'Pod', build: (s, id, p) => new SecurePod(s, id, p), plain: (s, id, p) => new kplus.Pod(s, id, p) },
];

const DIGEST = (c: string) => `@sha256:${c.repeat(64)}`;
/** Containers with ports: a StatefulSet derives its headless Service from them. */
const CONTAINERS: kplus.ContainerProps[] = [
  { name: 'manager', image: `ghcr.io/acme/manager:1.2.3${DIGEST('a')}`, portNumber: 8443 },
  { name: 'metrics-proxy', image: `ghcr.io/acme/proxy:0.9${DIGEST('b')}`, portNumber: 9090 },
];
const INIT_CONTAINERS: kplus.ContainerProps[] = [{ name: 'migrate', image: `ghcr.io/acme/migrate:1.0${DIGEST('c')}` }];

/** The workload of the given kind with two containers, an init container and API access for `manager`. */
function operatorLike(kind: Kind, chart = newChart('ops')) {
  const workload = kind.build(chart, 'manager', {
    containers: CONTAINERS,
    initContainers: INIT_CONTAINERS,
    apiAccess: { containers: ['manager'], expiration: Duration.minutes(20) },
  });
  return { chart, workload, get out() { return synth(chart); } };
}

function workloadOf(kind: Kind, out: any[]) {
  return onlyOfKind(out, kind.kind);
}

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

describe.each(KINDS)('$type secure defaults', (kind) => {
  test('GIVEN no ServiceAccount THEN a dedicated one is created, automount off, and secureServiceAccount is it', () => {
    const { out, workload } = operatorLike(kind);
    const sa = onlyOfKind(out, 'ServiceAccount');
    const spec = podSpecOf(workloadOf(kind, out));
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.namespace).toBe('ops');
    expect(spec.serviceAccountName).toBe(sa.metadata.name);
    // Typed as always defined: this line does not compile if it were optional (strict mode).
    const typed: SecureServiceAccount = workload.secureServiceAccount;
    expect(typed.name).toBe(sa.metadata.name);
  });

  test('THEN the pod is automount-free, non-root 65532, and every container is restricted', () => {
    const spec = podSpecOf(workloadOf(kind, operatorLike(kind).out));
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 });
    expect(allContainers(spec).map((c) => c.name)).toEqual(['migrate', 'manager', 'metrics-proxy']);
    for (const c of allContainers(spec)) {
      expect(c.securityContext).toEqual(RESTRICTED_CONTAINER);
      expect(c.resources.requests).toEqual({ cpu: '1000m', memory: '512Mi' });
      expect(c.resources.limits).toEqual({ cpu: '1500m', memory: '2048Mi' });
    }
    expect(spec.hostNetwork).toBe(false);
  });

  test('THEN the token is mounted only into the apiAccess container, with the requested lifetime', () => {
    const { out, workload } = operatorLike(kind);
    const spec = podSpecOf(workloadOf(kind, out));
    const mountedBy = allContainers(spec).filter((c) => (c.volumeMounts ?? []).some((m: any) => m.name === 'api-credentials')).map((c) => c.name);
    expect(mountedBy).toEqual(['manager']);
    const token = spec.volumes.find((v: any) => v.name === 'api-credentials').projected.sources[0].serviceAccountToken;
    expect(token).toEqual({ path: 'token', expirationSeconds: 1200 });
    expect(workload.projectedTokens.map((t) => t.containers)).toEqual([['manager']]);
  });

  test('GIVEN audience tokens THEN each goes only to its containers', () => {
    const chart = newChart();
    const workload = kind.build(chart, 'w', {
      containers: CONTAINERS,
      audienceTokens: [{ audience: 'vault', containers: ['metrics-proxy'], expiration: Duration.minutes(10) }],
    });
    const spec = podSpecOf(workloadOf(kind, synth(chart)));
    expect(spec.volumes).toEqual([{ name: 'token-vault', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } }]);
    expect(spec.containers.find((c: any) => c.name === 'manager').volumeMounts).toBeUndefined();
    expect(workload.projectedTokens.map((t) => t.audience)).toEqual(['vault']);
  });

  test('GIVEN containers added later (addContainer, attachContainer, addInitContainer) THEN they are hardened too', () => {
    const chart = newChart();
    const workload = kind.build(chart, 'w', { containers: [CONTAINERS[0]] });
    workload.addContainer({ name: 'added', image: 'x:1', securityContext: { readOnlyRootFilesystem: false, capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } });
    workload.attachContainer(new kplus.Container({ name: 'attached', image: 'x:1' }));
    workload.addInitContainer({ name: 'init', image: 'x:1' });
    const byName = Object.fromEntries(allContainers(podSpecOf(workloadOf(kind, synth(chart)))).map((c) => [c.name, c.securityContext]));
    expect(byName.added).toEqual({ ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } });
    expect(byName.attached).toEqual(RESTRICTED_CONTAINER);
    expect(byName.init).toEqual(RESTRICTED_CONTAINER);
  });

  test('GIVEN a SecureServiceAccount THEN it is used and no other is created', () => {
    const chart = newChart();
    const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'worker' } });
    const workload = kind.build(chart, 'w', { serviceAccount: sa, containers: CONTAINERS });
    const out = synth(chart);
    expect(ofKind(out, 'ServiceAccount')).toHaveLength(1);
    expect(podSpecOf(workloadOf(kind, out)).serviceAccountName).toBe('worker');
    expect(workload.secureServiceAccount).toBe(sa);
  });
});

describe.each(KINDS)('$type refuses insecure input, naming the construct path and property', (kind) => {
  const c = { name: 'c', image: 'x:1', portNumber: 8080 };
  const cases: [string, (chart: Chart) => void, string][] = [
    ['automount', (chart) => kind.build(chart, 'd', { containers: [c], automountServiceAccountToken: true }), 'automountServiceAccountToken true is refused'],
    ['default ServiceAccount', (chart) => kind.build(chart, 'd', { containers: [c], serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'default') }), "serviceAccount 'default' is refused"],
    ['automounting ServiceAccount', (chart) => kind.build(chart, 'd', { containers: [c], serviceAccount: new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'x' }, automountToken: true }) }), "serviceAccount 'x' has automountToken true"],
    ['plain ServiceAccount', (chart) => kind.build(chart, 'd', { containers: [c], serviceAccount: new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'plain' } }) }), "serviceAccount 'plain' is not a SecureServiceAccount (allowed: a SecureServiceAccount, or omit it and one is created)"],
    ['imported ServiceAccount', (chart) => kind.build(chart, 'd', { containers: [c], serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'elsewhere') }), "serviceAccount 'elsewhere' is not a SecureServiceAccount"],
    ['hostNetwork', (chart) => kind.build(chart, 'd', { containers: [c], hostNetwork: true }), 'hostNetwork true is refused'],
    ['pod root', (chart) => kind.build(chart, 'd', { containers: [c], securityContext: { user: 0 } }), 'securityContext.user 0 (root) is refused'],
    ['pod non-root off', (chart) => kind.build(chart, 'd', { containers: [c], securityContext: { ensureNonRoot: false } }), 'securityContext.ensureNonRoot false is refused'],
    ['privileged', (chart) => kind.build(chart, 'd', { containers: [{ ...c, securityContext: { privileged: true } }] }), "containers['c'].securityContext.privileged true is refused"],
    ['escalation', (chart) => kind.build(chart, 'd', { containers: [{ ...c, securityContext: { allowPrivilegeEscalation: true } }] }), "containers['c'].securityContext.allowPrivilegeEscalation true is refused"],
    ['capability', (chart) => kind.build(chart, 'd', { containers: [{ ...c, securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }] }), "containers['c'].securityContext.capabilities.add [SYS_ADMIN] is refused"],
    ['unconfined', (chart) => kind.build(chart, 'd', { containers: [{ ...c, securityContext: { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } } }] }), "containers['c'].securityContext.seccompProfile.type 'Unconfined' is refused"],
    ['attached privileged container', (chart) => kind.build(chart, 'd', { containers: [c] }).attachContainer(new kplus.Container({ name: 'p', image: 'x:1', securityContext: { privileged: true } })), "containers['p'].securityContext.privileged true is refused"],
    ['init container as root', (chart) => kind.build(chart, 'd', { containers: [c] }).addInitContainer({ name: 'i', image: 'x:1', securityContext: { user: 0 } }), "containers['i'].securityContext.user 0 (root) is refused"],
    ['short TTL', (chart) => kind.build(chart, 'd', { containers: [c], apiAccess: { containers: ['c'], expiration: Duration.minutes(5) } }), 'apiAccess.expiration 300s is below the Kubernetes minimum of 600s'],
    ['3607', (chart) => kind.build(chart, 'd', { containers: [c], apiAccess: { containers: ['c'], expiration: Duration.seconds(3607) } }), 'apiAccess.expiration 3607s is refused'],
    ['apiAccess twice', (chart) => kind.build(chart, 'd', { containers: [c], apiAccess: { containers: ['c'] } }).addApiAccess({ containers: ['c'] }), 'apiAccess is already set'],
    ['audience twice', (chart) => kind.build(chart, 'd', { containers: [c], audienceTokens: [{ audience: 'vault', containers: ['c'] }, { audience: 'vault', containers: ['c'] }] }), "audienceTokens names audience 'vault' twice"],
  ];
  test.each(cases)('%s', (_name, build, problem) => {
    const chart = newChart();
    let error: unknown;
    try {
      build(chart);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropertyError);
    expect((error as Error).message).toContain(`${kind.type} 'test/d': ${problem}`);
  });

  test('an unknown apiAccess container is named by ApiCredentials, with the containers there are', () => {
    expect(() => kind.build(newChart(), 'd', { containers: [c], apiAccess: { containers: ['manager'] } }))
      .toThrow("ApiCredentials 'test/d/ApiCredentials': containers names 'manager', which is not a container of the pod (containers: 'c')");
  });
});

describe.each(KINDS)('$type against the recommended pack', (kind) => {
  test('GIVEN API access and a real permission THEN zero findings, from the engine and from Guardrails.of(app).check()', () => {
    // GIVEN a guarded app whose workload's token is used for something
    const app = new App({ outdir: '/nonexistent-never-written' });
    Guardrails.of(app).check({ packs: ['recommended'], failOn: FailOn.INFO });
    const chart = new Chart(app, 'ops', { namespace: 'ops' });
    const { workload } = operatorLike(kind, chart);
    workload.secureServiceAccount.grant(Permission.read(ApiResource.CONFIG_MAPS));
    // WHEN synthesized THEN the synth-time check finds nothing to fail on (failOn INFO)
    const manifests = app.charts.flatMap((c) => c.toJson());
    expect(() => app.synthYaml()).not.toThrow();
    // AND the engine agrees: no finding at all
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest })));
    expect(report.findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}`)).toEqual([]);
    expect(report.summary.objects).toBe(manifests.length);
    expect(manifests.map((m) => m.kind)).toContain(kind.kind);
  });

  test('GIVEN the same pod from plain cdk8s-plus THEN the pack flags it (so the check above can fail)', () => {
    const chart = newChart();
    kind.plain(chart, 'plain', { containers: CONTAINERS });
    const ids = new ComplianceEngine({ packs: ['recommended'] }).check(synth(chart).map((manifest) => ({ manifest: manifest as any }))).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['pss/capabilities', 'pss/seccomp', 'token/default-service-account']));
  });
});

describe('SecureContainer.harden', () => {
  test('GIVEN a container of a plain cdk8s-plus Job WHEN hardened THEN it is restricted, and hardening twice changes nothing', () => {
    const chart = newChart();
    const job = new kplus.Job(chart, 'job');
    const container = job.addContainer({ name: 'tool', image: 'x:1', securityContext: { user: 1000, capabilities: { drop: [kplus.Capability.NET_RAW] } } });
    expect(SecureContainer.harden(job, container)).toBe(container);
    SecureContainer.harden(job, container);
    const [c] = podSpecOf(onlyOfKind(synth(chart), 'Job')).containers;
    expect(c.securityContext).toEqual({ ...RESTRICTED_CONTAINER, runAsUser: 1000, capabilities: { drop: ['ALL', 'NET_RAW'] } });
  });

  test('GIVEN a Localhost seccomp profile THEN it is kept', () => {
    const job = new kplus.Job(newChart(), 'job');
    const profile = { type: kplus.SeccompProfileType.LOCALHOST, localhostProfile: 'profiles/tool.json' };
    const container = SecureContainer.harden(job, job.addContainer({ name: 'tool', image: 'x:1', securityContext: { seccompProfile: profile } }));
    expect(container.securityContext.seccompProfile).toEqual(profile);
  });

  test('GIVEN an explicit weakening THEN PropertyError naming SecureContainer, the scope and the field', () => {
    const job = new kplus.Job(newChart(), 'job');
    const container = job.addContainer({ name: 'tool', image: 'x:1', securityContext: { privileged: true } });
    expect(() => SecureContainer.harden(job, container)).toThrow(PropertyError);
    expect(() => SecureContainer.harden(job, container)).toThrow("SecureContainer 'test/job': containers['tool'].securityContext.privileged true is refused");
  });
});

import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ApiResource, MetricsAccess, OperatorBundle, OperatorBundleProps, Permission, WatchScope } from '../../src';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Manifest } from '../../src/k8s/manifest';
import { allContainers, Json, newChart, ofKind, onlyOfKind, podSpecOf, synth } from '../helpers';

const IMAGE = 'ghcr.io/acme/widget-operator:1.0.0@sha256:5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b';
const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });
const RECONCILE_WIDGETS = [Permission.reconcile(WIDGETS), Permission.updateStatus(WIDGETS)];

/** A bundle named `widget-operator` in namespace `ops`, with the given props over the minimal ones. */
function bundle(props: Partial<OperatorBundleProps> = {}, chart: Chart = newChart('ops')) {
  const operator = new OperatorBundle(chart, 'widget-operator', { image: IMAGE, permissions: RECONCILE_WIDGETS, ...props });
  return { chart, operator, out: synth(chart) };
}

function deploymentOf(out: Json[]): Json {
  return onlyOfKind(out, 'Deployment');
}

function managerOf(out: Json[]): Json {
  return podSpecOf(deploymentOf(out)).containers.find((c: Json) => c.name === 'manager');
}

function envOf(container: Json, name: string): Json | undefined {
  return (container.env ?? []).find((e: Json) => e.name === name);
}

/** The rules of the named Role or ClusterRole (in a namespace for a Role). */
function rulesOf(out: Json[], kind: string, name: string, namespace?: string): Json[] {
  const found = ofKind(out, kind).filter(r => r.metadata.name === name && r.metadata.namespace === namespace);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namespace ?? ''}/${name}, found ${found.length}`);
  return found[0].rules;
}

/** The manifests without the RBAC of authenticated metrics (the default), for tests about other RBAC. */
function withoutMetricsRbac(out: Json[]): Json[] {
  return out.filter(m => !/-metrics-(auth|reader)$/.test(m.metadata?.name ?? ''));
}

function tokenVolumesOf(spec: Json): Json[] {
  return (spec.volumes ?? []).filter((v: Json) => v.projected?.sources?.some((s: Json) => s.serviceAccountToken));
}

describe('OperatorBundle defaults', () => {
  test('emits a ServiceAccount with automount off, used by the Deployment, both named after the bundle', () => {
    const { out } = bundle();
    const sa = onlyOfKind(out, 'ServiceAccount');
    const deployment = deploymentOf(out);
    expect(sa.metadata).toMatchObject({ name: 'widget-operator', namespace: 'ops' });
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(deployment.metadata).toMatchObject({ name: 'widget-operator', namespace: 'ops' });
    expect(podSpecOf(deployment).serviceAccountName).toBe('widget-operator');
    expect(podSpecOf(deployment).automountServiceAccountToken).toBe(false);
  });

  test('one replica, no leader election: no --leader-elect and no Lease rule anywhere', () => {
    const { out, operator } = bundle();
    expect(deploymentOf(out).spec.replicas).toBe(1);
    expect(managerOf(out).args).toEqual(['--health-probe-bind-address=:8081', '--metrics-bind-address=:8443', '--metrics-secure']);
    const resources = [...ofKind(out, 'Role'), ...ofKind(out, 'ClusterRole')].flatMap(r => r.rules.flatMap((rule: Json) => rule.resources));
    expect(resources).not.toContain('leases');
    expect(operator.summary.leaderElection).toBe(false);
  });

  test('the manager is hardened: restricted security context, kubebuilder resources, probes on 8081', () => {
    const { out } = bundle();
    const manager = managerOf(out);
    expect(manager.image).toBe(IMAGE);
    expect(manager.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(manager.resources).toEqual({ requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } });
    expect(manager.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 8081 });
    expect(manager.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 8081 });
    expect(manager.ports).toEqual([{ containerPort: 8081, name: 'health' }, { containerPort: 8443, name: 'metrics' }]);
  });

  test('the projected API token (1 h) is mounted into the manager only', () => {
    const { out, operator } = bundle({ sidecars: [{ name: 'metrics-proxy', image: IMAGE }] });
    const spec = podSpecOf(deploymentOf(out));
    const [volume] = tokenVolumesOf(spec);
    expect(tokenVolumesOf(spec)).toHaveLength(1);
    expect(volume.projected.sources[0].serviceAccountToken).toEqual({ path: 'token', expirationSeconds: 3600 });
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === volume.name)).map(c => c.name);
    expect(mounting).toEqual(['manager']);
    expect(operator.summary.tokenContainers).toEqual(['manager']);
    expect(operator.summary.tokenExpirationSeconds).toBe(3600);
  });

  test('own namespace: one Role and RoleBinding in the operator namespace; WATCH_NAMESPACE from the downward API', () => {
    const { out, operator } = bundle();
    const roles = ofKind(out, 'Role');
    expect(roles.map(r => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['ops/widget-operator-manager']);
    const binding = onlyOfKind(out, 'RoleBinding');
    expect(binding.metadata).toMatchObject({ name: 'widget-operator-manager', namespace: 'ops' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'widget-operator-manager' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'ops' }]);
    expect(envOf(managerOf(out), 'WATCH_NAMESPACE')).toEqual({ name: 'WATCH_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
    // the only cluster-wide RBAC is that of authenticated metrics (no watched resource in it)
    expect(ofKind(out, 'ClusterRole').map(r => r.metadata.name)).toEqual(['widget-operator-metrics-auth', 'widget-operator-metrics-reader']);
    expect(ofKind(out, 'ClusterRoleBinding').map(b => b.metadata.name)).toEqual(['widget-operator-metrics-auth']);
    expect(operator.summary).toMatchObject({ serviceAccount: 'ops/widget-operator', watchNamespaces: ['ops'], allNamespaces: false, watchNamespaceValue: 'ops' });
  });

  test('nothing optional is emitted unless asked for (authenticated metrics are the default)', () => {
    const { out } = bundle();
    expect(out.map(m => m.kind).sort()).toEqual(['ClusterRole', 'ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Role', 'RoleBinding', 'ServiceAccount']);
    expect(bundle({ metrics: MetricsAccess.plain() }).out.map(m => m.kind).sort()).toEqual(['Deployment', 'Role', 'RoleBinding', 'ServiceAccount']);
  });
});

describe('OperatorBundle leader election', () => {
  const LEADER_ELECTION_RULES = [
    { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  ];

  test('on by default with 2 replicas: --leader-elect and exactly leases get/create/update, events create/patch, in the operator namespace', () => {
    const { out, operator } = bundle({ replicas: 2, watch: WatchScope.namespace('team-a') });
    expect(deploymentOf(out).spec.replicas).toBe(2);
    expect(managerOf(out).args[0]).toBe('--leader-elect');
    expect(rulesOf(out, 'Role', 'widget-operator-leader-election', 'ops')).toEqual(LEADER_ELECTION_RULES);
    expect(ofKind(out, 'Role').filter(r => r.rules.some((rule: Json) => rule.resources.includes('leases'))).map(r => r.metadata.namespace)).toEqual(['ops']);
    const binding = ofKind(out, 'RoleBinding').find(b => b.metadata.name === 'widget-operator-leader-election')!;
    expect(binding.metadata.namespace).toBe('ops');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'ops' }]);
    expect(operator.summary.leaderElection).toBe(true);
  });

  test('can be turned on for a single replica (safe rolling updates)', () => {
    const { out } = bundle({ leaderElection: true });
    expect(managerOf(out).args).toContain('--leader-elect');
    expect(rulesOf(out, 'Role', 'widget-operator-leader-election', 'ops')).toEqual(LEADER_ELECTION_RULES);
  });

  test('controllerRuntimeFlags false passes only the given args', () => {
    const { out } = bundle({ replicas: 2, controllerRuntimeFlags: false, args: ['--zap-log-level=info'] });
    expect(managerOf(out).args).toEqual(['--zap-log-level=info']);
  });

  test('refuses false with more than one replica', () => {
    expect(() => bundle({ replicas: 3, leaderElection: false })).toThrow(
      "OperatorBundle 'test/widget-operator': leaderElection false with 3 replicas is refused: every replica would reconcile the same objects at once (allowed: true, or replicas 1)");
  });
});

describe('OperatorBundle watch scope', () => {
  test('a single other namespace: Role and RoleBinding there only; WATCH_NAMESPACE names it', () => {
    const { out } = bundle({ watch: WatchScope.namespace('team-a') });
    expect(ofKind(out, 'Role').map(r => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['team-a/widget-operator-manager']);
    expect(envOf(managerOf(out), 'WATCH_NAMESPACE')).toEqual({ name: 'WATCH_NAMESPACE', value: 'team-a' });
  });

  test('a list: a Role and a RoleBinding per namespace, bound to the operator ServiceAccount; WATCH_NAMESPACE is comma-separated', () => {
    const { out, operator } = bundle({ watch: WatchScope.namespaces(['team-a', 'team-b', 'team-c']) });
    const perNamespace = (kind: string) => ofKind(out, kind).filter(o => o.metadata.name === 'widget-operator-manager').map(o => o.metadata.namespace);
    expect(perNamespace('Role')).toEqual(['team-a', 'team-b', 'team-c']);
    expect(perNamespace('RoleBinding')).toEqual(['team-a', 'team-b', 'team-c']);
    for (const binding of ofKind(out, 'RoleBinding')) {
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'ops' }]);
      expect(binding.roleRef.kind).toBe('Role');
    }
    expect(ofKind(withoutMetricsRbac(out), 'ClusterRoleBinding')).toEqual([]);
    expect(envOf(managerOf(out), 'WATCH_NAMESPACE')).toEqual({ name: 'WATCH_NAMESPACE', value: 'team-a,team-b,team-c' });
    expect(operator.summary.watchNamespaces).toEqual(['team-a', 'team-b', 'team-c']);
  });

  test('a list with clusterRoleTemplate: one ClusterRole, a RoleBinding per namespace, no ClusterRoleBinding', () => {
    const { out } = bundle({ watch: WatchScope.namespaces(['team-a', 'team-b']), clusterRoleTemplate: true });
    expect(ofKind(out, 'Role')).toEqual([]);
    expect(ofKind(withoutMetricsRbac(out), 'ClusterRole').map(r => r.metadata.name)).toEqual(['widget-operator-manager']);
    expect(ofKind(out, 'RoleBinding').map(b => [b.metadata.namespace, b.roleRef.kind])).toEqual([['team-a', 'ClusterRole'], ['team-b', 'ClusterRole']]);
    expect(ofKind(withoutMetricsRbac(out), 'ClusterRoleBinding')).toEqual([]);
  });

  test('all namespaces: ClusterRole and ClusterRoleBinding, WATCH_NAMESPACE empty, open finding (no suppression) without a reason', () => {
    const { out, operator } = bundle({ watch: WatchScope.allNamespaces() });
    expect(rulesOf(out, 'ClusterRole', 'widget-operator-manager')).toHaveLength(2);
    const binding = onlyOfKind(withoutMetricsRbac(out), 'ClusterRoleBinding');
    expect(binding.roleRef.name).toBe('widget-operator-manager');
    expect(binding.metadata.annotations?.['guardrails.cdk8s.io/suppress']).toBeUndefined();
    expect(ofKind(out, 'Role')).toEqual([]);
    expect(envOf(managerOf(out), 'WATCH_NAMESPACE')).toEqual({ name: 'WATCH_NAMESPACE', value: '' });
    expect(operator.summary).toMatchObject({ allNamespaces: true, watchNamespaces: [], watchNamespaceValue: '' });
  });

  test('all namespaces without a reason: the recommended pack reports the ClusterRoleBinding, unsuppressed', () => {
    const { out } = bundle({ watch: WatchScope.allNamespaces(), permissions: [Permission.read(ApiResource.CONFIG_MAPS)] });
    const findings = new ComplianceEngine({ packs: ['recommended'] }).check(out.map(manifest => ({ manifest: manifest as Manifest }))).findings;
    expect(findings.filter(f => !f.suppressed).map(f => [f.ruleId, f.object.kind, f.suppressed])).toEqual([['rbac/cluster-scope', 'ClusterRoleBinding', false]]);
  });

  test('all namespaces with a reason: the ClusterRoleBinding carries a rbac/cluster-scope suppression with it', () => {
    const reason = 'Tenants create widgets in namespaces that are added every day.';
    const { out } = bundle({ watch: WatchScope.allNamespaces(reason) });
    const binding = onlyOfKind(withoutMetricsRbac(out), 'ClusterRoleBinding');
    expect(JSON.parse(binding.metadata.annotations['guardrails.cdk8s.io/suppress'])).toEqual([{ rule: 'rbac/cluster-scope', reason }]);
  });

  test('all namespaces keeps suppressions the grant wrote for justified risks', () => {
    const reason = 'Tenants create widgets in namespaces that are added every day.';
    const secrets = Permission.read(ApiResource.SECRETS).withJustification('Widgets reference a TLS Secret by name.');
    const { out } = bundle({ watch: WatchScope.allNamespaces(reason), permissions: [...RECONCILE_WIDGETS, secrets] });
    const rules = JSON.parse(onlyOfKind(withoutMetricsRbac(out), 'ClusterRoleBinding').metadata.annotations['guardrails.cdk8s.io/suppress']).map((s: Json) => s.rule);
    expect(rules).toEqual(['rbac/secrets-access', 'rbac/cluster-scope']);
  });

  test.each([
    ['Team-A', WatchScope.namespace('Team-A')],
    ['team_b', WatchScope.namespaces(['team-a', 'team_b'])],
    ['-team', WatchScope.namespace('-team')],
    ['x'.repeat(64), WatchScope.namespace('x'.repeat(64))],
  ])('refuses watch namespace %s, which is not a valid namespace name', (bad, watch) => {
    expect(() => bundle({ watch })).toThrow(
      `OperatorBundle 'test/widget-operator': watch namespace '${bad}' is not a valid namespace name (a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)`);
  });

  test('refuses an empty list and a namespace listed twice', () => {
    expect(() => bundle({ watch: WatchScope.namespaces([]) })).toThrow("OperatorBundle 'test/widget-operator': watch lists no namespace");
    expect(() => bundle({ watch: WatchScope.namespaces(['a', 'a']) })).toThrow("OperatorBundle 'test/widget-operator': watch lists namespace 'a' twice");
  });

  test('refuses a too-short reason for all namespaces and a template outside a list', () => {
    expect(() => bundle({ watch: WatchScope.allNamespaces('because') })).toThrow(/watch WatchScope.allNamespaces\(\): justification reason "because" is too short/);
    expect(() => bundle({ clusterRoleTemplate: true })).toThrow("OperatorBundle 'test/widget-operator': clusterRoleTemplate true only applies to WatchScope.namespace() or WatchScope.namespaces()");
  });
});

describe('OperatorBundle permissions', () => {
  test('cluster permissions go into a separate minimal ClusterRole and ClusterRoleBinding', () => {
    const { out, operator } = bundle({ clusterPermissions: [Permission.read(ApiResource.NAMESPACES)] });
    expect(rulesOf(out, 'ClusterRole', 'widget-operator-cluster')).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
    const binding = onlyOfKind(withoutMetricsRbac(out), 'ClusterRoleBinding');
    expect(binding.roleRef.name).toBe('widget-operator-cluster');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'widget-operator', namespace: 'ops' }]);
    // the namespaced permissions stay in the Role
    expect(rulesOf(out, 'Role', 'widget-operator-manager', 'ops').flatMap(r => r.resources)).toEqual(['widgets', 'widgets/status']);
    expect(operator.summary.roles.map(r => `${r.kind} ${r.name}`)).toEqual(['Role widget-operator-manager', 'ClusterRole widget-operator-cluster', 'ClusterRole widget-operator-metrics-auth']);
  });

  test('refuses empty permissions', () => {
    expect(() => bundle({ permissions: [] })).toThrow(
      "OperatorBundle 'test/widget-operator': permissions is empty: an operator watches resources, so list what the manager needs in the watched namespaces");
  });

  test('refuses a cluster-scoped resource in permissions and a namespaced one in clusterPermissions', () => {
    expect(() => bundle({ permissions: [Permission.read(ApiResource.NODES)] })).toThrow(
      "OperatorBundle 'test/widget-operator': permissions[0] read(nodes) names cluster-scoped nodes: put it in clusterPermissions");
    expect(() => bundle({ clusterPermissions: [Permission.read(ApiResource.PODS)] })).toThrow(
      "OperatorBundle 'test/widget-operator': clusterPermissions[0] read(pods) names namespaced pods: put it in permissions");
  });

  test('no rule of any emitted role holds a *', () => {
    const { out } = bundle({
      replicas: 2,
      watch: WatchScope.namespaces(['a', 'b']),
      clusterPermissions: [Permission.read(ApiResource.NAMESPACES)],
    });
    const rules = [...ofKind(out, 'Role'), ...ofKind(out, 'ClusterRole')].flatMap(r => r.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect([...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.nonResourceURLs ?? []), ...rule.verbs]).not.toContain('*');
    }
  });
});

describe('OperatorBundle containers and token', () => {
  test('tokenExpiration sets the TTL of the manager token', () => {
    const { out } = bundle({ tokenExpiration: Duration.minutes(20) });
    expect(tokenVolumesOf(podSpecOf(deploymentOf(out)))[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(1200);
  });

  test.each([
    ['5 minutes', Duration.minutes(5), '300s is below the Kubernetes minimum of 600s'],
    ['3607 seconds (extended to a year)', Duration.seconds(3607), '3607s is refused'],
  ])('refuses tokenExpiration of %s', (_label, expiration, message) => {
    expect(() => bundle({ tokenExpiration: expiration })).toThrow(`OperatorBundle 'test/widget-operator': tokenExpiration ${message}`);
  });

  test('a sidecar named in tokenContainers gets the token too; others do not', () => {
    const { out } = bundle({
      sidecars: [{ name: 'metrics-proxy', image: IMAGE }, { name: 'log-shipper', image: IMAGE }],
      tokenContainers: ['manager', 'metrics-proxy'],
    });
    const spec = podSpecOf(deploymentOf(out));
    const volume = tokenVolumesOf(spec)[0].name;
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === volume)).map(c => c.name);
    expect(mounting).toEqual(['manager', 'metrics-proxy']);
    for (const c of allContainers(spec)) expect(c.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('args, env and ports are wired into the manager', () => {
    const { out } = bundle({
      args: ['--zap-log-level=debug'],
      env: { LOG_FORMAT: kplus.EnvValue.fromValue('json') },
      healthPort: 9440,
      metricsPort: 9090,
    });
    const manager = managerOf(out);
    expect(manager.args).toEqual(['--health-probe-bind-address=:9440', '--metrics-bind-address=:9090', '--metrics-secure', '--zap-log-level=debug']);
    expect(envOf(manager, 'LOG_FORMAT')).toEqual({ name: 'LOG_FORMAT', value: 'json' });
    expect(manager.livenessProbe.httpGet.port).toBe(9440);
    expect(manager.readinessProbe.httpGet.port).toBe(9440);
  });

  test.each([
    [{ tokenContainers: ['metrics-proxy'], sidecars: [{ name: 'metrics-proxy', image: IMAGE }] }, "tokenContainers ['metrics-proxy'] leaves out 'manager'"],
    [{ tokenContainers: ['manager', 'nope'] }, "tokenContainers names 'nope', which is not a container of the pod (containers: 'manager')"],
    [{ sidecars: [{ name: 'manager', image: IMAGE }] }, "sidecars[0].name 'manager' is already a container of the pod"],
    [{ sidecars: [{ image: IMAGE }] }, 'sidecars[0].name is not set'],
    [{ env: { WATCH_NAMESPACE: kplus.EnvValue.fromValue('x') } }, 'env.WATCH_NAMESPACE is set by the bundle from `watch`'],
    [{ healthPort: 0 }, 'healthPort 0 is not a port (allowed: 1..65535)'],
    [{ metricsPort: 8081 }, 'metricsPort 8081 is also the healthPort'],
    [{ apiServerCidrs: ['10.0.0.1/32'] }, 'apiServerCidrs is set but networkPolicy is not true'],
  ] as Array<[Partial<OperatorBundleProps>, string]>)('refuses bad container props (%#)', (props, message) => {
    expect(() => bundle(props)).toThrow(`OperatorBundle 'test/widget-operator': ${message}`);
  });
});

describe('OperatorBundle bad props', () => {
  test.each([0, -1, 1.5])('refuses replicas %s', (replicas) => {
    expect(() => bundle({ replicas })).toThrow(
      `OperatorBundle 'test/widget-operator': replicas ${replicas} is not allowed (allowed: a whole number, at least 1; an operator with no pod reconciles nothing)`);
  });

  test('refuses a name that is not a DNS label, and a missing namespace', () => {
    expect(() => bundle({ name: 'Widget_Operator' })).toThrow("OperatorBundle 'test/widget-operator': name 'Widget_Operator' is not a DNS label");
    const chart = new Chart(Testing.app(), 'no-namespace');
    expect(() => new OperatorBundle(chart, 'op', { image: IMAGE, permissions: RECONCILE_WIDGETS })).toThrow(
      "OperatorBundle 'no-namespace/op': namespace is not set and the chart has no namespace");
  });

  test('namespace prop wins over the chart namespace, for every namespaced object', () => {
    const { out } = bundle({ namespace: 'widgets-system', createNamespace: true, metricsService: true, networkPolicy: true, podDisruptionBudget: true });
    const namespaced = out.filter(m => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(m.kind));
    expect(namespaced.map(m => m.metadata.namespace)).toEqual(namespaced.map(() => 'widgets-system'));
  });
});

describe('OperatorBundle optional objects', () => {
  test('createNamespace: the Namespace comes first, without a namespace, with Pod Security restricted labels', () => {
    const { out } = bundle({ createNamespace: true });
    const namespace = out[0];
    expect(namespace.kind).toBe('Namespace');
    expect(namespace.metadata.name).toBe('ops');
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(namespace.metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
  });

  test('metricsService: a ClusterIP Service on the metrics port selecting the manager pods', () => {
    const { out } = bundle({ metricsService: true, metricsPort: 8443 });
    const service = onlyOfKind(out, 'Service');
    expect(service.metadata).toMatchObject({ name: 'widget-operator-metrics', namespace: 'ops' });
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 8443, targetPort: 8443 }]);
    expect(service.spec.selector).toEqual(deploymentOf(out).spec.selector.matchLabels);
  });

  test('networkPolicy: health and metrics in, API server (443, 6443) out, everything else denied', () => {
    const { out } = bundle({ networkPolicy: true });
    const policy = onlyOfKind(out, 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual(deploymentOf(out).spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([{ ports: [{ port: 8081, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }] }]);
    expect(policy.spec.egress).toEqual([{ ports: [{ port: 443, protocol: 'TCP' }, { port: 6443, protocol: 'TCP' }] }]);
  });

  test('networkPolicy with apiServerCidrs narrows egress to those addresses', () => {
    const { out } = bundle({ networkPolicy: true, apiServerCidrs: ['172.20.0.1/32'] });
    expect(onlyOfKind(out, 'NetworkPolicy').spec.egress[0].to).toEqual([{ ipBlock: { cidr: '172.20.0.1/32' } }]);
  });

  test('podDisruptionBudget: maxUnavailable 1 over the manager pods', () => {
    const { out } = bundle({ podDisruptionBudget: true, replicas: 2 });
    const pdb = onlyOfKind(out, 'PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: deploymentOf(out).spec.selector.matchLabels } });
  });
});

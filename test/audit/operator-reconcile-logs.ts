import { Random, SimAccount, simAccount, SimRequest } from './audit-log-generator';

/**
 * Plausible audit logs of the operator examples (examples/operator-*): an hour of what each
 * operator does against the API server (informers' list and watch, leader election, status
 * updates, events), written the way a controller-runtime manager behaves. They are what the
 * examples' READMEs show `cdk8s-guardrails audit` reporting.
 */
export const RECONCILE_LOGS: Record<string, () => SimRequest[]> = {
  'operator-namespaced': namespacedLog,
  'operator-multi-namespace': multiNamespaceLog,
  'operator-cluster-wide': clusterWideLog,
};

const MINUTE = 60_000;

/** What authenticated metrics create on every scrape. */
const METRICS_AUTH_RESOURCES = ['tokenreviews', 'subjectaccessreviews'];

/** The binding (kind, name, role kind, role name) the example's manifests allow a request through. */
type BindingOf = (request: { namespace: string; resource: string }) => [string, string, string, string];

class LogBuilder {
  public readonly requests: SimRequest[] = [];
  private readonly random: Random;
  private ids = 0;

  private readonly bindingOf: BindingOf;

  /**
   * @param operator the bundle's name: its `<name>-metrics-auth` ClusterRoleBinding allows the
   *   TokenReviews and SubjectAccessReviews of authenticated metrics
   */
  constructor(seed: number, operator: string, bindingOf: BindingOf) {
    this.random = new Random(seed);
    this.bindingOf = (request) => (METRICS_AUTH_RESOURCES.includes(request.resource)
      ? ['ClusterRoleBinding', `${operator}-metrics-auth`, 'ClusterRole', `${operator}-metrics-auth`]
      : bindingOf(request));
  }

  public account(namespace: string, name: string, pods = 1): SimAccount {
    return simAccount(this.random, namespace, name, pods);
  }

  public add(time: number, request: Omit<SimRequest, 'time' | 'auditID' | 'allowed'> & { allowed?: boolean }): void {
    this.ids++;
    // The authorizer's reason names the binding that allowed the request (rbac.go ruleAccumulator).
    const [kind, name, roleKind, roleName] = this.bindingOf(request);
    const where = kind === 'RoleBinding' ? `${name}/${request.namespace}` : name;
    const reason = `RBAC: allowed by ${kind} "${where}" of ${roleKind} "${roleName}" to ServiceAccount "${request.account.name}/${request.account.namespace}"`;
    this.requests.push({ allowed: true, reason, ...request, time, auditID: `${this.random.uuid().slice(0, 24)}${String(this.ids).padStart(12, '0')}` });
  }

  /**
   * Authenticated metrics (controller-runtime's WithAuthenticationAndAuthorization, the bundles'
   * default): each Prometheus scrape makes the manager review the scraper's token and ask whether
   * it may get /metrics, every `interval` ms (the filter caches neither).
   */
  public metricsScrapes(account: SimAccount, from: number, to: number, interval = 30_000): void {
    for (let t = from; t < to; t += interval) {
      this.add(t, { account, verb: 'create', apiGroup: 'authentication.k8s.io', resource: 'tokenreviews', namespace: '' });
      this.add(t + 3, { account, verb: 'create', apiGroup: 'authorization.k8s.io', resource: 'subjectaccessreviews', namespace: '' });
    }
  }

  /** An informer: a list, then a watch that the client renews every `renew` ms. */
  public informer(
    account: SimAccount, from: number, to: number, target: { apiGroup: string; resource: string; namespace: string },
    extra: { pod?: number } = {}, renew = 9 * MINUTE,
  ): void {
    this.add(from, { account, ...extra, verb: 'list', ...target });
    for (let t = from + 50; t < to; t += renew) this.add(t, { account, ...extra, verb: 'watch', ...target });
  }
}

/** The Memcached operator: watches Memcacheds and Pods in its namespace, updates status, records events. */
function namespacedLog(): SimRequest[] {
  const log = new LogBuilder(1, 'memcached-operator', () => ['RoleBinding', 'memcached-operator-manager', 'Role', 'memcached-operator-manager']);
  const op = log.account('memcached-system', 'memcached-operator');
  const ns = 'memcached-system';
  const end = 60 * MINUTE;
  log.metricsScrapes(op, 15_000, end);
  log.informer(op, 1000, end, { apiGroup: 'cache.example.com', resource: 'memcacheds', namespace: ns });
  log.informer(op, 1100, end, { apiGroup: '', resource: 'pods', namespace: ns });
  const caches = ['sessions', 'catalog', 'rate-limits'];
  for (let t = 2000, i = 0; t < end; t += 2 * MINUTE, i++) {
    const name = caches[i % caches.length];
    // A status update that lost a race is a 409: still a permission used.
    log.add(t, { account: op, verb: 'patch', apiGroup: 'cache.example.com', resource: 'memcacheds', subresource: 'status', namespace: ns, name, code: i % 7 === 3 ? 409 : 200 });
    if (i % 4 === 0) log.add(t + 20, { account: op, verb: 'create', apiGroup: '', resource: 'events', namespace: ns, name: `${name}.17c9a2${i}` });
  }
  return log.requests;
}

/**
 * The database operator: two replicas with leader election in `platform-operators`; the leader
 * watches Databases, Services and ConfigMaps in the three team namespaces, creates a Service
 * and a ConfigMap per Database, updates status; both follow the namespaces' labels. An engineer
 * debugged it with a token from `kubectl create token`.
 */
function multiNamespaceLog(): SimRequest[] {
  const log = new LogBuilder(2, 'database-operator', ({ namespace }) => (namespace === ''
    ? ['ClusterRoleBinding', 'database-operator-cluster', 'ClusterRole', 'database-operator-cluster']
    : namespace === 'platform-operators'
      ? ['RoleBinding', 'database-operator-leader-election', 'Role', 'database-operator-leader-election']
      : ['RoleBinding', 'database-operator-manager', 'Role', 'database-operator-manager']));
  const op = log.account('platform-operators', 'database-operator', 2);
  const home = 'platform-operators';
  const end = 60 * MINUTE;
  const lease = { apiGroup: 'coordination.k8s.io', resource: 'leases', namespace: home, name: 'database-operator-leader' };
  // Both replicas serve metrics; Prometheus scrapes each.
  log.metricsScrapes(op, 15_000, end);
  log.add(500, { account: op, pod: 0, verb: 'get', ...lease, code: 404 });
  log.add(520, { account: op, pod: 0, verb: 'create', ...lease });
  log.add(540, { account: op, pod: 0, verb: 'create', apiGroup: '', resource: 'events', namespace: home, name: 'database-operator-leader.17c9a1' });
  for (let t = 2000; t < end; t += 10_000) {
    log.add(t, { account: op, pod: 0, verb: 'update', ...lease });
    log.add(t + 700, { account: op, pod: 1, verb: 'get', ...lease });
  }
  for (const pod of [0, 1]) log.informer(op, 800 + pod, end, { apiGroup: '', resource: 'namespaces', namespace: '' }, { pod });
  const teams: Record<string, string[]> = { 'team-a': ['orders', 'payments'], 'team-b': ['analytics'], 'team-c': [] };
  for (const [ns, databases] of Object.entries(teams)) {
    log.informer(op, 1000, end, { apiGroup: 'db.example.com', resource: 'databases', namespace: ns });
    log.informer(op, 1050, end, { apiGroup: '', resource: 'services', namespace: ns });
    log.informer(op, 1100, end, { apiGroup: '', resource: 'configmaps', namespace: ns });
    databases.forEach((db, i) => {
      const t = 3000 + i * 1000;
      log.add(t, { account: op, verb: 'create', apiGroup: '', resource: 'services', namespace: ns, name: db });
      log.add(t + 10, { account: op, verb: 'create', apiGroup: '', resource: 'configmaps', namespace: ns, name: `${db}-connection` });
      log.add(t + 20, { account: op, verb: 'create', apiGroup: '', resource: 'events', namespace: ns, name: `${db}.17c9b${i}` });
      for (let s = t + 30; s < end; s += 5 * MINUTE) {
        log.add(s, { account: op, verb: 'patch', apiGroup: 'db.example.com', resource: 'databases', subresource: 'status', namespace: ns, name: db });
      }
      log.add(t + 20 * MINUTE, { account: op, verb: 'update', apiGroup: '', resource: 'configmaps', namespace: ns, name: `${db}-connection` });
    });
  }
  // Debugging from a laptop with `kubectl create token database-operator`: a token bound to no pod.
  const laptop = { ...op, pods: [{ name: '', uid: '', node: '', ip: '192.168.7.23', jti: 'JTI=5d0f4c1e-7b1a-4e2b-9c3d-000000000001' }] };
  for (let t = 40 * MINUTE; t < 42 * MINUTE; t += 20_000) {
    log.add(t, { account: laptop, verb: 'get', apiGroup: 'db.example.com', resource: 'databases', namespace: 'team-a', name: 'orders', userAgent: 'kubectl/v1.30.2 (darwin/arm64) kubernetes/3968350' });
  }
  return log.requests;
}

/**
 * The backup operator: watches Backups and PersistentVolumeClaims in every namespace, checks its
 * CRD at start-up, updates status in the tenant namespaces. Someone tried
 * `kubectl --as=system:serviceaccount:backup-system:backup-operator get secrets -n tenant-17`.
 */
function clusterWideLog(): SimRequest[] {
  const log = new LogBuilder(3, 'backup-operator', ({ resource }) => (resource === 'customresourcedefinitions'
    ? ['ClusterRoleBinding', 'backup-operator-cluster', 'ClusterRole', 'backup-operator-cluster']
    : ['ClusterRoleBinding', 'backup-operator-manager', 'ClusterRole', 'backup-operator-manager']));
  const op = log.account('backup-system', 'backup-operator');
  const end = 60 * MINUTE;
  log.metricsScrapes(op, 15_000, end);
  log.add(400, { account: op, verb: 'get', apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', namespace: '', name: 'backups.backup.example.com' });
  log.informer(op, 1000, end, { apiGroup: 'backup.example.com', resource: 'backups', namespace: '' });
  log.informer(op, 1100, end, { apiGroup: '', resource: 'persistentvolumeclaims', namespace: '' });
  const tenants = ['tenant-3', 'tenant-9', 'tenant-17'];
  for (let t = 5000, i = 0; t < end; t += 3 * MINUTE, i++) {
    const ns = tenants[i % tenants.length];
    log.add(t, { account: op, verb: 'patch', apiGroup: 'backup.example.com', resource: 'backups', subresource: 'status', namespace: ns, name: `nightly-${ns}` });
    if (i % 5 === 0) log.add(t + 15, { account: op, verb: 'create', apiGroup: '', resource: 'events', namespace: ns, name: `nightly-${ns}.17c9c${i}` });
  }
  log.add(25 * MINUTE, { account: op, verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'tenant-17', name: 'db-credentials', allowed: false, impersonatedBy: 'alice@example.com' });
  return log.requests;
}

import type { Manifest } from '../../src/k8s/manifest';
import { BecomeEdge, CanBecome, RunningPod } from '../../src/rbac/can-become';

const RBAC = 'rbac.authorization.k8s.io/v1';

function sa(namespace: string, name: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}
function clusterRole(name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules };
}
function role(namespace: string, name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules };
}
function clusterRoleBinding(name: string, roleName: string, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects };
}
function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
}
const subject = (namespace: string, name: string) => [{ kind: 'ServiceAccount', name, namespace }];

/** GIVEN one account `apps/attacker` holding these rules in namespace apps (a Role) or cluster-wide (a ClusterRole). */
function attacker(rules: unknown[], scope: 'namespace' | 'cluster' = 'namespace', extra: Manifest[] = []): Manifest[] {
  return [
    sa('apps', 'attacker'),
    ...(scope === 'namespace'
      ? [role('apps', 'r', rules), roleBinding('apps', 'b', { kind: 'Role', name: 'r' }, subject('apps', 'attacker'))]
      : [clusterRole('r', rules), clusterRoleBinding('b', 'r', subject('apps', 'attacker'))]),
    ...extra,
  ];
}
/** A second account of apps that is cluster-admin: the prize of every namespace-wide edge. */
const prize = [sa('apps', 'prize'), clusterRoleBinding('prize', 'cluster-admin', subject('apps', 'prize'))];

const steps = (path: readonly BecomeEdge[] | undefined) => (path ?? []).map((e) => `${e.how}->${e.to}`);
const edges = (graph: CanBecome, namespace = 'apps', name = 'attacker') => graph.edgesOf(namespace, name).map((e) => `${e.how}->${e.to}`).sort();

describe('CanBecome: the edges by which one account obtains another\'s power', () => {
  test('GIVEN create serviceaccounts/token in apps THEN an edge to any account of apps, and a path through apps/prize to cluster-admin', () => {
    const graph = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }], 'namespace', prize));
    expect(edges(graph)).toEqual(['token-request->ns:apps']);
    expect(steps(graph.pathToClusterAdmin('apps', 'attacker'))).toEqual(['token-request->ns:apps', 'member->sa:apps/prize', 'wildcard->cluster-admin']);
    const [first] = graph.pathToClusterAdmin('apps', 'attacker')!;
    expect(first.grants).toEqual([{
      namespace: 'apps',
      apiGroup: '',
      resource: 'serviceaccounts/token',
      verb: 'create',
      binding: { kind: 'RoleBinding', name: 'b', namespace: 'apps' },
      role: { kind: 'Role', name: 'r', builtIn: false },
    }]);
  });

  test('GIVEN serviceaccounts/token create limited to one name THEN an edge to that account only', () => {
    const graph = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] }]));
    expect(edges(graph)).toEqual(['token-request->sa:apps/builder']);
  });

  test('GIVEN create secrets AND get secrets in apps THEN a token Secret for any account of apps; create alone, or create by name, is no edge', () => {
    const both = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get'] }], 'namespace', prize));
    expect(edges(both)).toEqual(['token-secret->ns:apps']);
    expect(steps(both.pathToClusterAdmin('apps', 'attacker'))[0]).toBe('token-secret->ns:apps');
    expect(edges(CanBecome.compute(attacker([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }])))).toEqual([]);
    expect(edges(CanBecome.compute(attacker([
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'], resourceNames: ['tok'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'] },
    ])))).toEqual([]);
    // Reading by name is enough: the creator picks the name of the Secret it creates.
    expect(edges(CanBecome.compute(attacker([
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tok'] },
    ])))).toEqual(['token-secret->ns:apps']);
  });

  test('GIVEN create secrets cluster-wide and list secrets only in apps THEN the edge is to apps (where both hold)', () => {
    const graph = CanBecome.compute([
      ...attacker([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }], 'cluster'),
      role('apps', 'reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]),
      roleBinding('apps', 'reader', { kind: 'Role', name: 'reader' }, subject('apps', 'attacker')),
    ]);
    expect(edges(graph)).toEqual(['token-secret->ns:apps']);
  });

  test.each([
    ['create pods', { apiGroups: [''], resources: ['pods'], verbs: ['create'] }, 'pod-create'],
    ['patch deployments', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] }, 'workload-write'],
    ['update one named cronjob', { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['update'], resourceNames: ['nightly'] }, 'workload-write'],
    ['create podtemplates', { apiGroups: [''], resources: ['podtemplates'], verbs: ['create'] }, 'workload-write'],
    ['bind + create rolebindings', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] }], 'bind'],
    ['escalate + update roles', { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate', 'update'] }, 'escalate'],
    ['impersonate serviceaccounts', { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }, 'impersonate'],
  ])('GIVEN %s in apps THEN an edge to any account of apps', (_label, rules, how) => {
    const graph = CanBecome.compute(attacker(Array.isArray(rules) ? rules : [rules]));
    expect(edges(graph)).toEqual([`${how}->ns:apps`]);
  });

  test('GIVEN create pods by name THEN no edge (a create has no name, so the rule grants nothing)', () => {
    expect(edges(CanBecome.compute(attacker([{ apiGroups: [''], resources: ['pods'], verbs: ['create'], resourceNames: ['x'] }])))).toEqual([]);
  });

  test('GIVEN bind alone, or create rolebindings alone THEN no edge', () => {
    expect(edges(CanBecome.compute(attacker([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'] }])))).toEqual([]);
    expect(edges(CanBecome.compute(attacker([{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings'], verbs: ['create'] }])))).toEqual([]);
  });

  test('GIVEN pods/exec, pods/ephemeralcontainers or pods update in apps THEN the accounts whose pods run there; by name only the named Pod', () => {
    const pods: RunningPod[] = [
      { namespace: 'apps', serviceAccountName: 'web' },
      { namespace: 'apps', serviceAccountName: 'db', podName: 'db-0' },
      { namespace: 'other', serviceAccountName: 'far' },
    ];
    for (const [rule, how] of [
      [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }, 'pod-exec'],
      [{ apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }, 'ephemeral-containers'],
      [{ apiGroups: [''], resources: ['pods'], verbs: ['update'] }, 'pod-update'],
    ] as const) {
      const graph = CanBecome.compute(attacker([rule]), { runningPods: pods });
      expect(edges(graph)).toEqual([`${how}->run:apps`]);
      expect(graph.edgesFrom('run:apps').map((e) => e.to).sort()).toEqual(['sa:apps/db', 'sa:apps/web']);
    }
    const named = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'], resourceNames: ['db-0'] }]), { runningPods: pods });
    expect(edges(named)).toEqual(['pod-exec->sa:apps/db']);
  });
});

describe('CanBecome: cluster-admin-equivalent power', () => {
  test.each([
    ['* on *', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], 'wildcard'],
    ['nodes/proxy get', [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }], 'nodes-proxy'],
    ['bind cluster-admin + create clusterrolebindings', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] },
    ], 'bind'],
    ['escalate + patch clusterroles', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate', 'patch'] }], 'escalate'],
    ['impersonate groups and users', [{ apiGroups: [''], resources: ['groups', 'users'], verbs: ['impersonate'] }], 'impersonate-masters'],
    ['create, read and approve CSRs for kube-apiserver-client', [
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'], resourceNames: ['kubernetes.io/kube-apiserver-client'] },
    ], 'csr-approval'],
    ['list secrets everywhere (kube-system included)', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], 'kube-system-secrets'],
    ['update configmaps everywhere (EKS aws-auth)', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }], 'aws-auth'],
  ])('GIVEN %s cluster-wide THEN a direct edge to cluster-admin', (_label, rules, how) => {
    const graph = CanBecome.compute(attacker(rules, 'cluster'));
    const hows = graph.edgesOf('apps', 'attacker').filter((e) => e.to === 'cluster-admin').map((e) => e.how);
    // `*` on `*` is every one of these at once; each other case is exactly its own.
    if (how === 'wildcard') expect(hows).toContain(how);
    else expect(hows).toEqual([how]);
    expect(graph.pathToClusterAdmin('apps', 'attacker')).toHaveLength(1);
  });

  test.each([
    ['bind another ClusterRole by name', [
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['view'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] },
    ]],
    ['impersonate groups without a user to impersonate', [{ apiGroups: [''], resources: ['groups'], verbs: ['impersonate'] }]],
    ['approve CSRs for the kubelet signer only', [
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'], resourceNames: ['kubernetes.io/kubelet-serving'] },
    ]],
    ['get one named Secret everywhere', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] }]],
    ['userextras impersonation only', [{ apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] }]],
  ])('GIVEN %s THEN no path to cluster-admin', (_label, rules) => {
    expect(CanBecome.compute(attacker(rules, 'cluster')).pathToClusterAdmin('apps', 'attacker')).toBeUndefined();
  });

  test('GIVEN create pods in kube-system THEN a path through a controller account the bootstrap policy makes cluster-admin-equivalent', () => {
    const graph = CanBecome.compute([
      sa('apps', 'attacker'),
      role('kube-system', 'r', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]),
      roleBinding('kube-system', 'b', { kind: 'Role', name: 'r' }, subject('apps', 'attacker')),
    ]);
    const path = graph.pathToClusterAdmin('apps', 'attacker')!;
    expect(steps(path)[0]).toBe('pod-create->ns:kube-system');
    expect(path).toHaveLength(3);
    expect(path[1].to).toMatch(/^sa:kube-system\//);
    expect(path[2].to).toBe('cluster-admin');
    // The last step is granted by the bootstrap policy, and says so.
    expect(path[2].grants.every((g) => g.binding.builtIn === true && g.role.builtIn)).toBe(true);
  });

  test('GIVEN a binding to system:controller:clusterrole-aggregation-controller THEN cluster-admin-equivalent by escalate (main saw nothing)', () => {
    const graph = CanBecome.compute([sa('apps', 'web'), clusterRoleBinding('b', 'system:controller:clusterrole-aggregation-controller', subject('apps', 'web'))]);
    expect(steps(graph.pathToClusterAdmin('apps', 'web'))).toEqual(['escalate->cluster-admin']);
  });

  test('GIVEN impersonate users only THEN a path through user system:kube-controller-manager, which mints any token', () => {
    const path = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] }], 'cluster')).pathToClusterAdmin('apps', 'attacker')!;
    expect(steps(path).slice(0, 2)).toEqual(['impersonate->users', 'member->user:system:kube-controller-manager']);
    expect(path[path.length - 1].to).toBe('cluster-admin');
  });

  test('GIVEN exec into pods of kube-system THEN cluster-admin-equivalent (privileged namespace)', () => {
    const graph = CanBecome.compute([
      sa('apps', 'attacker'),
      role('kube-system', 'r', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]),
      roleBinding('kube-system', 'b', { kind: 'Role', name: 'r' }, subject('apps', 'attacker')),
    ]);
    expect(steps(graph.pathToClusterAdmin('apps', 'attacker'))).toEqual(['pod-exec->run:kube-system', 'kube-system-pods->cluster-admin']);
  });

  test('GIVEN an input with harmless and dangerous accounts THEN clusterAdminEquivalents lists only the input\'s dangerous ones, sorted, with paths', () => {
    const graph = CanBecome.compute([
      ...attacker([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], 'namespace', prize),
      sa('apps', 'reader'),
      roleBinding('apps', 'view', { kind: 'ClusterRole', name: 'view' }, subject('apps', 'reader')),
    ]);
    const found = graph.clusterAdminEquivalents();
    expect(found.map((f) => `${f.namespace}/${f.name}: ${steps(f.path).join(' ')}`)).toEqual([
      'apps/attacker: pod-create->ns:apps member->sa:apps/prize wildcard->cluster-admin',
      'apps/prize: wildcard->cluster-admin',
    ]);
    // The controllers of kube-system are cluster-admin-equivalent too, but they are not the input's accounts.
    expect(graph.pathToClusterAdmin('kube-system', 'clusterrole-aggregation-controller')).toBeDefined();
  });

  test('GIVEN a namespace group bound to cluster-admin THEN every account of the namespace is listed, an account only a pod runs as too', () => {
    const graph = CanBecome.compute([
      sa('apps', 'declared'),
      clusterRoleBinding('apps-admins', 'cluster-admin', [{ kind: 'Group', name: 'system:serviceaccounts:apps', apiGroup: 'rbac.authorization.k8s.io' }]),
    ], { runningPods: [{ namespace: 'apps', serviceAccountName: 'from-pod' }, { namespace: 'other', serviceAccountName: 'elsewhere' }] });
    expect(graph.clusterAdminEquivalents().map((f) => `${f.namespace}/${f.name}: ${steps(f.path).join(' ')}`)).toEqual([
      'apps/declared: wildcard->cluster-admin',
      'apps/from-pod: wildcard->cluster-admin',
    ]);
    // The walk reaches a running pod's account through its namespace's members, and the pods of kube-system through its pods.
    expect(graph.edgesFrom('run:apps').map((e) => e.to)).toEqual(['sa:apps/from-pod']);
    expect(graph.edgesFrom('run:kube-system').map((e) => e.to)).toEqual(['cluster-admin']);
  });

  test('GIVEN a cluster-wide permission THEN one edge to the group node "any account", not one per account (linear graph)', () => {
    const many = Array.from({ length: 50 }, (_, i) => sa(`ns${i}`, 'app'));
    const graph = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], 'cluster', many));
    expect(edges(graph)).toEqual(['pod-create->all']);
    expect(graph.edgesFrom('all').length).toBeGreaterThanOrEqual(51);
    expect(graph.edgesFrom('ns:ns7').map((e) => e.to)).toEqual(['sa:ns7/app']);
  });
});

/**
 * The member edges (group node -> member) are made when the walk or a reader reaches them: they
 * must be exactly those of a graph that holds every one, in the same order, with the same words.
 */
describe('CanBecome: member edges and the walk through them', () => {
  const EXEC = [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }];
  const describeEdge = (e: BecomeEdge) => `${e.from} -${e.how}-> ${e.to} (${e.toKind}, ${e.grants.length} grants): ${e.description}`;

  test('GIVEN accounts, pods and a user THEN every group node lists its members, and nothing else lists any', () => {
    const graph = CanBecome.compute([
      sa('apps', 'web'),
      sa('db', 'store'),
      clusterRoleBinding('viewers', 'view', [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]),
    ], { runningPods: [{ namespace: 'apps', serviceAccountName: 'worker' }, { namespace: 'apps', serviceAccountName: 'worker' }] });
    // Namespaces in the order their first account was met (the access's accounts, sorted, then the pods'); kube-system has the bootstrap's controllers.
    expect(graph.edgesFrom('all').map(describeEdge)).toEqual([
      'all -member-> ns:apps (NamespaceServiceAccounts, 0 grants): any ServiceAccount of namespace apps',
      'all -member-> ns:db (NamespaceServiceAccounts, 0 grants): any ServiceAccount of namespace db',
      'all -member-> ns:kube-system (NamespaceServiceAccounts, 0 grants): any ServiceAccount of namespace kube-system',
    ]);
    expect(graph.edgesFrom('run:*').map(describeEdge)).toEqual([
      'run:* -member-> run:apps (RunningPods, 0 grants): the pods of namespace apps',
      'run:* -member-> run:db (RunningPods, 0 grants): the pods of namespace db',
      'run:* -member-> run:kube-system (RunningPods, 0 grants): the pods of namespace kube-system',
    ]);
    expect(graph.edgesFrom('ns:apps').map(describeEdge)).toEqual([
      'ns:apps -member-> sa:apps/web (ServiceAccount, 0 grants): run as ServiceAccount apps/web',
      'ns:apps -member-> sa:apps/worker (ServiceAccount, 0 grants): run as ServiceAccount apps/worker',
    ]);
    expect(graph.edgesFrom('run:apps').map(describeEdge)).toEqual([
      'run:apps -member-> sa:apps/worker (ServiceAccount, 0 grants): act inside a pod that runs as ServiceAccount apps/worker',
    ]);
    // The bootstrap policy binds users of its own (the control plane's components).
    expect(graph.edgesFrom('users').map(describeEdge)).toEqual([
      'users -member-> user:alice (User, 0 grants): act as user alice',
      'users -member-> user:system:kube-controller-manager (User, 0 grants): act as user system:kube-controller-manager',
      'users -member-> user:system:kube-proxy (User, 0 grants): act as user system:kube-proxy',
      'users -member-> user:system:kube-scheduler (User, 0 grants): act as user system:kube-scheduler',
    ]);
    expect(graph.edgesFrom('ns:nowhere')).toEqual([]);
    expect(graph.edgesFrom('run:db')).toEqual([]);
    expect(graph.edgesFrom(CanBecome.serviceAccountKey('apps', 'web'))).toEqual([]);
    expect(graph.edgesFrom('user:alice')).toEqual([]);
  });

  test('GIVEN accounts given out of order and pods in new namespaces THEN nodes are in the order of the sorted accounts, then the pods', () => {
    const graph = CanBecome.compute([
      sa('zeta', 'b'),
      sa('alpha', 'z'),
      sa('zeta', 'a'),
      sa('alpha', 'm'),
    ], { runningPods: [{ namespace: 'mid', serviceAccountName: 'job' }, { namespace: 'alpha', serviceAccountName: 'aaa' }, { namespace: 'beta', serviceAccountName: 'x' }] });
    // The access's namespaces sorted (kube-system holds the bootstrap's controllers), then those only pods run in, in pod order.
    expect(graph.edgesFrom('all').map((e) => e.to)).toEqual(['ns:alpha', 'ns:kube-system', 'ns:zeta', 'ns:mid', 'ns:beta']);
    // In a namespace: the access's accounts sorted, then the pods' accounts in pod order.
    expect(graph.edgesFrom('ns:alpha').map((e) => e.to)).toEqual(['sa:alpha/m', 'sa:alpha/z', 'sa:alpha/aaa']);
    expect(graph.edgesFrom('ns:zeta').map((e) => e.to)).toEqual(['sa:zeta/a', 'sa:zeta/b']);
    expect(graph.edgesFrom('ns:mid').map((e) => e.to)).toEqual(['sa:mid/job']);
    expect(graph.edgesFrom('ns:kube-system').map((e) => e.to)).toContain('sa:kube-system/default');
  });

  test('GIVEN no pods THEN no node stands for an unknown account', () => {
    const graph = CanBecome.compute([sa('apps', 'web')]);
    expect(graph.edgesFrom('all').map((e) => e.to)).toEqual(['ns:apps', 'ns:kube-system']);
    expect(graph.edgesFrom('run:*').map((e) => e.to)).toEqual(['run:apps', 'run:kube-system']);
  });

  test('GIVEN exec into the pods of apps, where one pod runs as a cluster-admin account THEN the path goes through that pod', () => {
    const graph = CanBecome.compute(attacker(EXEC, 'namespace', prize), { runningPods: [{ namespace: 'apps', serviceAccountName: 'prize' }] });
    expect(steps(graph.pathToClusterAdmin('apps', 'attacker'))).toEqual(['pod-exec->run:apps', 'member->sa:apps/prize', 'wildcard->cluster-admin']);
  });

  test('GIVEN exec into the pods of apps, where no pod runs as the cluster-admin account THEN no path', () => {
    const graph = CanBecome.compute(attacker(EXEC, 'namespace', prize), { runningPods: [{ namespace: 'apps', serviceAccountName: 'web' }] });
    expect(graph.pathToClusterAdmin('apps', 'attacker')).toBeUndefined();
    expect(graph.clusterAdminEquivalents().map((f) => `${f.namespace}/${f.name}`)).toEqual(['apps/prize']);
  });

  test('GIVEN exec into every pod of the cluster THEN the shortest path goes through the pods of kube-system', () => {
    const graph = CanBecome.compute(attacker(EXEC, 'cluster', [sa('db', 'prize'), clusterRoleBinding('prize', 'cluster-admin', subject('db', 'prize'))]),
      { runningPods: [{ namespace: 'db', serviceAccountName: 'prize' }] });
    expect(steps(graph.pathToClusterAdmin('apps', 'attacker'))).toEqual(['pod-exec->run:*', 'member->run:kube-system', 'kube-system-pods->cluster-admin']);
  });

  test('GIVEN a wildcard verb on pods THEN it is a pod-create edge (a rule\'s verb * holds every capability of its resources)', () => {
    const graph = CanBecome.compute(attacker([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }], 'namespace', prize));
    expect(edges(graph)).toEqual(['pod-create->ns:apps', 'pod-update->run:apps']);
    expect(steps(graph.pathToClusterAdmin('apps', 'attacker'))).toEqual(['pod-create->ns:apps', 'member->sa:apps/prize', 'wildcard->cluster-admin']);
  });

  test('GIVEN several input accounts reaching cluster-admin THEN they are listed sorted by namespace and name, whatever the walk found first', () => {
    const admins = ['zeta', 'alpha', 'mid'].flatMap((name, i) => [sa('ops', name), clusterRoleBinding(`admin-${i}`, 'cluster-admin', subject('ops', name))]);
    const graph = CanBecome.compute([
      ...admins,
      ...attacker([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], 'cluster'),
    ]);
    expect(graph.clusterAdminEquivalents().map((f) => `${f.namespace}/${f.name}:${f.path.length}`))
      .toEqual(['apps/attacker:4', 'ops/alpha:1', 'ops/mid:1', 'ops/zeta:1']);
  });
});

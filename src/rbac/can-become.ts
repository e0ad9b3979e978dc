import { compareCodeUnits } from '../string-order';
import { ALL_NAMESPACES, BindingRef, EffectiveAccess, GrantSet, RoleRefInfo, RoleTriple } from './effective-access';
import { CORE_GROUP, PolicyRuleJson, WILDCARD } from './policy-rule';
import { nameLimit } from './resource-names';
import type { Manifest } from '../k8s/manifest';
import { Namespaces } from '../k8s/namespace';
import { KUBE_SYSTEM } from '../k8s/rbac-bootstrap/bootstrap-policy';

/**
 * Who can become whom: the edges by which one identity obtains another's power, from the
 * input plus the bootstrap policy (its bindings give the controllers' ServiceAccounts in
 * kube-system, `system:kube-controller-manager` and `system:masters` their real power), and
 * which ServiceAccounts reach cluster-admin-equivalent power, by the shortest path.
 *
 * Nodes: a ServiceAccount; "any ServiceAccount of namespace X" and "any ServiceAccount" (group
 * nodes, so a namespace-wide permission is one edge, not one per account); "the accounts whose
 * pods run in X" (exec targets); a User; "any user"; and `cluster-admin-equivalent`.
 *
 * Edges (each names the grants, with binding and role, that make it). Checklist: rbac-police
 * (PaloAltoNetworks/rbac-police lib/*.rego), policy by policy:
 * - `token-request` (token_request): create `serviceaccounts/token` in X: any account of X
 *   (with resourceNames: the named accounts: a subresource create names its parent).
 * - `token-secret` (issue_token_secrets, obtain_token_weak_ns): create `secrets` in X (by name only
 *   when the role may also patch or update those names: a server-side apply or PUT creates by name)
 *   AND get, list, watch or patch of `secrets` in X (a patch answers with
 *   the object; by name too, as the creator picks the name): a Secret of type
 *   `kubernetes.io/service-account-token` annotated `kubernetes.io/service-account.name` is filled
 *   with a non-expiring token of that account by the token controller, so any account of X.
 * - `pod-create` (assign_sa, rce_weak_ns): create `pods` in X: a pod may run as any account of X.
 * - `workload-write` (assign_sa): create, update or patch of Deployments, StatefulSets,
 *   DaemonSets, ReplicaSets (apps, extensions), Jobs, CronJobs (batch), ReplicationControllers
 *   and PodTemplates (core) in X, by name too (the template's serviceAccountName is mutable):
 *   any account of X. PodTemplates are run by no built-in controller; counted as operators do.
 * - `pod-exec` (pods_exec), `ephemeral-containers` (pods_ephemeral_ctrs), `pod-update`
 *   (modify_pods): create or get `pods/exec` or `pods/attach` (a WebSocket stream is a GET),
 *   update or patch `pods/ephemeralcontainers`, update or patch `pods` (swap a container's
 *   image) in X: the accounts whose pods run in X (from the caller's pod list); by name only the
 *   named Pods of that list. Pods of kube-system count as cluster-admin-equivalent (below).
 * - `impersonate` (impersonate): impersonate `serviceaccounts` in X (any, or the named ones),
 *   `users` cluster-wide (any user, or the named ones: a user named
 *   `system:serviceaccount:...` needs serviceaccounts impersonation instead).
 * - `bind`, `escalate` (bind_roles, escalate_roles): bind on roles or clusterroles AND create
 *   rolebindings in X, or escalate on roles AND create/update/patch roles in X: every permission
 *   in X, so any account of X.
 *
 * Cluster-admin-equivalent (directly; every path ends here):
 * - `wildcard` (cluster_admin): every verb on every resource of every group, cluster-wide.
 * - `bind`: bind on clusterroles (any, or `cluster-admin` by name) AND create clusterrolebindings,
 *   cluster-wide. `escalate`: escalate on clusterroles AND create/update/patch clusterroles,
 *   cluster-wide (by name too: conservative).
 * - `impersonate-masters` (impersonate): impersonate `groups` (any, or `system:masters`) AND a user
 *   or ServiceAccount to impersonate with it (Impersonate-Group needs Impersonate-User).
 * - `nodes-proxy` (nodes_proxy): get or create `nodes/proxy` cluster-wide (the kubelet API runs
 *   commands in every pod, kube-system's included).
 * - `csr-approval` (approve_csrs): create and read certificatesigningrequests, update/patch their
 *   `approval`, and approve on the `kubernetes.io/kube-apiserver-client` signer: a client
 *   certificate for group system:masters.
 * - `kube-system-secrets` (retrieve_secrets, retrieve_token_secrets): get/list/watch of all
 *   Secrets of kube-system (bootstrap tokens, legacy token Secrets of the controller accounts in
 *   clusters created before 1.24, cloud credentials).
 * - `kube-system-pods` (privileged namespaces): exec, ephemeral containers or pod updates in
 *   kube-system (kube-proxy, CNI agents and static control-plane pods hold node and cluster
 *   credentials). Creating pods or minting tokens in kube-system needs no axiom: the bootstrap
 *   gives its controller accounts (clusterrole-aggregation-controller: escalate clusterroles)
 *   cluster-admin-equivalent power, and the path shows it.
 * - `aws-auth` (eks_modify_aws_auth): create/update/patch ConfigMaps of kube-system (any, or
 *   `aws-auth`): on EKS that ConfigMap maps IAM identities to system:masters. Platform-specific:
 *   the edge says so, and a path through it is used only when no path holds on every platform
 *   (`ClusterAdminPath.onlyOn`).
 *
 * Left out, as they are not a path to another identity's power (each is, or will be, a rule of
 * its own): steal_pods (evict or delete pods + patch nodes unschedulable: needs a compromised
 * node), modify_node_status, modify_pod_status, modify_service_status_cve_2020_8554 (traffic
 * interception), control_webhooks (reads or mutates admitted objects, needs a webhook server),
 * list_secrets outside kube-system (read data, not an identity, unless it holds tokens: the
 * token-secret edge covers minting), providerIAM (cloud identities outside the cluster).
 *
 * Cost: grants are evaluated once per role and scope (`GrantSet.key`); only the identities that
 * hold a capability (`EffectiveAccess.holdersOf`, one pass over the bindings) get edges of their
 * own, as unions of those; namespace-wide edges go to group nodes, whose member edges are made
 * only when the walk or a reader reaches them; and the shortest paths of all accounts come from
 * one breadth-first walk backwards from cluster-admin-equivalent: linear in the number of
 * bindings, accounts and namespaces.
 */

/** What kind of node an edge leads to. */
export type BecomeNodeKind = 'ServiceAccount' | 'NamespaceServiceAccounts' | 'AllServiceAccounts' | 'RunningPods' | 'User' | 'AnyUser' | 'ClusterAdmin';

/** How an edge is obtained (see the module documentation for each). */
export type BecomeHow =
  | 'token-request' | 'token-secret' | 'pod-create' | 'workload-write' | 'pod-exec' | 'ephemeral-containers' | 'pod-update'
  | 'impersonate' | 'bind' | 'escalate' | 'member'
  | 'wildcard' | 'impersonate-masters' | 'nodes-proxy' | 'csr-approval' | 'kube-system-secrets' | 'kube-system-pods' | 'aws-auth';

/** One grant that makes an edge: the permission, where it holds, and the binding and role it comes from. */
export interface BecomeGrant {
  /** `*` = cluster-wide (a ClusterRoleBinding). */
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly resourceNames?: readonly string[];
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
}

/** "from can become to": one step of a path. */
export interface BecomeEdge {
  /** Node keys (`CanBecome.serviceAccountKey`, or `ns:<namespace>`, `all`, `run:<namespace>`, `user:<name>`, `users`, `cluster-admin`). */
  readonly from: string;
  readonly to: string;
  readonly toKind: BecomeNodeKind;
  readonly how: BecomeHow;
  /** The grants that make the edge; empty for the structural steps (`member`: a group node to one of its accounts). */
  readonly grants: readonly BecomeGrant[];
  /** One sentence: what the edge lets `from` do. */
  readonly description: string;
}

/** A ServiceAccount that reaches cluster-admin-equivalent power, and the shortest path. */
export interface ClusterAdminPath {
  readonly namespace: string;
  readonly name: string;
  readonly path: readonly BecomeEdge[];
  /** Set when every path needs a platform-specific step (`aws-auth`: only on EKS); the path is then the shortest of those. */
  readonly onlyOn?: string;
}

/** The steps that make cluster-admin-equivalent power only on one platform, and which. */
const PLATFORM_SPECIFIC: ReadonlyMap<BecomeHow, string> = new Map([['aws-auth', 'EKS']]);

/** A pod of the input: its namespace, the account it runs as, and its name when it is a Pod object. */
export interface RunningPod {
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** The Pod's name (for exec limited by resourceNames); absent for a workload's template. */
  readonly podName?: string;
}

/** Options of `CanBecome.compute`. */
export interface CanBecomeOptions {
  /**
   * The pods of the input (Pods and workload templates): exec, ephemeral containers and pod
   * updates reach the accounts they run as. The compliance engine passes its pod specs.
   * @default none
   */
  readonly runningPods?: readonly RunningPod[];
  /**
   * Where namespaced objects without a namespace live (`kubectl apply -n`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * The effective access of the same manifests, already computed (with the same default
   * namespace): the graph adds the bootstrap bindings to it instead of reading the input again
   * (`manifests` is then not read).
   * @default computed from the manifests
   */
  readonly access?: EffectiveAccess;
}

type Capability =
  | 'wildcard' | 'create-pods' | 'write-workloads' | 'create-tokens' | 'create-secrets' | 'read-secrets' | 'list-secrets'
  | 'exec-pods' | 'ephemeral-containers' | 'update-pods'
  | 'impersonate-users' | 'impersonate-groups' | 'impersonate-serviceaccounts'
  | 'bind-roles' | 'create-rolebindings' | 'create-clusterrolebindings' | 'escalate-roles' | 'write-roles'
  | 'bind-clusterroles' | 'escalate-clusterroles' | 'write-clusterroles'
  | 'nodes-proxy' | 'create-csr' | 'read-csr' | 'approve-csr' | 'approve-signer' | 'write-configmaps';

const RBAC = 'rbac.authorization.k8s.io';
const CERTIFICATES = 'certificates.k8s.io';
const WRITE = ['create', 'update', 'patch'];

/** Each capability as the requests that exercise it: [verbs, apiGroup, resources]. */
const CAPABILITIES: ReadonlyArray<[Capability, ReadonlyArray<[readonly string[], string, readonly string[]]>]> = [
  ['wildcard', [[[WILDCARD], WILDCARD, [WILDCARD]]]],
  ['create-pods', [[['create'], CORE_GROUP, ['pods']]]],
  ['write-workloads', [
    [WRITE, 'apps', ['deployments', 'statefulsets', 'daemonsets', 'replicasets']],
    [WRITE, 'extensions', ['deployments', 'daemonsets', 'replicasets']],
    [WRITE, 'batch', ['jobs', 'cronjobs']],
    [WRITE, CORE_GROUP, ['replicationcontrollers', 'podtemplates']],
  ]],
  ['create-tokens', [[['create'], CORE_GROUP, ['serviceaccounts/token']]]],
  ['create-secrets', [[['create'], CORE_GROUP, ['secrets']]]],
  ['read-secrets', [[['get', 'list', 'watch', 'patch'], CORE_GROUP, ['secrets']]]],
  ['list-secrets', [[['get', 'list', 'watch'], CORE_GROUP, ['secrets']]]],
  ['exec-pods', [[['create', 'get'], CORE_GROUP, ['pods/exec', 'pods/attach']]]],
  ['ephemeral-containers', [[['update', 'patch'], CORE_GROUP, ['pods/ephemeralcontainers']]]],
  ['update-pods', [[['update', 'patch'], CORE_GROUP, ['pods']]]],
  ['impersonate-users', [[['impersonate'], CORE_GROUP, ['users']]]],
  ['impersonate-groups', [[['impersonate'], CORE_GROUP, ['groups']]]],
  ['impersonate-serviceaccounts', [[['impersonate'], CORE_GROUP, ['serviceaccounts']]]],
  ['bind-roles', [[['bind'], RBAC, ['roles', 'clusterroles']]]],
  ['create-rolebindings', [[['create'], RBAC, ['rolebindings']]]],
  ['escalate-roles', [[['escalate'], RBAC, ['roles']]]],
  ['write-roles', [[WRITE, RBAC, ['roles']]]],
  ['bind-clusterroles', [[['bind'], RBAC, ['clusterroles']]]],
  ['create-clusterrolebindings', [[['create'], RBAC, ['clusterrolebindings']]]],
  ['escalate-clusterroles', [[['escalate'], RBAC, ['clusterroles']]]],
  ['write-clusterroles', [[WRITE, RBAC, ['clusterroles']]]],
  ['nodes-proxy', [[['get', 'create'], CORE_GROUP, ['nodes/proxy']]]],
  ['create-csr', [[['create'], CERTIFICATES, ['certificatesigningrequests']]]],
  ['read-csr', [[['get', 'list', 'watch'], CERTIFICATES, ['certificatesigningrequests']]]],
  ['approve-csr', [[['update', 'patch'], CERTIFICATES, ['certificatesigningrequests/approval']]]],
  ['approve-signer', [[['approve'], CERTIFICATES, ['signers']]]],
  ['write-configmaps', [[WRITE, CORE_GROUP, ['configmaps']]]],
];

/** One capability a role grants at one scope kind, with the names it is limited to. */
interface Atom {
  readonly capability: Capability;
  readonly triple: RoleTriple;
  /** The request's names when limited (undefined: every object). */
  readonly names?: readonly string[];
}

/** An atom placed: in a namespace (`*` = cluster-wide), through a binding. */
interface Held extends Atom {
  readonly namespace: string;
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
}

/** True when a role's (apiGroup, resource, verb) covers a request, as `RuleAllows` matches (names aside). */
function covers(triple: RoleTriple, verb: string, apiGroup: string, resource: string): boolean {
  if (triple.nonResourceURL !== undefined) return false;
  if (triple.verb !== WILDCARD && triple.verb !== verb) return false;
  if (triple.apiGroup !== WILDCARD && triple.apiGroup !== apiGroup) return false;
  if (triple.resource === WILDCARD || triple.resource === resource) return true;
  const slash = resource.indexOf('/');
  return slash > 0 && triple.resource === `*${resource.slice(slash)}`;
}

/**
 * The verbs of any capability on each resource it names, also under `*\/<sub>` for a subresource
 * (`*\/exec`) and `*` for every resource: a rule that names no such pair holds no capability.
 */
const CAPABILITY_VERBS = new Map<string, Set<string>>();
for (const [, requests] of CAPABILITIES) {
  for (const [verbs, , resources] of requests) {
    for (const resource of resources) {
      const slash = resource.indexOf('/');
      for (const key of slash > 0 ? [resource, `${WILDCARD}${resource.slice(slash)}`, WILDCARD] : [resource, WILDCARD]) {
        let set = CAPABILITY_VERBS.get(key);
        if (!set) CAPABILITY_VERBS.set(key, set = new Set());
        for (const verb of verbs) set.add(verb);
      }
    }
  }
}

/** Every resource a capability names, and every subresource (for `*\/<sub>` rules): a triple of any other resource has none. */
const CAPABILITY_RESOURCES = new Set([...CAPABILITY_VERBS.keys()].filter((resource) => resource !== WILDCARD));

/**
 * True when a policy rule as written may hold a capability: it names a (verb, resource) pair of
 * one (a wildcard matches every verb or resource). A superset: the atoms then decide, on the triples.
 */
function mayHoldCapability(rule: PolicyRuleJson): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  const resources: unknown = rule.resources;
  const verbs: unknown = rule.verbs;
  if (!Array.isArray(resources) || !Array.isArray(verbs)) return false;
  for (const resource of resources) {
    const capabilityVerbs = typeof resource === 'string' ? CAPABILITY_VERBS.get(resource) : undefined;
    if (!capabilityVerbs) continue;
    for (const verb of verbs) {
      if (verb === WILDCARD || (typeof verb === 'string' && capabilityVerbs.has(verb))) return true;
    }
  }
  return false;
}

/**
 * The capabilities of one role triple (the request it covers must be matchable with its names).
 * `byContent` caches them by the triple's (apiGroup, resource, verb, names): charts repeat the
 * same permissions across many roles, and most name no resource of any capability.
 */
function atomsOfTriple(triple: RoleTriple, byContent: Map<string, readonly Capability[]>): Atom[] {
  if (triple.nonResourceURL !== undefined || (triple.resource !== WILDCARD && !CAPABILITY_RESOURCES.has(triple.resource))) return [];
  const key = `${triple.apiGroup}\u0000${triple.resource}\u0000${triple.verb}\u0000${triple.resourceNames?.join('\u0000') ?? ''}`;
  let capabilities = byContent.get(key);
  if (!capabilities) {
    capabilities = CAPABILITIES.filter(([, requests]) => requests.some(([verbs, apiGroup, resources]) =>
      verbs.some((verb) => resources.some((resource) =>
      // The triple's names are already the ones the authorizer grants (a create by name kept by effective access is usable).
        covers(triple, verb, apiGroup, resource) && nameLimit(verb, resource, triple.resourceNames, 'all').kind !== 'never')))).map(([capability]) => capability);
    byContent.set(key, capabilities);
  }
  return capabilities.map((capability) => (triple.resourceNames ? { capability, triple, names: triple.resourceNames } : { capability, triple }));
}

function saKey(namespace: string, name: string): string {
  return `sa:${namespace}/${name}`;
}

function scopeNode(namespace: string): { key: string; kind: BecomeNodeKind } {
  return namespace === ALL_NAMESPACES ? { key: 'all', kind: 'AllServiceAccounts' } : { key: `ns:${namespace}`, kind: 'NamespaceServiceAccounts' };
}

function where(namespace: string): string {
  return namespace === ALL_NAMESPACES ? 'in every namespace' : `in namespace ${namespace}`;
}

const ADMIN = 'cluster-admin';

/** The identities of the graph and their edges; see the module documentation. */
export class CanBecome {
  /** Computes the graph for the input (plus the bootstrap policy). Pure. */
  public static compute(manifests: readonly Manifest[], options: CanBecomeOptions = {}): CanBecome {
    return new CanBecome(manifests, options);
  }

  /** The platforms a path holds on only (e.g. `EKS` for a path through `aws-auth`); empty when it holds on every cluster. */
  public static platformsOf(path: readonly BecomeEdge[]): string[] {
    return [...new Set(path.flatMap((edge) => PLATFORM_SPECIFIC.get(edge.how) ?? []))];
  }

  /** The node key of a ServiceAccount. */
  public static serviceAccountKey(namespace: string, name: string): string {
    return saKey(namespace, name);
  }

  private readonly access: EffectiveAccess;
  /** The identity edges ("can become"), by the node they start from; member edges are made when read (`memberEdgesFrom`). */
  private readonly edges = new Map<string, BecomeEdge[]>();
  private readonly atomCache = new Map<string, Atom[]>();
  private readonly capabilitiesByContent = new Map<string, readonly Capability[]>();
  /**
   * The namespaces of the ServiceAccount nodes, in node order (`namespaces`), made when first read.
   * The nodes themselves are not copied: an account is a node when the access knows it, a pod runs
   * as it, or it is kube-system/default (`hasAccount`).
   */
  private nodeNamespaces?: readonly string[];
  private nodeNamespaceSet?: ReadonlySet<string>;
  /**
   * The ServiceAccount nodes with edges of their own, by key: the only accounts a walk back from
   * cluster-admin-equivalent starts a step from (a key per account of a large input is a string
   * and a map entry for nothing: few accounts hold a capability).
   */
  private readonly identityNodes = new Map<string, { readonly namespace: string; readonly name: string }>();
  /** The ServiceAccounts of the running pods, by namespace, in the order of the pods. */
  private readonly runningAccounts = new Map<string, Set<string>>();
  /** The users named by binding subjects, sorted, and as a set. */
  private readonly users: readonly string[];
  private readonly userSet: ReadonlySet<string>;
  /** The first edge of a shortest path to cluster-admin-equivalent, per node that has one. */
  private readonly next = new Map<string, BecomeEdge>();
  /** The same, over the paths that hold on every platform (no platform-specific step). */
  private readonly nextEverywhere = new Map<string, BecomeEdge>();

  private constructor(manifests: readonly Manifest[], options: CanBecomeOptions) {
    const defaultNamespace = options.defaultNamespace ?? Namespaces.DEFAULT;
    this.access = options.access?.withBootstrapBindings() ?? EffectiveAccess.compute(manifests, { bootstrapBindings: true, defaultNamespace });
    const runningPods = options.runningPods ?? [];
    for (const pod of runningPods) {
      let names = this.runningAccounts.get(pod.namespace);
      if (!names) this.runningAccounts.set(pod.namespace, names = new Set());
      names.add(pod.serviceAccountName);
    }
    this.users = this.access.namedUsersAndGroups().users;
    this.userSet = new Set(this.users);
    // Only an identity that holds a capability has edges of its own: in real input, a few. They
    // get them in node order (namespace by namespace), which decides between equally short paths.
    const capable = this.access.holdersOf((set) => this.atomsOf(set).length > 0);
    for (const namespace of this.namespaces()) {
      const names = capable.holdsEveryServiceAccountOf(namespace) ? this.accountsIn(namespace) : capable.serviceAccountsHeldIn(namespace).sort();
      for (const name of names) {
        const key = saKey(namespace, name);
        this.identityNodes.set(key, { namespace, name });
        this.addIdentityEdges(key, this.access.grantSetsOf(namespace, name), runningPods);
      }
    }
    for (const user of this.users) {
      if (capable.holdsUser(user)) this.addIdentityEdges(`user:${user}`, this.access.grantSetsOfUser(user), runningPods);
    }
    const incoming = this.incomingEdges();
    this.walkBackFromAdmin(incoming, this.next, () => true);
    this.walkBackFromAdmin(incoming, this.nextEverywhere, (edge) => !PLATFORM_SPECIFIC.has(edge.how));
  }

  /** The edges from a ServiceAccount: whom it can act as (or cluster-admin-equivalent), and how. */
  public edgesOf(namespace: string, name: string): BecomeEdge[] {
    return [...(this.edges.get(saKey(namespace, name)) ?? [])];
  }

  /** The edges from any node (group nodes, users), by key. */
  public edgesFrom(key: string): BecomeEdge[] {
    return [...this.memberEdgesFrom(key), ...(this.edges.get(key) ?? [])];
  }

  /**
   * The shortest path from a ServiceAccount to cluster-admin-equivalent power, or undefined when
   * there is none: the shortest that holds on every platform, else the shortest of all (one that
   * needs a platform-specific step such as `aws-auth`).
   */
  public pathToClusterAdmin(namespace: string, name: string): BecomeEdge[] | undefined {
    const key = saKey(namespace, name);
    return this.pathFrom(key, this.nextEverywhere) ?? this.pathFrom(key, this.next);
  }

  /** Every ServiceAccount of the input (declared, bound, or running pods) that reaches cluster-admin-equivalent power, sorted. */
  public clusterAdminEquivalents(): ClusterAdminPath[] {
    const found: ClusterAdminPath[] = [];
    // Every node with a path is in `next` (`nextEverywhere` walks a subset of the edges); an
    // account is there only as the start of an edge of its own (`identityNodes`).
    const reaching = [...this.next.keys()].filter((key) => {
      const sa = this.identityNodes.get(key);
      return sa !== undefined && (this.access.isInInput(sa.namespace, sa.name) || this.runningAccounts.get(sa.namespace)?.has(sa.name) === true);
    });
    for (const key of reaching.sort(compareCodeUnits)) {
      const sa = this.identityNodes.get(key)!;
      const everywhere = this.pathFrom(key, this.nextEverywhere);
      if (everywhere) {
        found.push({ namespace: sa.namespace, name: sa.name, path: everywhere });
        continue;
      }
      const path = this.pathFrom(key, this.next)!;
      found.push({ namespace: sa.namespace, name: sa.name, path, onlyOn: CanBecome.platformsOf(path).join(', ') });
    }
    return found;
  }

  private pathFrom(start: string, next: ReadonlyMap<string, BecomeEdge>): BecomeEdge[] | undefined {
    if (start === ADMIN || !next.has(start)) return undefined;
    const path: BecomeEdge[] = [];
    for (let node = start; node !== ADMIN;) {
      const edge = next.get(node)!;
      path.push(edge);
      node = edge.to;
    }
    return path;
  }

  /**
   * The namespaces of the ServiceAccount nodes, in node order: the access's (sorted as
   * `serviceAccountNames`), then those only pods run in (in pod order), then kube-system.
   */
  private namespaces(): readonly string[] {
    if (!this.nodeNamespaces) {
      const namespaces = new Set(this.access.serviceAccountNamespaces());
      for (const namespace of this.runningAccounts.keys()) namespaces.add(namespace);
      namespaces.add(KUBE_SYSTEM);
      this.nodeNamespaceSet = namespaces;
      this.nodeNamespaces = [...namespaces];
    }
    return this.nodeNamespaces;
  }

  private hasNamespace(namespace: string): boolean {
    this.namespaces();
    return this.nodeNamespaceSet!.has(namespace);
  }

  /** The ServiceAccount nodes of a namespace, in node order: the access's (sorted), then the pods' (in pod order), then kube-system/default. */
  private accountsIn(namespace: string): string[] {
    const names = new Set(this.access.serviceAccountNamesIn(namespace));
    for (const name of this.runningAccounts.get(namespace) ?? []) names.add(name);
    if (namespace === KUBE_SYSTEM) names.add('default');
    return [...names];
  }

  private hasAccount(namespace: string, name: string): boolean {
    return this.access.isKnown(namespace, name) || this.runningAccounts.get(namespace)?.has(name) === true
      || (namespace === KUBE_SYSTEM && name === 'default');
  }

  private addEdge(edge: BecomeEdge): void {
    let list = this.edges.get(edge.from);
    if (!list) this.edges.set(edge.from, list = []);
    list.push(edge);
  }

  /**
   * The member edges from a group node (they have no grants): any account -> each namespace ->
   * each account; any running pod -> each namespace's pods -> the accounts they run as (and
   * kube-system's pods -> cluster-admin-equivalent); any user -> each user. Made when read, as
   * most are never on a path.
   */
  private memberEdgesFrom(key: string): BecomeEdge[] {
    const namespaces = this.namespaces();
    if (key === 'all') return namespaces.map((namespace) => namespaceMember(namespace));
    if (key === 'run:*') return namespaces.map((namespace) => runningMember(namespace));
    if (key === 'users') return this.users.map((user) => userMember(user));
    if (key.startsWith('ns:')) {
      const namespace = key.slice('ns:'.length);
      return this.hasNamespace(namespace) ? this.accountsIn(namespace).map((name) => accountMember(namespace, name)) : [];
    }
    if (key.startsWith('run:')) {
      const namespace = key.slice('run:'.length);
      const edges = [...this.runningAccounts.get(namespace) ?? []].map((name) => runningAccountMember(namespace, name));
      return namespace === KUBE_SYSTEM ? [...edges, KUBE_SYSTEM_PODS] : edges;
    }
    return [];
  }

  /** The member edges into a node, in the order the walk has always taken them (namespace member before running pod). */
  private memberEdgesInto(key: string): BecomeEdge[] {
    if (key === ADMIN) return [KUBE_SYSTEM_PODS];
    // The walk reaches an account only as the start of one of its own edges.
    const sa = this.identityNodes.get(key);
    if (sa) {
      const edges = [accountMember(sa.namespace, sa.name)];
      if (this.runningAccounts.get(sa.namespace)?.has(sa.name)) edges.push(runningAccountMember(sa.namespace, sa.name));
      return edges;
    }
    if (key.startsWith('ns:')) return this.hasNamespace(key.slice('ns:'.length)) ? [namespaceMember(key.slice('ns:'.length))] : [];
    if (key.startsWith('run:')) return this.hasNamespace(key.slice('run:'.length)) ? [runningMember(key.slice('run:'.length))] : [];
    if (key.startsWith('user:')) return this.userSet.has(key.slice('user:'.length)) ? [userMember(key.slice('user:'.length))] : [];
    return [];
  }

  /** The atoms of one grant set's role, once per role and scope kind (`GrantSet.key`). */
  private atomsOf(set: GrantSet): Atom[] {
    let atoms = this.atomCache.get(set.key);
    if (!atoms) {
      // A role none of whose rules names a (verb, resource) of a capability has none: its triples are not built.
      atoms = set.rules.some(mayHoldCapability) ? set.triples.flatMap((triple) => atomsOfTriple(triple, this.capabilitiesByContent)) : [];
      this.atomCache.set(set.key, atoms);
    }
    return atoms;
  }

  /** The atoms of every grant set of an identity, placed in their namespaces. */
  private held(sets: readonly GrantSet[]): Map<Capability, Held[]> {
    const byCapability = new Map<Capability, Held[]>();
    for (const set of sets) {
      for (const atom of this.atomsOf(set)) {
        let list = byCapability.get(atom.capability);
        if (!list) byCapability.set(atom.capability, list = []);
        list.push({ ...atom, namespace: set.namespace, binding: set.binding, role: set.role });
      }
    }
    return byCapability;
  }

  private addIdentityEdges(from: string, sets: readonly GrantSet[], runningPods: readonly RunningPod[]): void {
    const held = this.held(sets);
    // Most accounts hold no capability at all: nothing to build for them.
    if (held.size === 0) return;
    const get = (capability: Capability) => held.get(capability) ?? [];
    const clusterWide = (capability: Capability, name?: string) => get(capability)
      .filter((h) => h.namespace === ALL_NAMESPACES && (!h.names || (name !== undefined && h.names.includes(name))));
    const toAdmin = (how: BecomeHow, grants: Held[], description: string) => {
      if (grants.length > 0) this.addEdge({ from, to: ADMIN, toKind: 'ClusterAdmin', how, grants: grants.map(grantOf), description });
    };

    toAdmin('wildcard', clusterWide('wildcard'), 'every verb on every resource in every namespace');
    toAdmin('nodes-proxy', clusterWide('nodes-proxy'), 'reach the kubelet API of every node (nodes/proxy): run commands in any pod');
    const bindCluster = clusterWide('bind-clusterroles', 'cluster-admin');
    const createCrb = clusterWide('create-clusterrolebindings');
    if (bindCluster.length > 0 && createCrb.length > 0) {
      toAdmin('bind', [...bindCluster, ...createCrb], 'bind cluster-admin to itself with a new ClusterRoleBinding');
    }
    const escalate = get('escalate-clusterroles').filter((h) => h.namespace === ALL_NAMESPACES);
    const writeClusterRoles = get('write-clusterroles').filter((h) => h.namespace === ALL_NAMESPACES);
    if (escalate.length > 0 && writeClusterRoles.length > 0) {
      toAdmin('escalate', [...escalate, ...writeClusterRoles], 'escalate: write any permission into a ClusterRole it is bound to');
    }
    const masters = clusterWide('impersonate-groups', 'system:masters');
    const asSomeone = [...get('impersonate-users').filter((h) => h.namespace === ALL_NAMESPACES), ...get('impersonate-serviceaccounts')];
    if (masters.length > 0 && asSomeone.length > 0) {
      toAdmin('impersonate-masters', [...masters, asSomeone[0]], 'impersonate group system:masters (bypasses authorization)');
    }
    const csr = [clusterWide('create-csr'), get('read-csr').filter((h) => h.namespace === ALL_NAMESPACES),
      get('approve-csr').filter((h) => h.namespace === ALL_NAMESPACES),
      [...clusterWide('approve-signer', 'kubernetes.io/kube-apiserver-client'), ...clusterWide('approve-signer', 'kubernetes.io/*')]];
    if (csr.every((list) => list.length > 0)) {
      toAdmin('csr-approval', csr.map((list) => list[0]), 'create and approve a CertificateSigningRequest for a system:masters client certificate');
    }
    toAdmin('kube-system-secrets', get('list-secrets').filter((h) => !h.names && (h.namespace === KUBE_SYSTEM || h.namespace === ALL_NAMESPACES)),
      'read every Secret of kube-system (bootstrap tokens, legacy token Secrets of the controllers, cloud credentials)');
    toAdmin('aws-auth', get('write-configmaps').filter((h) => (h.namespace === KUBE_SYSTEM || h.namespace === ALL_NAMESPACES)
      && (!h.names || h.names.includes('aws-auth'))), 'write ConfigMap kube-system/aws-auth (on EKS: map itself to system:masters)');

    this.addScoped(from, 'pod-create', get('create-pods'), 'create a pod that runs as');
    this.addScoped(from, 'workload-write', get('write-workloads'), 'create or change a workload whose pods run as');
    this.addNamedOrScoped(from, 'token-request', get('create-tokens'), 'request a token for');
    this.addNamedOrScoped(from, 'impersonate', get('impersonate-serviceaccounts'), 'impersonate');
    this.addTokenSecrets(from, get('create-secrets'), get('read-secrets'));
    this.addPairs(from, 'bind', get('bind-roles'), get('create-rolebindings'), 'bind any role (admin) to itself with a RoleBinding: then run as');
    this.addPairs(from, 'escalate', get('escalate-roles'), get('write-roles'), 'escalate a Role it is bound to: then run as');
    for (const [capability, how] of [['exec-pods', 'pod-exec'], ['ephemeral-containers', 'ephemeral-containers'], ['update-pods', 'pod-update']] as const) {
      this.addPodTargets(from, how, get(capability), runningPods);
    }
    for (const h of get('impersonate-users').filter((u) => u.namespace === ALL_NAMESPACES)) {
      if (!h.names) {
        this.addEdge({ from, to: 'users', toKind: 'AnyUser', how: 'impersonate', grants: [grantOf(h)], description: 'impersonate any user' });
        continue;
      }
      for (const name of h.names.filter((n) => !n.startsWith('system:serviceaccount:'))) {
        this.addEdge({ from, to: `user:${name}`, toKind: 'User', how: 'impersonate', grants: [grantOf(h)], description: `impersonate user ${name}` });
      }
    }
  }

  /** A namespace-wide capability: an edge to "any account of X" (or of every namespace). */
  private addScoped(from: string, how: BecomeHow, held: readonly Held[], verb: string): void {
    for (const [namespace, grants] of byNamespace(held)) {
      const target = scopeNode(namespace);
      this.addEdge({ from, to: target.key, toKind: target.kind, how, grants: grants.map(grantOf), description: `${verb} any ServiceAccount ${where(namespace)}` });
    }
  }

  /** Like `addScoped`, but names limit it to the named accounts (token requests and impersonation name their account). */
  private addNamedOrScoped(from: string, how: BecomeHow, held: readonly Held[], verb: string): void {
    this.addScoped(from, how, held.filter((h) => !h.names), verb);
    for (const h of held.filter((x) => x.names)) {
      const namespaces = h.namespace === ALL_NAMESPACES ? this.namespaces() : [h.namespace];
      for (const namespace of namespaces) {
        for (const name of h.names!) {
          if (h.namespace === ALL_NAMESPACES && !this.hasAccount(namespace, name)) continue;
          this.addEdge({ from, to: saKey(namespace, name), toKind: 'ServiceAccount', how, grants: [grantOf(h)], description: `${verb} ServiceAccount ${namespace}/${name}` });
        }
      }
    }
  }

  /**
   * create secrets and read them (get/list/watch/patch) in the same namespace: mint a token Secret
   * for any account there. A create by name is held only when usable (by server-side apply or PUT).
   */
  private addTokenSecrets(from: string, create: readonly Held[], read: readonly Held[]): void {
    this.addPairs(from, 'token-secret', create, read,
      'create a kubernetes.io/service-account-token Secret and read the token for');
  }

  /** Two capabilities that together give "any account of X" where both hold (a cluster-wide one holds everywhere). */
  private addPairs(from: string, how: BecomeHow, first: readonly Held[], second: readonly Held[], verb: string): void {
    if (first.length === 0 || second.length === 0) return;
    const firstBy = byNamespace(first);
    const secondBy = byNamespace(second);
    const namespaces = new Set([...firstBy.keys(), ...secondBy.keys()]);
    for (const namespace of namespaces) {
      const a = firstBy.get(namespace) ?? (namespace !== ALL_NAMESPACES ? firstBy.get(ALL_NAMESPACES) : undefined);
      const b = secondBy.get(namespace) ?? (namespace !== ALL_NAMESPACES ? secondBy.get(ALL_NAMESPACES) : undefined);
      if (!a || !b) continue;
      const target = scopeNode(namespace);
      this.addEdge({ from, to: target.key, toKind: target.kind, how, grants: [a[0], b[0]].map(grantOf), description: `${verb} any ServiceAccount ${where(namespace)}` });
    }
  }

  /** exec, ephemeral containers, pod updates: the accounts whose pods run there (by name: the named Pods only). */
  private addPodTargets(from: string, how: BecomeHow, held: readonly Held[], runningPods: readonly RunningPod[]): void {
    const what = how === 'pod-exec' ? 'exec into' : how === 'ephemeral-containers' ? 'add an ephemeral container to' : 'change the image of';
    for (const [namespace, grants] of byNamespace(held.filter((h) => !h.names))) {
      const to = namespace === ALL_NAMESPACES ? 'run:*' : `run:${namespace}`;
      this.addEdge({ from, to, toKind: 'RunningPods', how, grants: grants.map(grantOf), description: `${what} the pods ${where(namespace)}` });
    }
    for (const h of held.filter((x) => x.names)) {
      for (const pod of runningPods) {
        if (!pod.podName || !h.names!.includes(pod.podName) || (h.namespace !== ALL_NAMESPACES && h.namespace !== pod.namespace)) continue;
        this.addEdge({
          from,
          to: saKey(pod.namespace, pod.serviceAccountName),
          toKind: 'ServiceAccount',
          how,
          grants: [grantOf(h)],
          description: `${what} pod ${pod.namespace}/${pod.podName}, which runs as ServiceAccount ${pod.namespace}/${pod.serviceAccountName}`,
        });
      }
    }
  }

  /** The identity edges into each node (member edges come from `memberEdgesInto`). */
  private incomingEdges(): Map<string, BecomeEdge[]> {
    const incoming = new Map<string, BecomeEdge[]>();
    for (const list of this.edges.values()) {
      for (const edge of list) {
        let into = incoming.get(edge.to);
        if (!into) incoming.set(edge.to, into = []);
        into.push(edge);
      }
    }
    return incoming;
  }

  /**
   * One breadth-first walk over the reversed edges (those `include` accepts) from
   * cluster-admin-equivalent: each node's first step of a shortest path, into `next`. A node's
   * member edges are taken before its identity edges, so ties between equally short paths
   * always go the same way.
   */
  private walkBackFromAdmin(incoming: ReadonlyMap<string, readonly BecomeEdge[]>, next: Map<string, BecomeEdge>,
    include: (edge: BecomeEdge) => boolean): void {
    const queue = [ADMIN];
    const reached = new Set(queue);
    const visit = (edge: BecomeEdge) => {
      if (reached.has(edge.from) || !include(edge)) return;
      reached.add(edge.from);
      next.set(edge.from, edge);
      queue.push(edge.from);
    };
    for (let i = 0; i < queue.length; i++) {
      for (const edge of this.memberEdgesInto(queue[i])) visit(edge);
      for (const edge of incoming.get(queue[i]) ?? []) visit(edge);
    }
  }
}

/** Any ServiceAccount -> any ServiceAccount of a namespace. */
function namespaceMember(namespace: string): BecomeEdge {
  return { from: 'all', to: `ns:${namespace}`, toKind: 'NamespaceServiceAccounts', how: 'member', grants: [], description: `any ServiceAccount of namespace ${namespace}` };
}

/** Any running pod -> the pods of a namespace. */
function runningMember(namespace: string): BecomeEdge {
  return { from: 'run:*', to: `run:${namespace}`, toKind: 'RunningPods', how: 'member', grants: [], description: `the pods of namespace ${namespace}` };
}

/** Any ServiceAccount of a namespace -> one of them. */
function accountMember(namespace: string, name: string): BecomeEdge {
  return { from: `ns:${namespace}`, to: saKey(namespace, name), toKind: 'ServiceAccount', how: 'member', grants: [], description: `run as ServiceAccount ${namespace}/${name}` };
}

/** The pods of a namespace -> an account one of them runs as. */
function runningAccountMember(namespace: string, name: string): BecomeEdge {
  return {
    from: `run:${namespace}`,
    to: saKey(namespace, name),
    toKind: 'ServiceAccount',
    how: 'member',
    grants: [],
    description: `act inside a pod that runs as ServiceAccount ${namespace}/${name}`,
  };
}

/** Any user -> one user. */
function userMember(user: string): BecomeEdge {
  return { from: 'users', to: `user:${user}`, toKind: 'User', how: 'member', grants: [], description: `act as user ${user}` };
}

/** The pods of kube-system are cluster-admin-equivalent (see the module documentation). */
const KUBE_SYSTEM_PODS: BecomeEdge = {
  from: `run:${KUBE_SYSTEM}`,
  to: ADMIN,
  toKind: 'ClusterAdmin',
  how: 'kube-system-pods',
  grants: [],
  description: 'act inside the pods of kube-system (kube-proxy, CNI agents, control-plane pods hold node and cluster credentials)',
};

function grantOf(held: Held): BecomeGrant {
  const { namespace, binding, role, triple } = held;
  return {
    namespace,
    apiGroup: triple.apiGroup,
    resource: triple.resource,
    verb: triple.verb,
    ...(triple.resourceNames ? { resourceNames: triple.resourceNames } : {}),
    binding,
    role,
  };
}

function byNamespace(held: readonly Held[]): Map<string, Held[]> {
  const map = new Map<string, Held[]>();
  for (const h of held) {
    let list = map.get(h.namespace);
    if (!list) map.set(h.namespace, list = []);
    list.push(h);
  }
  return map;
}

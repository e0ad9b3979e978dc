import { compareCodeUnits } from '../string-order';
import { PolicyRuleJson, stringsOf, stringsOrEmptyOf } from './policy-rule';
import { nameLimit, NameLimit, WritableNames, writableNames } from './resource-names';
import { SubjectIdentity } from './subject-identity';
import { KnownResources } from '../k8s/known-resources';
import { LabelSelectors } from '../k8s/label-selector';
import type { Manifest } from '../k8s/manifest';
import { Namespaces } from '../k8s/namespace';
import { NamespacedMap } from '../k8s/namespaced-map';
import { RbacBootstrapPolicy } from '../k8s/rbac-bootstrap/bootstrap-policy';

/** Namespace value of a grant that holds in every namespace and on cluster-scoped resources. */
export const ALL_NAMESPACES = '*';

/** The binding a grant comes from. */
export interface BindingRef {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace?: string;
  /** Set when the binding is one of the bootstrap policy's (only with `bootstrapBindings`). */
  readonly builtIn?: true;
}

/**
 * The role a grant comes from; `builtIn` when it is a bootstrap role not defined in the input;
 * `reconciled` when the input defines a role the API server reconciles (see `ResolvedRole`).
 */
export interface RoleRefInfo {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  readonly builtIn: boolean;
  readonly reconciled?: true;
}

/** The binding subject through which a ServiceAccount holds a grant (itself, or a group it belongs to). */
export interface SubjectRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** One permission a ServiceAccount effectively holds: one (apiGroup, resource, verb) in one namespace. */
export interface AccessGrant {
  /** The namespace it holds in; `*` = every namespace and cluster-scoped resources (a ClusterRoleBinding). */
  readonly namespace: string;
  readonly apiGroup: string;
  /** The resource (`pods`, `pods/log`, `*`); empty for a non-resource URL grant. */
  readonly resource: string;
  readonly verb: string;
  /**
   * Only these objects, when the rule lists resourceNames (for list and watch: only with a
   * `metadata.name` field selector; see `EffectiveAccess.nameLimitOf`). A create or
   * deletecollection limited by name is never a grant: it cannot match any request.
   */
  readonly resourceNames?: string[];
  /** Set (and `resource` empty) for a non-resource URL grant such as `/metrics`. */
  readonly nonResourceURL?: string;
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
  /** The subject of the binding that matched (the ServiceAccount, or a group such as `system:serviceaccounts:<ns>`). */
  readonly subject: SubjectRef;
}

/** What one ServiceAccount can do. */
export interface ServiceAccountAccess {
  readonly namespace: string;
  readonly name: string;
  /** True when the ServiceAccount object is in the input (false: only named by a binding). */
  readonly declared: boolean;
  readonly grants: AccessGrant[];
}

/** A binding whose role is neither in the input nor built in: it grants nothing (yet). */
export interface MissingRole {
  readonly binding: BindingRef;
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** Where the missing role was looked up (Roles only). */
  readonly namespace?: string;
}

/** A role as effective access resolved it: its rules (aggregation applied) and where it came from. */
export interface ResolvedRole {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  readonly namespace?: string;
  readonly rules: readonly PolicyRuleJson[];
  /** A bootstrap role the input does not define. */
  readonly builtIn: boolean;
  /**
   * The input defines a role of a bootstrap role's name that kube-apiserver reconciles (not
   * annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`): on every start it adds
   * the bootstrap rules, labels, annotations and aggregation selectors back, so the role grants
   * the union of both (`rules` is that union).
   */
  readonly reconciled?: true;
  /** For a reconciled role: the bootstrap rules the input lacks, which the API server adds back. */
  readonly restoredRules?: readonly PolicyRuleJson[];
}

/** Options of `EffectiveAccess.compute`. */
export interface EffectiveAccessOptions {
  /**
   * Also apply the bootstrap policy's ClusterRoleBindings and RoleBindings (the controllers'
   * ServiceAccounts in kube-system, `system:kube-controller-manager`, `system:masters`...), as a
   * cluster has them. Off by default: reports describe the input, and "who can become whom"
   * turns it on to follow paths through the built-in identities.
   * @default false
   */
  readonly bootstrapBindings?: boolean;
  /**
   * Where namespaced objects without a namespace live (`kubectl apply -n`).
   * @default 'default'
   */
  readonly defaultNamespace?: string;
}

/**
 * The grants one binding gives one subject, as a set: what "who can become whom" evaluates once
 * per role and scope (`key`), however many subjects share it.
 */
export interface GrantSet {
  /** The namespace the grants hold in; `*` for a ClusterRoleBinding. */
  readonly namespace: string;
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
  readonly subject: SubjectRef;
  /** Equal for every set of the same role granted at the same scope kind (cluster-wide or in a namespace). */
  readonly key: string;
  /** The (apiGroup, resource, verb) grants, without the binding context (built on first read). */
  readonly triples: readonly RoleTriple[];
  /**
   * The role's rules as written (with aggregation and reconciliation applied): the triples come
   * from them, so a reader can skip a role without building its triples.
   */
  readonly rules: readonly PolicyRuleJson[];
}

/** One (apiGroup, resource, verb) of a role, with its names, before a binding places it. */
export interface RoleTriple {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly resourceNames?: string[];
  readonly nonResourceURL?: string;
}


/** A grant without its binding context: one (apiGroup, resource, verb) of a role. */
type Triple = RoleTriple;

/** One binding reaching a ServiceAccount (directly or through a group): expanded into grants only when asked. */
interface Edge {
  readonly namespace: string;
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
  readonly subject: SubjectRef;
  readonly grants: RoleTriples;
}

/**
 * A role's rules as triples for one binding kind, built on first use: checks mostly ask only
 * whether a ServiceAccount holds anything (`any`), and building every triple of every role of a
 * large input was a large share of what a check allocates.
 */
class RoleTriples {
  private built?: readonly Triple[];

  constructor(private readonly role: ResolvedRole, private readonly clusterWide: boolean, public readonly any: boolean,
    public readonly key: string) {}

  public get list(): readonly Triple[] {
    return this.built ??= buildTriples(this.role, this.clusterWide);
  }

  /** The role's rules, as written. */
  public get rules(): readonly PolicyRuleJson[] {
    return this.role.rules;
  }
}

/**
 * True when `buildTriples` would return at least one triple. Nothing is built, not even the
 * filtered lists of `stringsOf`: this runs for every binding of the input.
 */
function grantsAny(role: ResolvedRole, clusterWide: boolean): boolean {
  for (const rule of role.rules) {
    if (!hasString(rule.verbs)) continue;
    const apiGroups = rule.apiGroups;
    const resources = rule.resources;
    if (Array.isArray(apiGroups) && Array.isArray(resources)) {
      // With resourceNames some (verb, resource) pairs grant nothing: check them (rare, so not fast).
      const names = stringsOrEmptyOf(rule.resourceNames);
      const named = names.length > 0;
      for (const group of apiGroups) {
        // A null group is "" (the core group) to the API server, as in stringsOrEmptyOf.
        const apiGroup = group === null ? '' : group;
        if (typeof apiGroup !== 'string') continue;
        for (const resource of resources) {
          if (typeof resource !== 'string') continue;
          if (!clusterWide && KnownResources.isClusterScoped(apiGroup, resource) && apiGroup !== '*'
            && !isClusterRolesBind(apiGroup, resource, stringsOf(rule.verbs))) continue;
          if (named && stringsOf(rule.verbs).every((verb) => nameLimit(verb, resource, names, writableFor(role, verb, apiGroup, resource)).kind === 'never')) continue;
          return true;
        }
      }
    }
    if (clusterWide && hasString(rule.nonResourceURLs)) return true;
  }
  return false;
}

/**
 * True for `bind` (or `*`) on rbac `clusterroles`: the one cluster-scoped grant a RoleBinding
 * gives, as the API server authorizes binding a ClusterRole in a RoleBinding with the
 * RoleBinding's namespace (`BindingAuthorized` in pkg/registry/rbac/escalation_check.go).
 */
function isClusterRolesBind(apiGroup: string, resource: string, verbs: readonly string[]): boolean {
  return apiGroup === 'rbac.authorization.k8s.io' && resource === 'clusterroles' && verbs.some((verb) => verb === 'bind' || verb === '*');
}

/** What the role lets its holder patch or update of the resource, when it matters (for a create by name). */
function writableFor(role: ResolvedRole, verb: string, apiGroup: string, resource: string): WritableNames {
  return verb === 'create' ? writableNames(role.rules, apiGroup, resource) : [];
}

/** True when `stringsOf(field)` is not empty. */
function hasString(field: unknown): boolean {
  return Array.isArray(field) && field.some((value) => typeof value === 'string');
}

/** A role's rules as triples for one binding kind (cluster-wide or in a namespace). */
function buildTriples(role: ResolvedRole, clusterWide: boolean): readonly Triple[] {
  const triples: Triple[] = [];
  for (const rule of role.rules) {
    const verbs = stringsOf(rule.verbs);
    const resourceNames = stringsOrEmptyOf(rule.resourceNames);
    const names = resourceNames.length > 0 ? resourceNames : undefined;
    for (const apiGroup of stringsOrEmptyOf(rule.apiGroups)) {
      for (const resource of stringsOf(rule.resources)) {
        // A RoleBinding never grants cluster-scoped resources, even through a ClusterRole, except
        // `bind` on clusterroles: the API server checks it in the RoleBinding's namespace.
        if (!clusterWide && KnownResources.isClusterScoped(apiGroup, resource) && apiGroup !== '*') {
          if (isClusterRolesBind(apiGroup, resource, verbs)) triples.push(names ? { apiGroup, resource, verb: 'bind', resourceNames: names } : { apiGroup, resource, verb: 'bind' });
          continue;
        }
        for (const verb of verbs) {
          if (!names) {
            triples.push({ apiGroup, resource, verb });
            continue;
          }
          // Like the authorizer: a create or deletecollection of a resource has no name, so names never match it
          // (except a create by server-side apply or PUT, of the names the role may also patch or update).
          const limit = nameLimit(verb, resource, names, writableFor(role, verb, apiGroup, resource));
          if (limit.kind === 'names') triples.push({ apiGroup, resource, verb, resourceNames: limit.names === names ? names : [...limit.names] });
        }
      }
    }
    // Non-resource URLs are only granted through a ClusterRoleBinding.
    if (clusterWide) {
      for (const url of stringsOf(rule.nonResourceURLs)) {
        for (const verb of verbs) triples.push({ apiGroup: '', resource: '', verb, nonResourceURL: url });
      }
    }
  }
  return triples;
}

/**
 * A Role or ClusterRole as stored, with what is derived from it on first use and then shared by
 * every binding to it: its resolution, its reference in edges, and its grants through a binding
 * in a namespace and through a ClusterRoleBinding (a large input binds one role thousands of times).
 */
interface RoleEntry {
  readonly manifest: Manifest;
  readonly builtIn: boolean;
  readonly reconciled?: true;
  readonly restoredRules?: readonly PolicyRuleJson[];
  resolved?: ResolvedRole;
  info?: RoleRefInfo;
  inNamespace?: RoleTriples;
  clusterWide?: RoleTriples;
}

/** A role entry once resolved. */
type ResolvedEntry = RoleEntry & { readonly resolved: ResolvedRole };

/** The role of a binding whose role is missing or invalid (it grants nothing: never part of a grant). */
const UNRESOLVED_ROLE: RoleRefInfo = { kind: 'ClusterRole', name: '', builtIn: false };
/** The grants of a binding whose role is missing or invalid. */
const NO_GRANTS = new RoleTriples({ kind: 'ClusterRole', name: '', rules: [], builtIn: false }, false, false, '');

/** A bootstrap object as a manifest (the data is plain JSON of the same shape). */
function asManifest(object: unknown): Manifest {
  return object as Manifest;
}

/**
 * The role kube-apiserver leaves after reconciling an input role that shadows a bootstrap role
 * (`computeReconciledRole` with `RemoveExtraPermissions: false`, as `EnsureRBACPolicy` runs it):
 * the input's labels and annotations win over the bootstrap ones, the bootstrap rules the input
 * lacks are appended, the bootstrap aggregation selectors it lacks are appended, and an
 * aggregationRule the bootstrap role does not have is removed.
 */
function reconcile(input: Manifest, bootstrap: Manifest): Manifest {
  const inputRules: unknown[] = Array.isArray(input.rules) ? input.rules : [];
  const missing = restoredBy(input, bootstrap);
  const reconciled: Record<string, unknown> = {
    ...input,
    metadata: {
      ...input.metadata,
      labels: { ...bootstrap.metadata.labels, ...objectOrEmpty(input.metadata.labels) },
      annotations: { ...bootstrap.metadata.annotations, ...objectOrEmpty(input.metadata.annotations) },
    },
    rules: [...inputRules, ...missing],
  };
  const expected: unknown[] | undefined = bootstrap.aggregationRule?.clusterRoleSelectors;
  if (!expected) {
    delete reconciled.aggregationRule;
  } else {
    const existing: unknown[] = Array.isArray(input.aggregationRule?.clusterRoleSelectors) ? input.aggregationRule.clusterRoleSelectors : [];
    const have = new Set(existing.map((selector) => JSON.stringify(selector)));
    reconciled.aggregationRule = { clusterRoleSelectors: [...existing, ...expected.filter((selector) => !have.has(JSON.stringify(selector)))] };
  }
  return reconciled as unknown as Manifest;
}

/** The bootstrap rules an input role of the same name lacks: what reconciliation appends. */
function restoredBy(input: Manifest, bootstrap: Manifest): PolicyRuleJson[] {
  const inputRules: unknown[] = Array.isArray(input.rules) ? input.rules : [];
  const seen = new Set(inputRules.map((rule) => JSON.stringify(rule)));
  return (bootstrap.rules as PolicyRuleJson[]).filter((rule) => !seen.has(JSON.stringify(rule)));
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

const SA_USER_PREFIX = 'system:serviceaccount:';

function saKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The group every authenticated user is in (`grantSetsOfUser`'s default groups). */
const AUTHENTICATED = 'system:authenticated';

/** Who holds what `EffectiveAccess.holdersOf` looked for. */
export class GrantHolders {
  constructor(
    private readonly serviceAccounts: NamespacedMap<true>,
    private readonly namespaces: ReadonlySet<string>,
    private readonly allServiceAccounts: boolean,
    private readonly users: ReadonlySet<string>,
    private readonly allUsers: boolean,
  ) {}

  /** True when the ServiceAccount holds such a set (directly, through its namespace's group, or as every ServiceAccount). */
  public holdsServiceAccount(namespace: string, name: string): boolean {
    return this.holdsEveryServiceAccountOf(namespace) || this.serviceAccounts.has(namespace, name);
  }

  /** True when every ServiceAccount of the namespace holds such a set (through its namespace's group, or as every ServiceAccount). */
  public holdsEveryServiceAccountOf(namespace: string): boolean {
    return this.allServiceAccounts || this.namespaces.has(namespace);
  }

  /** The ServiceAccounts of the namespace that hold such a set through a binding of their own, in binding order. */
  public serviceAccountsHeldIn(namespace: string): string[] {
    return this.serviceAccounts.namesIn(namespace);
  }

  /** True when the user (in `system:authenticated`, as `grantSetsOfUser` assumes) holds such a set. */
  public holdsUser(name: string): boolean {
    return this.allUsers || this.users.has(name);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What every ServiceAccount can do, computed from manifests alone (Roles, ClusterRoles,
 * RoleBindings, ClusterRoleBindings, ServiceAccounts; anything else is ignored). It follows the
 * Kubernetes RBAC authorizer: a RoleBinding grants its role's rules in its own namespace (a
 * ClusterRole's cluster-scoped resources are not granted through it), a ClusterRoleBinding grants
 * everywhere; aggregated ClusterRoles (`aggregationRule`) get the rules of every ClusterRole their
 * selectors reach, transitively, on top of their own; every ClusterRole and Role of the
 * bootstrap policy (`src/k8s/rbac-bootstrap`) is known without being in the input, and an input
 * role of the same name is reconciled with it (see `ResolvedRole.reconciled`); any other name
 * is missing, `system:` names included; `resourceNames` apply as in the authorizer (a create or
 * deletecollection by name grants nothing); group subjects `system:serviceaccounts`,
 * `system:serviceaccounts:<ns>` and `system:authenticated` and user subjects
 * `system:serviceaccount:<ns>:<name>` reach ServiceAccounts.
 *
 * Cost is linear in the input: roles are looked up by key, each role is expanded once per
 * namespace kind, and a ServiceAccount's grants are only materialized when asked for.
 */
export class EffectiveAccess {
  /** Computes effective access for the given manifests. Pure: the input is not modified. */
  public static compute(manifests: readonly Manifest[], options: EffectiveAccessOptions = {}): EffectiveAccess {
    return new EffectiveAccess(manifests, options);
  }

  /**
   * Whether a grant is limited to named objects, and to which: `all` (every object of the
   * resource), or `names` (only those; for list and watch only with a `metadata.name` field
   * selector). Grants that names make impossible (create, deletecollection) are never grants.
   */
  public static nameLimitOf(grant: { readonly verb: string; readonly resource: string; readonly resourceNames?: readonly string[] }): NameLimit {
    return nameLimit(grant.verb, grant.resource, grant.resourceNames);
  }

  private static rulesOf(role: Manifest): readonly PolicyRuleJson[] {
    return Array.isArray(role.rules) ? (role.rules.filter((rule: unknown) => rule !== null && typeof rule === 'object') as PolicyRuleJson[]) : [];
  }

  // The namespaced maps of a copy (`withBootstrapBindings`) read through to the base's.
  private readonly declared: NamespacedMap<true>;
  private readonly roles: NamespacedMap<RoleEntry>;
  private readonly clusterRoles = new Map<string, RoleEntry>();
  private readonly users = new Map<string, Edge[]>();
  private readonly groups = new Map<string, Edge[]>();
  private readonly resolvedClusterRules = new Map<string, readonly PolicyRuleJson[]>();
  private readonly selections = new Map<string, readonly string[]>();
  private readonly direct: NamespacedMap<Edge[]>;
  private readonly referenced: NamespacedMap<true>;
  /** The accounts of `referenced` that only bootstrap bindings name (the input's bindings are added first). */
  private readonly referencedByBootstrapOnly: NamespacedMap<true>;
  private readonly byNamespaceGroup = new Map<string, Edge[]>();
  private readonly toAllServiceAccounts: Edge[] = [];
  private readonly missing: MissingRole[] = [];

  /** Where namespaced objects without a namespace live. */
  private readonly defaultNamespace: string;
  /** True when the bootstrap policy's bindings are applied. */
  private readonly bootstrapBindings: boolean;
  /** The access this one was copied from (`withBootstrapBindings`): its accounts' edge lists are shared until one gets an edge here. */
  private readonly base: EffectiveAccess | undefined;

  /** @param base the same input already computed (without bootstrap bindings): shared, not read again */
  private constructor(manifests: readonly Manifest[], options: EffectiveAccessOptions, base?: EffectiveAccess) {
    this.defaultNamespace = options.defaultNamespace ?? Namespaces.DEFAULT;
    this.bootstrapBindings = options.bootstrapBindings === true;
    this.base = base;
    this.declared = new NamespacedMap(base?.declared);
    this.roles = new NamespacedMap(base?.roles);
    this.direct = new NamespacedMap(base?.direct);
    this.referenced = new NamespacedMap(base?.referenced);
    this.referencedByBootstrapOnly = new NamespacedMap(base?.referencedByBootstrapOnly);
    if (base) {
      this.copy(base);
      if (this.bootstrapBindings) this.addBootstrapBindings();
      return;
    }
    const bindings: Manifest[] = [];
    for (const manifest of manifests) {
      // Each field is read once (objects rendered by cdk8s make every property read a slow lookup).
      const metadata = manifest?.metadata;
      const name = metadata?.name;
      if (typeof name !== 'string') continue;
      const namespace = metadata.namespace;
      switch (manifest.kind) {
        case 'ServiceAccount': {
          const ns = namespace ?? this.defaultNamespace;
          this.declared.set(ns, name, true);
          break;
        }
        case 'Role': this.roles.set(namespace ?? this.defaultNamespace, name, { manifest, builtIn: false }); break;
        case 'ClusterRole': this.clusterRoles.set(name, { manifest, builtIn: false }); break;
        case 'RoleBinding':
        case 'ClusterRoleBinding': bindings.push(manifest); break;
        default: break;
      }
    }
    // Bootstrap roles exist in every cluster. An input role of the same name does not replace
    // one the API server reconciles: it gets the bootstrap rules back (the union); only one that
    // opts out (autoupdate "false") is left as written.
    for (const builtIn of RbacBootstrapPolicy.clusterRoles()) {
      const name = builtIn.metadata.name;
      this.addBootstrapRole(this.clusterRoles.get(name), asManifest(builtIn), (entry) => this.clusterRoles.set(name, entry));
    }
    for (const builtIn of RbacBootstrapPolicy.roles()) {
      const { namespace, name } = builtIn.metadata;
      this.addBootstrapRole(this.roles.get(namespace, name), asManifest(builtIn), (entry) => this.roles.set(namespace, name, entry));
    }
    for (const binding of bindings) this.addBinding(binding, false);
    if (this.bootstrapBindings) this.addBootstrapBindings();
  }

  /**
   * This access plus the bootstrap policy's bindings: what `compute` gives with
   * `bootstrapBindings: true`, without reading the input again (its roles, their triples and its
   * bindings are shared with this one, which does not change).
   */
  public withBootstrapBindings(): EffectiveAccess {
    return this.bootstrapBindings ? this : new EffectiveAccess([], { defaultNamespace: this.defaultNamespace, bootstrapBindings: true }, this);
  }

  /** Every ServiceAccount in the input or named by a binding subject, sorted by namespace then name. */
  public serviceAccounts(): ServiceAccountAccess[] {
    return this.serviceAccountNames().map((sa) => this.accessOf(sa.namespace, sa.name));
  }

  /** Every ServiceAccount in the input or named by a binding subject, as (namespace, name), sorted; no grant is built. */
  public serviceAccountNames(): Array<{ readonly namespace: string; readonly name: string }> {
    const namespaces = this.serviceAccountNamespaces();
    // Sorted as the keys `namespace/name` (the default sort: UTF-16 code units). Namespace by
    // namespace gives that order unless a namespace holds a '/' (not a valid name): then the keys
    // of two namespaces may interleave, and every key is sorted.
    if (namespaces.some((namespace) => namespace.includes('/'))) {
      const all = namespaces.flatMap((namespace) => this.serviceAccountNamesIn(namespace)
        .map((name) => ({ key: saKey(namespace, name), namespace, name })));
      return all.sort((a, b) => compareCodeUnits(a.key, b.key)).map(({ namespace, name }) => ({ namespace, name }));
    }
    return namespaces.flatMap((namespace) => this.serviceAccountNamesIn(namespace).map((name) => ({ namespace, name })));
  }

  /**
   * The namespaces of `serviceAccountNames()`, in the order they first appear there (each by its
   * smallest key `namespace/name`), without a key per account: compared as `namespace/`, which
   * orders them the same way unless one holds a '/'.
   */
  public serviceAccountNamespaces(): string[] {
    const namespaces = [...new Set([...this.referenced.namespaces(), ...this.declared.namespaces()])];
    const slash = namespaces.some((namespace) => namespace.includes('/'));
    const firstKey = (namespace: string) => (slash ? saKey(namespace, this.serviceAccountNamesIn(namespace)[0]) : `${namespace}/`);
    return namespaces.map((namespace) => ({ namespace, key: firstKey(namespace) }))
      .sort((a, b) => compareCodeUnits(a.key, b.key)).map(({ namespace }) => namespace);
  }

  /** The names of the ServiceAccounts of one namespace in the input or named by a binding subject, sorted. */
  public serviceAccountNamesIn(namespace: string): string[] {
    return [...new Set([...this.referenced.namesIn(namespace), ...this.declared.namesIn(namespace)])].sort();
  }

  /** What one ServiceAccount can do, or undefined if it is neither in the input nor a binding subject. */
  public forServiceAccount(namespace: string, name: string): ServiceAccountAccess | undefined {
    if (!this.isKnown(namespace, name)) return undefined;
    return this.accessOf(namespace, name);
  }

  /** True when the ServiceAccount holds at least one permission (cheap: nothing is materialized). */
  public hasGrants(namespace: string, name: string): boolean {
    // Only edges with triples are stored (addDirect and the group edges skip empty roles), so any
    // edge is a grant; checked without building the edge list, as this runs once per pod.
    return (this.direct.get(namespace, name)?.length ?? 0) > 0
      || (this.byNamespaceGroup.get(namespace)?.length ?? 0) > 0
      || this.toAllServiceAccounts.length > 0;
  }

  /** The roles that grant the ServiceAccount anything, one per binding that reaches it (cheap: no grant is built). */
  public rolesOf(namespace: string, name: string): RoleRefInfo[] {
    return this.edgesOf(namespace, name).map((edge) => edge.role);
  }

  /** True when the ServiceAccount is in the input or named by a binding subject (what `forServiceAccount` answers for). */
  public isKnown(namespace: string, name: string): boolean {
    return this.declared.has(namespace, name) || this.referenced.has(namespace, name);
  }

  /** True when the ServiceAccount is in the input or named by a binding of the input (not only by a bootstrap binding). */
  public isInInput(namespace: string, name: string): boolean {
    return this.declared.has(namespace, name) || (this.referenced.has(namespace, name) && !this.referencedByBootstrapOnly.has(namespace, name));
  }

  /** Bindings whose Role or ClusterRole is neither in the input nor built in. */
  public missingRoles(): MissingRole[] {
    return [...this.missing];
  }

  /**
   * The input's Roles and ClusterRoles that shadow a reconciled bootstrap role, resolved (rules
   * are the union): the ClusterRoles in input order, then the Roles namespace by namespace.
   */
  public reconciledRoles(): ResolvedRole[] {
    const found: ResolvedRole[] = [];
    for (const [name, entry] of this.clusterRoles) if (entry.reconciled) found.push(this.resolveRole('ClusterRole', name)!);
    this.roles.forEach((entry, namespace, name) => {
      if (entry.reconciled) found.push(this.resolveRole('Role', name, namespace)!);
    });
    return found;
  }

  /**
   * The grants a ServiceAccount holds, one set per binding that reaches it (directly, through
   * `system:serviceaccounts:<ns>`, `system:serviceaccounts` or `system:authenticated`).
   */
  public grantSetsOf(namespace: string, name: string): GrantSet[] {
    return this.edgesOf(namespace, name).map(toGrantSet);
  }

  /**
   * The grants a user (not a ServiceAccount) holds: bindings to the User, and to each of the
   * groups (a user that authenticated is always in `system:authenticated`).
   */
  public grantSetsOfUser(name: string, groups: readonly string[] = [AUTHENTICATED]): GrantSet[] {
    return [...(this.users.get(name) ?? []), ...groups.flatMap((group) => this.groups.get(group) ?? [])].map(toGrantSet);
  }

  /**
   * The identities that hold at least one grant set `relevant` accepts, found without building a
   * set per identity: `relevant` is asked once per role and scope kind (sets of equal `key`), so it
   * must depend on the role and scope only (`key`, `triples`, `resources`), not on the binding.
   */
  public holdersOf(relevant: (set: GrantSet) => boolean): GrantHolders {
    const answers = new Map<RoleTriples, boolean>();
    const anyRelevant = (edges: readonly Edge[] | undefined) => edges !== undefined && edges.some((edge) => {
      let answer = answers.get(edge.grants);
      if (answer === undefined) answers.set(edge.grants, answer = relevant(toGrantSet(edge)));
      return answer;
    });
    const serviceAccounts = new NamespacedMap<true>();
    this.direct.forEach((edges, namespace, name) => {
      if (anyRelevant(edges)) serviceAccounts.set(namespace, name, true);
    });
    const namespaces = new Set<string>();
    for (const [namespace, edges] of this.byNamespaceGroup) if (anyRelevant(edges)) namespaces.add(namespace);
    const users = new Set<string>();
    for (const [user, edges] of this.users) if (anyRelevant(edges)) users.add(user);
    return new GrantHolders(serviceAccounts, namespaces, anyRelevant(this.toAllServiceAccounts),
      users, anyRelevant(this.groups.get(AUTHENTICATED)));
  }

  /** Every User (not ServiceAccount) and Group named by a binding subject, sorted. */
  public namedUsersAndGroups(): { readonly users: string[]; readonly groups: string[] } {
    return { users: [...this.users.keys()].sort(), groups: [...this.groups.keys()].sort() };
  }

  /**
   * The ClusterRoles an aggregated ClusterRole takes rules from (transitively, itself excluded),
   * by name, each with its own rules; empty for a ClusterRole that is not aggregated or not known.
   */
  public aggregatedFrom(name: string): ResolvedRole[] {
    if (!this.clusterRoles.has(name)) return [];
    return this.reachedFrom(name).map((other) => {
      const entry = this.clusterRoles.get(other)!;
      return { kind: 'ClusterRole', name: other, rules: EffectiveAccess.rulesOf(entry.manifest), builtIn: entry.builtIn };
    });
  }

  /**
   * A Role (by namespace and name) or ClusterRole (by name) with its effective rules (aggregation
   * resolved), or undefined when it is neither in the input nor built in.
   */
  public resolveRole(kind: string, name: string, namespace?: string): ResolvedRole | undefined {
    return this.resolvedEntry(kind, name, namespace)?.resolved;
  }

  /** The stored role a reference names, resolved on its first use (every role is stored before any binding is read). */
  private resolvedEntry(kind: string, name: string, namespace?: string): ResolvedEntry | undefined {
    if (kind === 'Role') {
      const ns = namespace ?? this.defaultNamespace;
      const entry = this.roles.get(ns, name);
      if (entry) entry.resolved ??= resolved(entry, { kind: 'Role', name, namespace: ns, rules: EffectiveAccess.rulesOf(entry.manifest), builtIn: entry.builtIn });
      return entry as ResolvedEntry | undefined;
    }
    if (kind === 'ClusterRole') {
      const entry = this.clusterRoles.get(name);
      if (entry) entry.resolved ??= resolved(entry, { kind: 'ClusterRole', name, rules: this.clusterRules(name), builtIn: entry.builtIn });
      return entry as ResolvedEntry | undefined;
    }
    return undefined;
  }

  private addBootstrapBindings(): void {
    for (const binding of [...RbacBootstrapPolicy.clusterRoleBindings(), ...RbacBootstrapPolicy.roleBindings()]) {
      this.addBinding(asManifest(binding), true);
    }
  }

  /**
   * Takes over what `base` computed: the maps are copied (bindings added later must not change
   * `base`), except the namespaced ones, which read through to base's (set in the constructor);
   * roles and triples are shared, and so are the accounts' edge lists, copied only when one gets
   * an edge (`addDirect`): the bootstrap bindings reach a few accounts of thousands.
   */
  private copy(base: EffectiveAccess): void {
    const maps: Array<[Map<string, unknown>, Map<string, unknown>]> = [
      [this.clusterRoles, base.clusterRoles], [this.resolvedClusterRules, base.resolvedClusterRules], [this.selections, base.selections],
    ];
    for (const [to, from] of maps) for (const [key, value] of from) to.set(key, value);
    const edgeMaps = [[this.users, base.users], [this.groups, base.groups], [this.byNamespaceGroup, base.byNamespaceGroup]];
    for (const [to, from] of edgeMaps) {
      for (const [key, edges] of from) to.set(key, [...edges]);
    }
    this.toAllServiceAccounts.push(...base.toAllServiceAccounts);
    this.missing.push(...base.missing);
  }

  /** Stores a bootstrap role (`store`), given the input's role of the same name, if any. */
  private addBootstrapRole(input: RoleEntry | undefined, builtIn: Manifest, store: (entry: RoleEntry) => void): void {
    if (!input) {
      store({ manifest: builtIn, builtIn: true });
    } else if (RbacBootstrapPolicy.isReconciled(builtIn, input.manifest.metadata.annotations)) {
      const restoredRules = restoredBy(input.manifest, builtIn);
      store({ manifest: reconcile(input.manifest, builtIn), builtIn: false, reconciled: true, restoredRules });
    }
  }

  private edgesOf(namespace: string, name: string): Edge[] {
    return [
      ...(this.direct.get(namespace, name) ?? []),
      ...(this.byNamespaceGroup.get(namespace) ?? []),
      ...this.toAllServiceAccounts,
    ];
  }

  private accessOf(namespace: string, name: string): ServiceAccountAccess {
    const grants: AccessGrant[] = [];
    for (const edge of this.edgesOf(namespace, name)) {
      for (const triple of edge.grants.list) {
        grants.push({ namespace: edge.namespace, ...triple, binding: edge.binding, role: edge.role, subject: edge.subject });
      }
    }
    return { namespace, name, declared: this.declared.has(namespace, name), grants };
  }

  private addBinding(binding: Manifest, builtIn: boolean): void {
    const kind = binding.kind as BindingRef['kind'];
    const metadata = binding.metadata;
    const bindingNamespace = kind === 'RoleBinding' ? metadata.namespace ?? this.defaultNamespace : undefined;
    const bindingRef = bindingRefOf(kind, metadata.name, bindingNamespace, builtIn);
    const roleRef = binding.roleRef;
    const roleKind = roleRef?.kind;
    const roleName = roleRef?.name;
    // A ClusterRoleBinding can only reference a ClusterRole; anything else is not a valid binding.
    const validRef = typeof roleName === 'string' && (roleKind === 'ClusterRole' || (roleKind === 'Role' && kind === 'RoleBinding'));
    const entry = validRef ? this.resolvedEntry(roleKind, roleName, bindingNamespace) : undefined;
    if (validRef && !entry) {
      this.missing.push({
        binding: bindingRef,
        roleRef: { kind: roleKind, name: roleName },
        ...(roleKind === 'Role' ? { namespace: bindingNamespace } : {}),
      });
    }
    const namespace = bindingNamespace ?? ALL_NAMESPACES;
    const grants = entry ? this.triplesOf(entry, namespace === ALL_NAMESPACES) : NO_GRANTS;
    // Without a role there are no grants, so the edges below are never kept (only the subjects become known).
    const roleInfo: RoleRefInfo = entry ? entry.info ??= refInfo(entry.resolved) : UNRESOLVED_ROLE;

    const subjects: unknown[] = Array.isArray(binding.subjects) ? binding.subjects : [];
    for (const subject of subjects as SubjectRef[]) {
      const subjectName = subject?.name;
      if (!subject || typeof subjectName !== 'string') continue;
      const subjectKind = subject.kind;
      const subjectNamespace = subject.namespace;
      const subjectRef: SubjectRef = subjectNamespace
        ? { kind: subjectKind, name: subjectName, namespace: subjectNamespace }
        : { kind: subjectKind, name: subjectName };
      const edge: Edge = { namespace, binding: bindingRef, role: roleInfo, subject: subjectRef, grants };
      const reach = SubjectIdentity.reach(subject, bindingNamespace ?? this.defaultNamespace);
      if (reach.scope === 'one') this.addDirect(reach.namespace!, reach.name!, edge);
      else if (reach.scope === 'all' && grants.any) this.toAllServiceAccounts.push(edge);
      else if (reach.scope === 'namespace' && grants.any) pushTo(this.byNamespaceGroup, reach.namespace!, edge);
      // Users and groups as such, for "who can become whom" (impersonation targets).
      if (subjectKind === 'Group' && grants.any) pushTo(this.groups, subjectName, edge);
      else if (subjectKind === 'User' && !subjectName.startsWith(SA_USER_PREFIX) && grants.any) pushTo(this.users, subjectName, edge);
    }
  }

  private addDirect(namespace: string, name: string, edge: Edge): void {
    if (!this.referenced.has(namespace, name)) {
      this.referenced.set(namespace, name, true);
      if (edge.binding.builtIn) this.referencedByBootstrapOnly.set(namespace, name, true);
    }
    if (edge.grants.any) {
      const edges = this.direct.get(namespace, name);
      if (!edges) this.direct.set(namespace, name, [edge]);
      else if (edges === this.base?.direct.get(namespace, name)) this.direct.set(namespace, name, [...edges, edge]);
      else edges.push(edge);
    }
  }

  /** A role's triples, once per role and binding kind (cluster-wide or in a namespace). */
  private triplesOf(entry: ResolvedEntry, clusterWide: boolean): RoleTriples {
    return clusterWide ? entry.clusterWide ??= newTriples(entry.resolved, true) : entry.inNamespace ??= newTriples(entry.resolved, false);
  }

  /**
   * A ClusterRole's effective rules: its own `rules` and, for an aggregated one, the `rules` of
   * every ClusterRole reachable from it through selector matches, each role once, own rules first
   * then the others by name. Kubernetes' aggregation controller sets an aggregated role's rules to
   * the union of the stored rules of every OTHER role its selectors match, so over repeated
   * reconciles aggregation is transitive; for an acyclic graph this is what it converges to. Two
   * deliberate, conservative differences: the own rules are kept (they are granted until the
   * controller first reconciles), and inside a cycle (A selects B, B selects A) every role holds
   * everything the cycle reaches, whatever the input order, where the controller's result depends
   * on the order of its reconciles: access is never under-reported.
   */
  private clusterRules(name: string): readonly PolicyRuleJson[] {
    const cached = this.resolvedClusterRules.get(name);
    if (cached) return cached;
    const rules = [name, ...this.reachedFrom(name)].flatMap((role) => EffectiveAccess.rulesOf(this.clusterRoles.get(role)!.manifest));
    this.resolvedClusterRules.set(name, rules);
    return rules;
  }

  /** Every ClusterRole reachable from a known one through selector matches, itself excluded, sorted by name. */
  private reachedFrom(name: string): string[] {
    const reached = new Set([name]);
    for (const current of reached) {
      // A Set iterates over the entries added while iterating: a breadth-first walk.
      for (const next of this.selectedBy(current)) reached.add(next);
    }
    reached.delete(name);
    return [...reached].sort();
  }

  /**
   * The ClusterRoles an aggregated ClusterRole's selectors match (none for one that is not
   * aggregated). The controller skips the role itself; here matching itself adds nothing, as its
   * own rules are held anyway.
   */
  private selectedBy(name: string): readonly string[] {
    const cached = this.selections.get(name);
    if (cached) return cached;
    const selected: string[] = [];
    const selectors: unknown = this.clusterRoles.get(name)!.manifest.aggregationRule?.clusterRoleSelectors;
    if (Array.isArray(selectors)) {
      for (const [otherName, other] of this.clusterRoles) {
        const labels = other.manifest.metadata.labels ?? {};
        if (selectors.some((selector) => LabelSelectors.matches(selector, labels))) selected.push(otherName);
      }
    }
    this.selections.set(name, selected);
    return selected;
  }
}

/** How edges name a resolved role. */
function refInfo(role: ResolvedRole): RoleRefInfo {
  const info: RoleRefInfo = { kind: role.kind, name: role.name, builtIn: role.builtIn };
  return role.reconciled ? { ...info, reconciled: true } : info;
}

/** A role's grants through one kind of binding; the key names the role and the binding kind. */
function newTriples(role: ResolvedRole, clusterWide: boolean): RoleTriples {
  return new RoleTriples(role, clusterWide, grantsAny(role, clusterWide), `${role.kind}\u0000${role.namespace ?? ''}\u0000${role.name}\u0000${clusterWide}`);
}

/** A role as resolved: for a role of the input that shadows a bootstrap role, with `reconciled` and the rules reconciliation restores. */
function resolved(entry: RoleEntry, role: ResolvedRole): ResolvedRole {
  return entry.reconciled ? { ...role, reconciled: true, restoredRules: entry.restoredRules ?? [] } : role;
}

/** How edges name a binding (one per binding, shared by its subjects' edges): `namespace` and `builtIn` only when set. */
function bindingRefOf(kind: BindingRef['kind'], name: string, namespace: string | undefined, builtIn: boolean): BindingRef {
  if (namespace === undefined) return builtIn ? { kind, name, builtIn: true } : { kind, name };
  return builtIn ? { kind, name, namespace, builtIn: true } : { kind, name, namespace };
}

function toGrantSet(edge: Edge): GrantSet {
  return new EdgeGrantSet(edge);
}

/** A grant set over one edge; its triples are built only when read ("who can become whom" skips most roles by their resources). */
class EdgeGrantSet implements GrantSet {
  public readonly namespace: string;
  public readonly binding: BindingRef;
  public readonly role: RoleRefInfo;
  public readonly subject: SubjectRef;
  public readonly key: string;
  private readonly grants: RoleTriples;

  constructor(edge: Edge) {
    this.namespace = edge.namespace;
    this.binding = edge.binding;
    this.role = edge.role;
    this.subject = edge.subject;
    this.key = edge.grants.key;
    this.grants = edge.grants;
  }

  public get triples(): readonly RoleTriple[] {
    return this.grants.list;
  }

  public get rules(): readonly PolicyRuleJson[] {
    return this.grants.rules;
  }
}

import { BUILTIN_CLUSTER_ROLES } from './builtin-cluster-roles';
import { KnownResources } from './known-resources';
import { PolicyRuleJson, stringsOf, stringsOrEmptyOf } from './policy-rule';
import type { Manifest } from '../compliance/model';

/** Namespace value of a grant that holds in every namespace and on cluster-scoped resources. */
export const ALL_NAMESPACES = '*';

/** The binding a grant comes from. */
export interface BindingRef {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  readonly namespace?: string;
}

/** The role a grant comes from; `builtIn` when it is a built-in ClusterRole not defined in the input. */
export interface RoleRefInfo {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  readonly builtIn: boolean;
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
  /** Only these objects, when the rule lists resourceNames. */
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
  readonly builtIn: boolean;
}

interface LabelSelectorRequirement {
  readonly key?: unknown;
  readonly operator?: unknown;
  readonly values?: unknown;
}

interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: unknown;
}

/** A grant without its binding context: one (apiGroup, resource, verb) of a role. */
interface Triple {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly resourceNames?: string[];
  readonly nonResourceURL?: string;
}

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

  constructor(private readonly role: ResolvedRole, private readonly clusterWide: boolean, public readonly any: boolean) {}

  public get list(): readonly Triple[] {
    return this.built ??= buildTriples(this.role, this.clusterWide);
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
      for (const group of apiGroups) {
        // A null group is "" (the core group) to the API server, as in stringsOrEmptyOf.
        const apiGroup = group === null ? '' : group;
        if (typeof apiGroup !== 'string') continue;
        for (const resource of resources) {
          if (typeof resource !== 'string') continue;
          if (!clusterWide && KnownResources.isClusterScoped(apiGroup, resource) && apiGroup !== '*') continue;
          return true;
        }
      }
    }
    if (clusterWide && hasString(rule.nonResourceURLs)) return true;
  }
  return false;
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
        // A RoleBinding never grants cluster-scoped resources, even through a ClusterRole.
        if (!clusterWide && KnownResources.isClusterScoped(apiGroup, resource) && apiGroup !== '*') continue;
        for (const verb of verbs) triples.push(names ? { apiGroup, resource, verb, resourceNames: names } : { apiGroup, resource, verb });
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

interface ClusterRoleEntry {
  readonly manifest: Manifest;
  readonly builtIn: boolean;
}

/** The role of a binding whose role is missing or invalid (it grants nothing: never part of a grant). */
const UNRESOLVED_ROLE: RoleRefInfo = { kind: 'ClusterRole', name: '', builtIn: false };
/** The grants of a binding whose role is missing or invalid. */
const NO_GRANTS = new RoleTriples({ kind: 'ClusterRole', name: '', rules: [], builtIn: false }, false, false);

const SA_USER_PREFIX = 'system:serviceaccount:';
const SA_GROUP_PREFIX = 'system:serviceaccounts:';
/** Groups every ServiceAccount belongs to. */
const ALL_SA_GROUPS = ['system:serviceaccounts', 'system:authenticated'];
/** A RoleBinding without a namespace lands in the client's namespace; assume `default`. */
const DEFAULT_NAMESPACE = 'default';

function saKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * True when a `clusterRoleSelectors` entry selects a ClusterRole with these labels, as
 * `metav1.LabelSelectorAsSelector` decides: the requirements are ANDed, `NotIn` and
 * `DoesNotExist` hold for a role without the key, and an empty selector (`{}`, or `null`, which
 * the API server decodes as one) is `labels.Everything()`: it selects every ClusterRole.
 * A selector the API server would reject (not an object, `matchExpressions` not a list of
 * objects, an unknown operator, `values` not a list) selects nothing.
 */
function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (selector === null) return true;
  if (typeof selector !== 'object' || Array.isArray(selector)) return false;
  const { matchLabels, matchExpressions } = selector as LabelSelector;
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  if (matchExpressions === undefined) return true;
  if (!Array.isArray(matchExpressions)) return false;
  for (const expression of matchExpressions) {
    if (!expressionMatches(expression, labels)) return false;
  }
  return true;
}

/** One `matchExpressions` requirement; `In` with no values selects nothing, `NotIn` with none holds. */
function expressionMatches(expression: unknown, labels: Record<string, string>): boolean {
  const { key, operator, values } = (expression ?? {}) as LabelSelectorRequirement;
  const listed = values ?? [];
  if (typeof key !== 'string' || !Array.isArray(listed)) return false;
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In': return has && listed.includes(labels[key]);
    case 'NotIn': return !has || !listed.includes(labels[key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
  return false;
}

/**
 * What every ServiceAccount can do, computed from manifests alone (Roles, ClusterRoles,
 * RoleBindings, ClusterRoleBindings, ServiceAccounts; anything else is ignored). It follows the
 * Kubernetes RBAC authorizer: a RoleBinding grants its role's rules in its own namespace (a
 * ClusterRole's cluster-scoped resources are not granted through it), a ClusterRoleBinding grants
 * everywhere; aggregated ClusterRoles (`aggregationRule`) get the rules of every ClusterRole their
 * selectors reach, transitively, on top of their own; `view`, `edit`, `admin` and `cluster-admin`
 * are known without being in the input; group subjects `system:serviceaccounts`,
 * `system:serviceaccounts:<ns>` and `system:authenticated` and user subjects
 * `system:serviceaccount:<ns>:<name>` reach ServiceAccounts.
 *
 * Cost is linear in the input: roles are looked up by key, each role is expanded once per
 * namespace kind, and a ServiceAccount's grants are only materialized when asked for.
 */
export class EffectiveAccess {
  /** Computes effective access for the given manifests. Pure: the input is not modified. */
  public static compute(manifests: readonly Manifest[]): EffectiveAccess {
    return new EffectiveAccess(manifests);
  }

  private static rulesOf(role: Manifest): readonly PolicyRuleJson[] {
    return Array.isArray(role.rules) ? (role.rules.filter((rule: unknown) => rule !== null && typeof rule === 'object') as PolicyRuleJson[]) : [];
  }

  private readonly declared = new Map<string, { namespace: string; name: string }>();
  private readonly roles = new Map<string, Manifest>();
  private readonly clusterRoles = new Map<string, ClusterRoleEntry>();
  private readonly resolvedClusterRules = new Map<string, readonly PolicyRuleJson[]>();
  private readonly selections = new Map<string, readonly string[]>();
  private readonly triplesCache = new Map<string, RoleTriples>();
  private readonly direct = new Map<string, Edge[]>();
  private readonly referenced = new Map<string, { namespace: string; name: string }>();
  private readonly byNamespaceGroup = new Map<string, Edge[]>();
  private readonly toAllServiceAccounts: Edge[] = [];
  private readonly missing: MissingRole[] = [];

  private constructor(manifests: readonly Manifest[]) {
    const bindings: Manifest[] = [];
    for (const manifest of manifests) {
      // Each field is read once (objects rendered by cdk8s make every property read a slow lookup).
      const metadata = manifest?.metadata;
      const name = metadata?.name;
      if (typeof name !== 'string') continue;
      const namespace = metadata.namespace;
      switch (manifest.kind) {
        case 'ServiceAccount': {
          const ns = namespace ?? DEFAULT_NAMESPACE;
          this.declared.set(saKey(ns, name), { namespace: ns, name });
          break;
        }
        case 'Role': this.roles.set(saKey(namespace ?? DEFAULT_NAMESPACE, name), manifest); break;
        case 'ClusterRole': this.clusterRoles.set(name, { manifest, builtIn: false }); break;
        case 'RoleBinding':
        case 'ClusterRoleBinding': bindings.push(manifest); break;
        default: break;
      }
    }
    // The built-in data applies unless the input defines a ClusterRole of the same name.
    for (const builtIn of BUILTIN_CLUSTER_ROLES) {
      if (!this.clusterRoles.has(builtIn.metadata.name)) {
        this.clusterRoles.set(builtIn.metadata.name, { manifest: builtIn, builtIn: true });
      }
    }
    for (const binding of bindings) this.addBinding(binding);
  }

  /** Every ServiceAccount in the input or named by a binding subject, sorted by namespace then name. */
  public serviceAccounts(): ServiceAccountAccess[] {
    const keys = new Map([...this.referenced, ...this.declared]);
    // The keys are distinct strings; the default sort orders them by UTF-16 code units.
    return [...keys.keys()].sort().map((key) => {
      const sa = keys.get(key)!;
      return this.accessOf(sa.namespace, sa.name);
    });
  }

  /** What one ServiceAccount can do, or undefined if it is neither in the input nor a binding subject. */
  public forServiceAccount(namespace: string, name: string): ServiceAccountAccess | undefined {
    const key = saKey(namespace, name);
    if (!this.declared.has(key) && !this.referenced.has(key)) return undefined;
    return this.accessOf(namespace, name);
  }

  /** True when the ServiceAccount holds at least one permission (cheap: nothing is materialized). */
  public hasGrants(namespace: string, name: string): boolean {
    // Only edges with triples are stored (addDirect and the group edges skip empty roles), so any
    // edge is a grant; checked without building the edge list, as this runs once per pod.
    return (this.direct.get(saKey(namespace, name))?.length ?? 0) > 0
      || (this.byNamespaceGroup.get(namespace)?.length ?? 0) > 0
      || this.toAllServiceAccounts.length > 0;
  }

  /** True when the ServiceAccount is in the input or named by a binding subject (what `forServiceAccount` answers for). */
  public isKnown(namespace: string, name: string): boolean {
    const key = saKey(namespace, name);
    return this.declared.has(key) || this.referenced.has(key);
  }

  /** Bindings whose Role or ClusterRole is neither in the input nor built in. */
  public missingRoles(): MissingRole[] {
    return [...this.missing];
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
    if (kind === 'Role') {
      const ns = namespace ?? DEFAULT_NAMESPACE;
      const role = this.roles.get(saKey(ns, name));
      return role ? { kind: 'Role', name, namespace: ns, rules: EffectiveAccess.rulesOf(role), builtIn: false } : undefined;
    }
    if (kind === 'ClusterRole') {
      const entry = this.clusterRoles.get(name);
      return entry ? { kind: 'ClusterRole', name, rules: this.clusterRules(name), builtIn: entry.builtIn } : undefined;
    }
    return undefined;
  }

  private edgesOf(namespace: string, name: string): Edge[] {
    return [
      ...(this.direct.get(saKey(namespace, name)) ?? []),
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
    return { namespace, name, declared: this.declared.has(saKey(namespace, name)), grants };
  }

  private addBinding(binding: Manifest): void {
    const kind = binding.kind as BindingRef['kind'];
    const metadata = binding.metadata;
    const bindingNamespace = kind === 'RoleBinding' ? metadata.namespace ?? DEFAULT_NAMESPACE : undefined;
    const bindingRef: BindingRef = bindingNamespace !== undefined
      ? { kind, name: metadata.name, namespace: bindingNamespace }
      : { kind, name: metadata.name };
    const roleRef = binding.roleRef;
    const roleKind = roleRef?.kind;
    const roleName = roleRef?.name;
    // A ClusterRoleBinding can only reference a ClusterRole; anything else is not a valid binding.
    const validRef = typeof roleName === 'string' && (roleKind === 'ClusterRole' || (roleKind === 'Role' && kind === 'RoleBinding'));
    const role = validRef ? this.resolveRole(roleKind, roleName, bindingNamespace) : undefined;
    if (validRef && !role) {
      this.missing.push({
        binding: bindingRef,
        roleRef: { kind: roleKind, name: roleName },
        ...(roleKind === 'Role' ? { namespace: bindingNamespace } : {}),
      });
    }
    const namespace = bindingNamespace ?? ALL_NAMESPACES;
    const grants = role ? this.triplesOf(role, namespace === ALL_NAMESPACES) : NO_GRANTS;
    // Without a role there are no grants, so the edges below are never kept (only the subjects become known).
    const roleInfo: RoleRefInfo = role ? { kind: role.kind, name: role.name, builtIn: role.builtIn } : UNRESOLVED_ROLE;

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
      if (subjectKind === 'ServiceAccount') {
        this.addDirect(subjectNamespace || bindingNamespace || DEFAULT_NAMESPACE, subjectName, edge);
      } else if (subjectKind === 'User' && subjectName.startsWith(SA_USER_PREFIX)) {
        // `system:serviceaccount:<ns>:<name>` exactly (serviceaccount.SplitUsername): a third part is some other user.
        const [saNamespace, name, ...rest] = subjectName.slice(SA_USER_PREFIX.length).split(':');
        if (saNamespace && name && rest.length === 0) this.addDirect(saNamespace, name, edge);
      } else if (subjectKind === 'Group' && ALL_SA_GROUPS.includes(subjectName)) {
        if (grants.any) this.toAllServiceAccounts.push(edge);
      } else if (subjectKind === 'Group' && subjectName.startsWith(SA_GROUP_PREFIX)) {
        if (grants.any) pushTo(this.byNamespaceGroup, subjectName.slice(SA_GROUP_PREFIX.length), edge);
      }
    }
  }

  private addDirect(namespace: string, name: string, edge: Edge): void {
    const key = saKey(namespace, name);
    if (!this.referenced.has(key)) this.referenced.set(key, { namespace, name });
    if (edge.grants.any) pushTo(this.direct, key, edge);
  }

  /** A role's triples, once per role and binding kind (cluster-wide or in a namespace). */
  private triplesOf(role: ResolvedRole, clusterWide: boolean): RoleTriples {
    const key = `${role.kind}\u0000${role.namespace ?? ''}\u0000${role.name}\u0000${clusterWide}`;
    let cached = this.triplesCache.get(key);
    if (!cached) this.triplesCache.set(key, cached = new RoleTriples(role, clusterWide, grantsAny(role, clusterWide)));
    return cached;
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
        if (selectors.some((selector) => selectorMatches(selector, labels))) selected.push(otherName);
      }
    }
    this.selections.set(name, selected);
    return selected;
  }
}

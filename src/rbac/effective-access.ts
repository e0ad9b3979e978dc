import type { Manifest } from '../compliance/model';
import { BUILTIN_CLUSTER_ROLES } from './builtin-cluster-roles';
import { KnownResources } from './known-resources';
import type { PolicyRuleJson } from './policy-rule';

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

interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }>;
}

interface ClusterRoleEntry {
  readonly manifest: Manifest;
  readonly builtIn: boolean;
}

const SA_USER_PREFIX = 'system:serviceaccount:';
const SA_GROUP_PREFIX = 'system:serviceaccounts:';
/** Groups every ServiceAccount belongs to. */
const ALL_SA_GROUPS = ['system:serviceaccounts', 'system:authenticated'];
/** A RoleBinding without a namespace lands in the client's namespace; assume `default`. */
const DEFAULT_NAMESPACE = 'default';

function saKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, values: readonly V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}

function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In': if (!has || !values.includes(labels[expression.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[expression.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  // An empty selector matches nothing in aggregation (the controller ignores it).
  return Object.keys(selector.matchLabels ?? {}).length > 0 || (selector.matchExpressions ?? []).length > 0;
}

/**
 * What every ServiceAccount can do, computed from manifests alone (Roles, ClusterRoles,
 * RoleBindings, ClusterRoleBindings, ServiceAccounts; anything else is ignored). It follows the
 * Kubernetes RBAC authorizer: a RoleBinding grants its role's rules in its own namespace (a
 * ClusterRole's cluster-scoped resources are not granted through it), a ClusterRoleBinding grants
 * everywhere; aggregated ClusterRoles (`aggregationRule`) get the rules of every ClusterRole their
 * selectors match; `view`, `edit`, `admin` and `cluster-admin` are known without being in the input;
 * group subjects `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`
 * and user subjects `system:serviceaccount:<ns>:<name>` reach ServiceAccounts.
 *
 * Cost is linear in the input: roles are looked up by key, group grants are shared, not copied
 * per ServiceAccount until asked for.
 */
export class EffectiveAccess {
  /** Computes effective access for the given manifests. Pure: the input is not modified. */
  public static compute(manifests: readonly Manifest[]): EffectiveAccess {
    return new EffectiveAccess(manifests);
  }

  private readonly declared = new Map<string, { namespace: string; name: string }>();
  private readonly roles = new Map<string, Manifest>();
  private readonly clusterRoles = new Map<string, ClusterRoleEntry>();
  private readonly resolvedClusterRules = new Map<string, readonly PolicyRuleJson[]>();
  private readonly direct = new Map<string, AccessGrant[]>();
  private readonly referenced = new Map<string, { namespace: string; name: string }>();
  private readonly byNamespaceGroup = new Map<string, AccessGrant[]>();
  private readonly toAllServiceAccounts: AccessGrant[] = [];
  private readonly missing: MissingRole[] = [];

  private constructor(manifests: readonly Manifest[]) {
    const bindings: Manifest[] = [];
    for (const manifest of manifests) {
      const name = manifest?.metadata?.name;
      if (typeof name !== 'string') continue;
      const namespace = manifest.metadata.namespace;
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
    // The cluster's own definitions win over ours only when the input redefines the name.
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
    return [...keys.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, sa]) => this.accessOf(sa.namespace, sa.name));
  }

  /** What one ServiceAccount can do, or undefined if it is neither in the input nor a binding subject. */
  public forServiceAccount(namespace: string, name: string): ServiceAccountAccess | undefined {
    const key = saKey(namespace, name);
    if (!this.declared.has(key) && !this.referenced.has(key)) return undefined;
    return this.accessOf(namespace, name);
  }

  /** Bindings whose Role or ClusterRole is neither in the input nor built in. */
  public missingRoles(): MissingRole[] {
    return [...this.missing];
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
      return entry ? { kind: 'ClusterRole', name, rules: this.clusterRules(name, new Set()), builtIn: entry.builtIn } : undefined;
    }
    return undefined;
  }

  private accessOf(namespace: string, name: string): ServiceAccountAccess {
    const key = saKey(namespace, name);
    const grants = [
      ...(this.direct.get(key) ?? []),
      ...(this.byNamespaceGroup.get(namespace) ?? []),
      ...this.toAllServiceAccounts,
    ];
    return { namespace, name, declared: this.declared.has(key), grants };
  }

  private addBinding(binding: Manifest): void {
    const kind = binding.kind as BindingRef['kind'];
    const bindingNamespace = kind === 'RoleBinding' ? binding.metadata.namespace ?? DEFAULT_NAMESPACE : undefined;
    const bindingRef: BindingRef = bindingNamespace !== undefined
      ? { kind, name: binding.metadata.name, namespace: bindingNamespace }
      : { kind, name: binding.metadata.name };
    const roleKind = binding.roleRef?.kind;
    const roleName = binding.roleRef?.name;
    if (typeof roleName !== 'string' || (roleKind !== 'Role' && roleKind !== 'ClusterRole')) return;
    // A ClusterRoleBinding can only reference a ClusterRole.
    if (kind === 'ClusterRoleBinding' && roleKind !== 'ClusterRole') return;

    const role = this.resolveRole(roleKind, roleName, bindingNamespace);
    if (!role) {
      this.missing.push({
        binding: bindingRef,
        roleRef: { kind: roleKind, name: roleName },
        ...(roleKind === 'Role' ? { namespace: bindingNamespace } : {}),
      });
      return;
    }
    const template = this.grantsOf(role, bindingRef, bindingNamespace ?? '*');
    if (template.length === 0) return;

    for (const subject of (binding.subjects ?? []) as SubjectRef[]) {
      if (!subject || typeof subject.name !== 'string') continue;
      const subjectRef: SubjectRef = subject.namespace ? { kind: subject.kind, name: subject.name, namespace: subject.namespace } : { kind: subject.kind, name: subject.name };
      const grants = template.map((grant) => ({ ...grant, subject: subjectRef }));
      if (subject.kind === 'ServiceAccount') {
        const namespace = subject.namespace ?? bindingNamespace ?? DEFAULT_NAMESPACE;
        this.addDirect(namespace, subject.name, grants);
      } else if (subject.kind === 'User' && subject.name.startsWith(SA_USER_PREFIX)) {
        const [namespace, name] = subject.name.slice(SA_USER_PREFIX.length).split(':');
        if (namespace && name) this.addDirect(namespace, name, grants);
      } else if (subject.kind === 'Group' && ALL_SA_GROUPS.includes(subject.name)) {
        this.toAllServiceAccounts.push(...grants);
      } else if (subject.kind === 'Group' && subject.name.startsWith(SA_GROUP_PREFIX)) {
        pushTo(this.byNamespaceGroup, subject.name.slice(SA_GROUP_PREFIX.length), grants);
      }
    }
  }

  private addDirect(namespace: string, name: string, grants: AccessGrant[]): void {
    const key = saKey(namespace, name);
    if (!this.referenced.has(key)) this.referenced.set(key, { namespace, name });
    pushTo(this.direct, key, grants);
  }

  /** The grants of a role bound at `namespace` (`*` for a ClusterRoleBinding), without a subject yet. */
  private grantsOf(role: ResolvedRole, binding: BindingRef, namespace: string): Array<Omit<AccessGrant, 'subject'>> {
    const roleInfo: RoleRefInfo = { kind: role.kind, name: role.name, builtIn: role.builtIn };
    const grants: Array<Omit<AccessGrant, 'subject'>> = [];
    for (const rule of role.rules) {
      const verbs = Array.isArray(rule.verbs) ? rule.verbs : [];
      const names = Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0 ? rule.resourceNames : undefined;
      for (const apiGroup of rule.apiGroups ?? []) {
        for (const resource of rule.resources ?? []) {
          // A RoleBinding never grants cluster-scoped resources, even through a ClusterRole.
          if (namespace !== ALL_NAMESPACES && KnownResources.isClusterScoped(apiGroup, resource) && apiGroup !== '*') continue;
          for (const verb of verbs) {
            grants.push({ namespace, apiGroup, resource, verb, ...(names ? { resourceNames: names } : {}), binding, role: roleInfo });
          }
        }
      }
      // Non-resource URLs are only granted through a ClusterRoleBinding.
      if (namespace === ALL_NAMESPACES) {
        for (const url of rule.nonResourceURLs ?? []) {
          for (const verb of verbs) {
            grants.push({ namespace, apiGroup: '', resource: '', verb, nonResourceURL: url, binding, role: roleInfo });
          }
        }
      }
    }
    return grants;
  }

  /** A ClusterRole's rules; for an aggregated one, the rules of every other ClusterRole it selects. */
  private clusterRules(name: string, visiting: Set<string>): readonly PolicyRuleJson[] {
    const cached = this.resolvedClusterRules.get(name);
    if (cached) return cached;
    const entry = this.clusterRoles.get(name);
    if (!entry) return [];
    const selectors: LabelSelector[] | undefined = entry.manifest.aggregationRule?.clusterRoleSelectors;
    if (!Array.isArray(selectors)) {
      const rules = EffectiveAccess.rulesOf(entry.manifest);
      this.resolvedClusterRules.set(name, rules);
      return rules;
    }
    if (visiting.has(name)) return []; // an aggregation cycle: stop, the cycle adds nothing new
    visiting.add(name);
    const rules: PolicyRuleJson[] = [];
    const included = new Set<string>();
    for (const [otherName, other] of this.clusterRoles) {
      if (otherName === name || included.has(otherName)) continue;
      const labels = other.manifest.metadata.labels ?? {};
      if (selectors.some((selector) => selector && selectorMatches(selector, labels))) {
        included.add(otherName);
        rules.push(...this.clusterRules(otherName, visiting));
      }
    }
    visiting.delete(name);
    this.resolvedClusterRules.set(name, rules);
    return rules;
  }

  private static rulesOf(role: Manifest): readonly PolicyRuleJson[] {
    return Array.isArray(role.rules) ? role.rules.filter((rule: unknown) => rule && typeof rule === 'object') : [];
  }
}

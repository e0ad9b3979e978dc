import { ApiObject, Chart, JsonPatch, Names } from 'cdk8s';
import { KubeClusterRole, KubeClusterRoleBinding, KubeRole, KubeRoleBinding, Subject } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { RiskCatalogue } from '../compliance/risk-catalogue';
import { SUPPRESS_ANNOTATION, Suppressions, SuppressionSpec } from '../compliance/suppressions';
import { PropertyError } from '../errors';
import { KubernetesNames } from '../k8s/names';
import { BUILTIN_CLUSTER_ROLE_NAMES } from '../rbac/builtin-cluster-roles';
import { GrantScope, GrantScopeKind } from '../rbac/grant-scope';
import type { GrantedBinding, GrantedRole, GrantedRule } from '../rbac/granted';
import { Permission } from '../rbac/permission';
import { RBAC_GROUP } from '../rbac/policy-rule';
import type { PolicyRuleJson } from '../rbac/policy-rule';
import { RbacSubject, RbacSubjectKind } from '../rbac/rbac-subject';
import { mergeRules, PermissionEntry } from '../rbac/rule-merger';

/** Options for `RoleGrant`. */
export interface RoleGrantProps {
  /**
   * Who gets the permissions, usually one ServiceAccount (`RbacSubject.fromServiceAccount(sa)`).
   * A ServiceAccount named `default` and `system:` groups are refused.
   */
  readonly subjects: RbacSubject[];

  /**
   * What they may do. Permissions carrying a catalogued risk (reading Secrets, creating pods,
   * exec, ...) are refused unless given a reason with `Permission.withJustification()`.
   */
  readonly permissions: Permission[];

  /**
   * Where the permissions hold.
   *
   * @default - the namespace of the ServiceAccount subjects (they must share one)
   */
  readonly grantScope?: GrantScope;

  /**
   * The name of the emitted Roles/ClusterRoles and their bindings. The ClusterRole for
   * cluster-scoped resources of a namespaced grant is named `<name>-cluster`.
   *
   * @default - a stable name derived from the construct path
   */
  readonly name?: string;

  /**
   * For a grant in a list of namespaces: emit one ClusterRole as a template, bound by a
   * RoleBinding in each namespace, instead of one Role per namespace. The access is the same;
   * the rules are written once.
   *
   * @default false
   */
  readonly clusterRoleTemplate?: boolean;
}

const TYPE = 'RoleGrant';

/** A permission with only the entries that go into one role. */
interface SelectedPermission {
  readonly permission: Permission;
  readonly entries: PermissionEntry[];
}

/**
 * Grants permissions to subjects with the least privilege that covers them: the permissions are
 * merged into the smallest deterministic rule set and emitted as
 *
 * - a Role and a RoleBinding in each namespace of the scope (the default: the ServiceAccount's
 *   own namespace), or one ClusterRole template bound by a RoleBinding per namespace;
 * - a ClusterRole and a ClusterRoleBinding only for cluster-scoped resources (nodes, CRDs, ...)
 *   or when the scope is explicitly `GrantScope.allNamespaces()`.
 *
 * Refused: a ServiceAccount named `default`, `system:` groups, a role name that is a built-in
 * ClusterRole (`cluster-admin`, `admin`, `edit`, `view`) or starts with `system:`, a `*` without
 * a written reason, and any catalogued risk without a written reason. The reasons are written
 * to the emitted objects as suppressions (annotation `guardrails.cdk8s.io/suppress`), so the
 * compliance report shows them.
 *
 * Everything emitted is readable from the construct: `roles`, `bindings`, `namespaces`, `risks`.
 */
export class RoleGrant extends Construct {
  /** The permissions restricted to the entries `include` accepts (dropping permissions left empty). */
  private static select(permissions: Permission[], include: (entry: PermissionEntry) => boolean): SelectedPermission[] {
    return permissions
      .map((permission) => ({ permission, entries: permission._entries().filter(include) }))
      .filter((selected) => selected.entries.length > 0);
  }

  /** The written reasons of the selected permissions, as suppressions of the rules they cover. */
  private static suppressionsOf(selected: SelectedPermission[]): SuppressionSpec[] {
    const reasons = new Map<string, string[]>();
    const add = (rule: string, reason: string) => {
      const list = reasons.get(rule) ?? [];
      if (!list.includes(reason)) list.push(reason);
      reasons.set(rule, list);
    };
    for (const { permission, entries } of selected) {
      if (permission.wildcardJustification) add('rbac/wildcard', permission.wildcardJustification);
      if (permission.justification) {
        for (const entry of entries) {
          for (const match of RiskCatalogue.assess(RoleGrant.ruleOf(entry))) {
            if (match.riskId !== 'rbac/wildcard') add(match.riskId, permission.justification);
          }
        }
      }
    }
    return [...reasons.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, list]) => ({ rule, reason: list.join('; ') }));
  }

  private static annotations(suppressions: SuppressionSpec[]): { annotations?: Record<string, string> } {
    return suppressions.length === 0 ? {} : { annotations: { [SUPPRESS_ANNOTATION]: Suppressions.annotationValue(undefined, suppressions) } };
  }

  private static ruleOf(entry: PermissionEntry): PolicyRuleJson {
    const rule: PolicyRuleJson = { apiGroups: [entry.apiGroup], resources: [entry.resource], verbs: [...entry.verbs] };
    if (entry.resourceNames) rule.resourceNames = [...entry.resourceNames];
    return rule;
  }

  private static subjectJson(subject: RbacSubject): Subject {
    return subject.kind === RbacSubjectKind.SERVICE_ACCOUNT
      ? { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace }
      : { kind: subject.kind, name: subject.name, apiGroup: RBAC_GROUP };
  }

  private static granted(rules: PolicyRuleJson[]): GrantedRule[] {
    return rules.map((rule) => ({
      apiGroups: rule.apiGroups ?? [],
      resources: rule.resources ?? [],
      verbs: rule.verbs,
      ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}),
    }));
  }

  /** The merged rules of all permissions (namespaced and cluster-scoped together). */
  public readonly rules: GrantedRule[];
  /** Every Role and ClusterRole emitted, in emission order. */
  public readonly roles: GrantedRole[] = [];
  /** Every RoleBinding and ClusterRoleBinding emitted, in emission order. */
  public readonly bindings: GrantedBinding[] = [];
  /** The namespaces the namespaced permissions hold in; `['*']` for all namespaces. */
  public readonly namespaces: string[];
  /** True when something is bound cluster-wide (a ClusterRoleBinding was emitted). */
  public readonly clusterWide: boolean;
  /** The ids of the catalogued risks the granted rules carry (each one justified), sorted. */
  public readonly risks: string[];
  /** The emitted objects (Roles, ClusterRoles, bindings), for escape hatches. */
  public readonly apiObjects: ApiObject[] = [];

  private readonly baseName: string;
  private readonly subjectsJson: Subject[];

  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    super(scope, id);
    this.validateSubjects(props.subjects);
    this.validatePermissions(props.permissions);
    this.baseName = this.resolveName(props.name);
    const grantScope = props.grantScope ?? this.defaultScope(props.subjects);
    this.namespaces = this.validateScope(grantScope, props.clusterRoleTemplate ?? false);
    this.subjectsJson = props.subjects.map((subject) => RoleGrant.subjectJson(subject));

    const entries = props.permissions.flatMap((permission) => permission._entries());
    this.rules = RoleGrant.granted(mergeRules(entries));
    this.risks = this.checkRisks(props.permissions);

    if (grantScope.kind === GrantScopeKind.ALL_NAMESPACES) {
      this.emitClusterWide('', props.permissions, () => true);
    } else {
      this.emitNamespaced(props.permissions, props.clusterRoleTemplate ?? false);
      this.emitClusterWide('-cluster', props.permissions, (entry) => entry.clusterScoped);
    }
    this.clusterWide = this.bindings.some((binding) => binding.kind === 'ClusterRoleBinding');
  }

  private emitNamespaced(permissions: Permission[], template: boolean): void {
    const selected = RoleGrant.select(permissions, (entry) => !entry.clusterScoped);
    const rules = mergeRules(selected.flatMap((p) => p.entries));
    if (rules.length === 0) return;
    const suppressions = RoleGrant.suppressionsOf(selected);
    if (template) {
      this.emitRole('ClusterRole', 'ClusterRoleTemplate', this.baseName, undefined, rules, suppressions);
    }
    for (const namespace of this.namespaces) {
      if (!template) this.emitRole('Role', `Role-${namespace}`, this.baseName, namespace, rules, suppressions);
      this.emitBinding('RoleBinding', `RoleBinding-${namespace}`, namespace, template ? 'ClusterRole' : 'Role', suppressions);
    }
  }

  private emitClusterWide(suffix: string, permissions: Permission[], include: (entry: PermissionEntry) => boolean): void {
    const selected = RoleGrant.select(permissions, include);
    const rules = mergeRules(selected.flatMap((p) => p.entries));
    if (rules.length === 0) return;
    const suppressions = RoleGrant.suppressionsOf(selected);
    const name = `${this.baseName}${suffix}`;
    this.emitRole('ClusterRole', `ClusterRole${suffix}`, name, undefined, rules, suppressions);
    this.emitBinding('ClusterRoleBinding', `ClusterRoleBinding${suffix}`, undefined, 'ClusterRole', suppressions, name);
  }

  private emitRole(kind: 'Role' | 'ClusterRole', id: string, name: string, namespace: string | undefined, rules: PolicyRuleJson[], suppressions: SuppressionSpec[]): void {
    const metadata = { name, ...(namespace ? { namespace } : {}), ...RoleGrant.annotations(suppressions) };
    const l1Rules = rules.map((rule) => ({
      apiGroups: rule.apiGroups, resources: rule.resources, verbs: rule.verbs, resourceNames: rule.resourceNames,
    }));
    const object = kind === 'Role'
      ? new KubeRole(this, id, { metadata, rules: l1Rules })
      : new KubeClusterRole(this, id, { metadata, rules: l1Rules });
    this.clearChartNamespace(object, namespace);
    this.apiObjects.push(object);
    this.roles.push({ kind, name, ...(namespace ? { namespace } : {}), rules: RoleGrant.granted(rules) });
  }

  private emitBinding(kind: 'RoleBinding' | 'ClusterRoleBinding', id: string, namespace: string | undefined, roleKind: 'Role' | 'ClusterRole', suppressions: SuppressionSpec[], name = this.baseName): void {
    const metadata = { name, ...(namespace ? { namespace } : {}), ...RoleGrant.annotations(suppressions) };
    const roleRef = { apiGroup: RBAC_GROUP, kind: roleKind, name };
    const object = kind === 'RoleBinding'
      ? new KubeRoleBinding(this, id, { metadata, roleRef, subjects: this.subjectsJson })
      : new KubeClusterRoleBinding(this, id, { metadata, roleRef, subjects: this.subjectsJson });
    this.clearChartNamespace(object, namespace);
    this.apiObjects.push(object);
    this.bindings.push({
      kind,
      name,
      ...(namespace ? { namespace } : {}),
      roleKind,
      roleName: name,
      subjects: this.subjectsJson.map((s) => (s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`)),
    });
  }

  /** cdk8s stamps the chart's namespace on every object; a cluster-scoped one must not carry it. */
  private clearChartNamespace(object: ApiObject, namespace: string | undefined): void {
    if (namespace === undefined && Chart.of(this).namespace !== undefined) {
      object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }

  private validateSubjects(subjects: RbacSubject[]): void {
    if (subjects.length === 0) {
      throw new PropertyError(TYPE, this, 'subjects', 'is empty: name the ServiceAccount that needs the permissions');
    }
    subjects.forEach((subject, i) => {
      const property = `subjects[${i}]`;
      if (subject.kind === RbacSubjectKind.SERVICE_ACCOUNT) {
        if (subject.name === 'default') {
          throw new PropertyError(TYPE, this, property, `ServiceAccount '${subject.namespace ?? ''}/default' is refused: every pod that names no ServiceAccount runs as 'default', so the permissions would leak to them. Grant to a dedicated ServiceAccount`);
        }
        if (!subject.namespace) {
          throw new PropertyError(TYPE, this, property, `ServiceAccount '${subject.name}' has no namespace: set metadata.namespace on it or a namespace on its chart`);
        }
      } else if (subject.name.startsWith('system:')) {
        throw new PropertyError(TYPE, this, property, `${subject.kind} '${subject.name}' is refused: system: groups and users are managed by Kubernetes and include identities you do not control. Grant to a dedicated ServiceAccount or group`);
      } else if (subject.name.trim() === '') {
        throw new PropertyError(TYPE, this, property, `${subject.kind} name '' is empty: name the ${subject.kind.toLowerCase()}`);
      }
    });
  }

  private validatePermissions(permissions: Permission[]): void {
    if (permissions.length === 0) {
      throw new PropertyError(TYPE, this, 'permissions', 'is empty: list what the subjects need, e.g. Permission.read(ApiResource.CONFIG_MAPS)');
    }
    permissions.forEach((permission, i) => {
      const problem = permission._problems()[0];
      if (problem) throw new PropertyError(TYPE, this, `permissions[${i}]`, `${permission.description}: ${problem}`);
      // Written reasons become suppressions: refuse here what the engine would refuse at synth.
      for (const [what, reason] of [['justification', permission.justification], ['wildcardJustification', permission.wildcardJustification]] as const) {
        const reasonProblem = reason === undefined ? undefined : Suppressions.reasonProblem(reason);
        if (reasonProblem) throw new PropertyError(TYPE, this, `permissions[${i}]`, `${permission.description}: ${what} ${reasonProblem}`);
      }
    });
  }

  /** Refuses unjustified risks; returns the ids of the (justified) risks granted. */
  private checkRisks(permissions: Permission[]): string[] {
    const risks = new Set<string>();
    permissions.forEach((permission, i) => {
      for (const entry of permission._entries()) {
        const matches = RiskCatalogue.assess(RoleGrant.ruleOf(entry)).filter((match) => match.riskId !== 'rbac/wildcard');
        // An info-level risk (auth delegation, an unmatchable name) is reported, not refused.
        const unjustified = matches.find((match) => RiskCatalogue.risk(match.riskId)?.severity !== 'info');
        if (unjustified && permission.justification === undefined) {
          throw new PropertyError(TYPE, this, `permissions[${i}]`, `${permission.description} carries the risk ${unjustified.riskId} (${unjustified.message}) Grant less, or accept the risk with a written reason: .withJustification('why this is needed')`);
        }
        matches.forEach((match) => risks.add(match.riskId));
      }
      if (permission.wildcardJustification !== undefined) risks.add('rbac/wildcard');
    });
    return [...risks].sort();
  }

  private resolveName(name: string | undefined): string {
    const resolved = name ?? Names.toDnsLabel(this);
    if (resolved === 'cluster-admin' || BUILTIN_CLUSTER_ROLE_NAMES.includes(resolved) || resolved.startsWith('system:')) {
      throw new PropertyError(TYPE, this, 'name', `'${resolved}' is refused: it is (or could be) a built-in ClusterRole (cluster-admin, admin, edit, view, system:*), and binding or replacing it grants far more than asked. Choose a name of your own`);
    }
    const problem = KubernetesNames.objectNameProblem(resolved);
    if (problem) throw new PropertyError(TYPE, this, 'name', problem);
    return resolved;
  }

  private defaultScope(subjects: RbacSubject[]): GrantScope {
    const namespaces = [...new Set(subjects.filter((s) => s.kind === RbacSubjectKind.SERVICE_ACCOUNT).map((s) => s.namespace!))];
    if (namespaces.length !== 1) {
      const found = namespaces.length === 0 ? 'no ServiceAccount subject' : `ServiceAccounts in ${namespaces.map((n) => `'${n}'`).join(', ')}`;
      throw new PropertyError(TYPE, this, 'grantScope', `is required here (${found}): pass GrantScope.namespace(...), GrantScope.namespaces([...]) or GrantScope.allNamespaces()`);
    }
    return GrantScope.namespace(namespaces[0]);
  }

  private validateScope(scope: GrantScope, template: boolean): string[] {
    if (scope.kind === GrantScopeKind.ALL_NAMESPACES) {
      if (template) {
        throw new PropertyError(TYPE, this, 'clusterRoleTemplate', 'true only applies to a list of namespaces: an all-namespaces grant is already one ClusterRole');
      }
      return ['*'];
    }
    if (scope.namespaceNames.length === 0) {
      throw new PropertyError(TYPE, this, 'grantScope', 'lists no namespace: name at least one, or use GrantScope.allNamespaces() explicitly');
    }
    for (const namespace of scope.namespaceNames) {
      const problem = KubernetesNames.namespaceProblem(namespace);
      if (problem) throw new PropertyError(TYPE, this, 'grantScope', `namespace ${problem}`);
    }
    return [...new Set(scope.namespaceNames)];
  }
}

import type {
  BootstrapClusterRole, BootstrapClusterRoleBinding, BootstrapPolicyRule, BootstrapRole, BootstrapRoleBinding,
} from './bootstrap-types';
import { CLUSTER_ROLE_BINDINGS } from './cluster-role-bindings-data';
import { CLUSTER_ROLES } from './cluster-roles-data';
import { CONTROLLER_ROLE_BINDINGS } from './controller-role-bindings-data';
import { CONTROLLER_ROLES } from './controller-roles-data';
import { NAMESPACE_ROLE_BINDINGS } from './namespace-role-bindings-data';
import { NAMESPACE_ROLES } from './namespace-roles-data';

/** The annotation by which kube-apiserver reconciles a bootstrap object at start-up; `"false"` opts out. */
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

/** The prefix of the labels that `admin`, `edit` and `view` aggregate by (`<prefix>admin: "true"`). */
export const AGGREGATE_TO_LABEL_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';

/** The namespace of the controller ServiceAccounts (and of most bootstrap Roles). */
export const KUBE_SYSTEM = 'kube-system';

const ALL_CLUSTER_ROLES: readonly BootstrapClusterRole[] = [...CLUSTER_ROLES, ...CONTROLLER_ROLES];
const CLUSTER_ROLES_BY_NAME = new Map(ALL_CLUSTER_ROLES.map((role) => [role.metadata.name, role]));
const ROLES_BY_KEY = new Map(NAMESPACE_ROLES.map((role) => [`${role.metadata.namespace}/${role.metadata.name}`, role]));

/**
 * The Kubernetes RBAC bootstrap policy: every ClusterRole, ClusterRoleBinding, Role and
 * RoleBinding that kube-apiserver creates at start-up and reconciles on every start
 * (`EnsureRBACPolicy` in pkg/registry/rbac/rest/storage_rbac.go), as data from upstream's own
 * fixtures (see the headers of the `*-data.ts` files for source, commit and version).
 */
export class RbacBootstrapPolicy {
  /** Every bootstrap ClusterRole: cluster-roles.yaml then controller-roles.yaml, in upstream order. */
  public static clusterRoles(): readonly BootstrapClusterRole[] {
    return ALL_CLUSTER_ROLES;
  }

  /** The bootstrap ClusterRole of this name, or undefined. */
  public static clusterRole(name: string): BootstrapClusterRole | undefined {
    return CLUSTER_ROLES_BY_NAME.get(name);
  }

  /** Every bootstrap (namespaced) Role, in upstream order. */
  public static roles(): readonly BootstrapRole[] {
    return NAMESPACE_ROLES;
  }

  /** The bootstrap Role of this namespace and name, or undefined. */
  public static role(namespace: string, name: string): BootstrapRole | undefined {
    return ROLES_BY_KEY.get(`${namespace}/${name}`);
  }

  /** Every bootstrap ClusterRoleBinding: cluster-role-bindings then the controller bindings. */
  public static clusterRoleBindings(): readonly BootstrapClusterRoleBinding[] {
    return [...CLUSTER_ROLE_BINDINGS, ...CONTROLLER_ROLE_BINDINGS];
  }

  /** Every bootstrap RoleBinding. */
  public static roleBindings(): readonly BootstrapRoleBinding[] {
    return NAMESPACE_ROLE_BINDINGS;
  }

  /**
   * True when kube-apiserver reconciles an object of this name back to the bootstrap policy:
   * the bootstrap object is annotated `autoupdate: "true"` and the object in the cluster (the
   * input's, when it shadows it) is not annotated `autoupdate: "false"`
   * (`computeReconciledRole`: `Protected = existing.annotations[autoupdate] == "false"`, in
   * staging/src/k8s.io/component-helpers/auth/rbac/reconciliation/reconcile_role.go).
   */
  public static isReconciled(bootstrap: { readonly metadata: { readonly annotations?: Readonly<Record<string, string>> } },
    existingAnnotations: unknown): boolean {
    if (bootstrap.metadata.annotations?.[AUTOUPDATE_ANNOTATION] !== 'true') return false;
    const existing = existingAnnotations !== null && typeof existingAnnotations === 'object'
      ? (existingAnnotations as Record<string, unknown>)[AUTOUPDATE_ANNOTATION] : undefined;
    return existing !== 'false';
  }

  /**
   * A bootstrap ClusterRole's rules with aggregation resolved among the bootstrap roles alone
   * (what a cluster without any other aggregated role holds): its own rules, then those of every
   * ClusterRole its `matchLabels` selectors reach, transitively, each role once, in upstream order.
   */
  public static aggregatedRules(name: string): readonly BootstrapPolicyRule[] {
    const start = CLUSTER_ROLES_BY_NAME.get(name);
    if (!start) return [];
    const reached = new Set<BootstrapClusterRole>([start]);
    for (const role of reached) {
      for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
        const wanted = Object.entries(selector.matchLabels ?? {});
        for (const other of ALL_CLUSTER_ROLES) {
          if (wanted.every(([key, value]) => other.metadata.labels?.[key] === value)) reached.add(other);
        }
      }
    }
    return [...reached].flatMap((role) => role.rules);
  }

  private constructor() {}
}

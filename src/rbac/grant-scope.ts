/** How the namespaces of a grant are bound. */
export enum GrantScopeKind {
  /** One or more listed namespaces: Roles (or a ClusterRole template) bound by RoleBindings. */
  NAMESPACES = 'NAMESPACES',
  /** Every namespace: one ClusterRole bound by a ClusterRoleBinding. */
  ALL_NAMESPACES = 'ALL_NAMESPACES',
}

/**
 * Where a grant applies: one namespace, a list of namespaces, or (explicitly) all of them.
 * Cluster-scoped resources (nodes, namespaces, CRDs, ...) are always granted cluster-wide,
 * through their own ClusterRole, because no Role can grant them.
 */
export class GrantScope {
  /** In one namespace: a Role and a RoleBinding there. */
  public static namespace(namespace: string): GrantScope {
    return new GrantScope(GrantScopeKind.NAMESPACES, [namespace]);
  }

  /** In each listed namespace: a Role and a RoleBinding per namespace (or one ClusterRole template). */
  public static namespaces(namespaces: string[]): GrantScope {
    return new GrantScope(GrantScopeKind.NAMESPACES, [...namespaces]);
  }

  /** In every namespace, present and future: a ClusterRole and a ClusterRoleBinding. Ask for it only when needed. */
  public static allNamespaces(): GrantScope {
    return new GrantScope(GrantScopeKind.ALL_NAMESPACES, []);
  }

  private constructor(
    /** Listed namespaces or all namespaces. */
    public readonly kind: GrantScopeKind,
    /** The listed namespaces (empty for all namespaces). */
    public readonly namespaceNames: string[],
  ) {}
}

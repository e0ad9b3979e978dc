/** Which namespaces an operator watches. */
export enum WatchScopeKind {
  /** The namespace the operator runs in. */
  OWN_NAMESPACE = 'OWN_NAMESPACE',
  /** One or more listed namespaces (possibly other than the operator's own). */
  NAMESPACES = 'NAMESPACES',
  /** Every namespace, present and future. */
  ALL_NAMESPACES = 'ALL_NAMESPACES',
}

/**
 * The namespaces an operator's manager watches and reconciles in. It decides both the RBAC
 * objects (`OperatorBundle` grants `permissions` exactly there) and the `WATCH_NAMESPACE`
 * environment variable the manager reads (the controller-runtime / operator-sdk convention):
 *
 * | scope | RBAC | `WATCH_NAMESPACE` |
 * |---|---|---|
 * | `ownNamespace()` | Role + RoleBinding in the operator's namespace | the pod's namespace (downward API) |
 * | `namespace('a')` | Role + RoleBinding in `a` | `a` |
 * | `namespaces(['a','b'])` | Role + RoleBinding in each (or one ClusterRole template) | `a,b` |
 * | `allNamespaces()` | ClusterRole + ClusterRoleBinding | `""` (all) |
 *
 * Namespace names are checked by the bundle, so the error can name its construct path.
 */
export class WatchScope {
  /** The namespace the operator runs in (the default): a Role and a RoleBinding there. */
  public static ownNamespace(): WatchScope {
    return new WatchScope(WatchScopeKind.OWN_NAMESPACE, []);
  }

  /** One namespace, which may differ from the operator's own: a Role and a RoleBinding there. */
  public static namespace(namespace: string): WatchScope {
    return new WatchScope(WatchScopeKind.NAMESPACES, [namespace]);
  }

  /** Each listed namespace: a Role and a RoleBinding per namespace (or a ClusterRole template). */
  public static namespaces(namespaces: string[]): WatchScope {
    return new WatchScope(WatchScopeKind.NAMESPACES, [...namespaces]);
  }

  /**
   * Every namespace, present and future: a ClusterRole and a ClusterRoleBinding. The compliance
   * rule `rbac/cluster-scope` reports such a binding so that a reviewer sees it.
   *
   * @param justification why the operator must watch the whole cluster. When given, it is
   * written on the ClusterRoleBinding as a suppression of `rbac/cluster-scope` (annotation
   * `guardrails.cdk8s.io/suppress`), so every report shows the finding as suppressed with this
   * reason. When omitted, the finding stays open.
   */
  public static allNamespaces(justification?: string): WatchScope {
    return new WatchScope(WatchScopeKind.ALL_NAMESPACES, [], justification);
  }

  private constructor(
    /** Own namespace, listed namespaces, or all namespaces. */
    public readonly kind: WatchScopeKind,
    /** The listed namespaces (empty for own namespace and all namespaces). */
    public readonly namespaceNames: string[],
    /** The written reason for watching all namespaces, when one was given. */
    public readonly justification?: string,
  ) {}
}

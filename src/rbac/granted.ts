/** One rule of an emitted Role or ClusterRole, exactly as written to the manifest. */
export interface GrantedRule {
  /** API groups (`""` is core). */
  readonly apiGroups: string[];
  /** Resources, with subresources (`pods/log`). */
  readonly resources: string[];
  /** Verbs, in Kubernetes order. */
  readonly verbs: string[];
  /**
   * The objects the rule is limited to.
   *
   * @default - every object of the resources
   */
  readonly resourceNames?: string[];
}

/** A Role or ClusterRole a grant emitted. */
export interface GrantedRole {
  /** `Role` or `ClusterRole`. */
  readonly kind: string;
  readonly name: string;
  /**
   * The namespace of a Role.
   *
   * @default - none (a ClusterRole)
   */
  readonly namespace?: string;
  readonly rules: GrantedRule[];
}

/** A RoleBinding or ClusterRoleBinding a grant emitted. */
export interface GrantedBinding {
  /** `RoleBinding` or `ClusterRoleBinding`. */
  readonly kind: string;
  readonly name: string;
  /**
   * The namespace of a RoleBinding.
   *
   * @default - none (a ClusterRoleBinding)
   */
  readonly namespace?: string;
  /** `Role` or `ClusterRole`. */
  readonly roleKind: string;
  readonly roleName: string;
  /** The subjects, as `ServiceAccount ns/name`, `Group name`, `User name`. */
  readonly subjects: string[];
}

import type { GrantedBinding, GrantedRole } from '../rbac/granted';

/**
 * What an `OperatorBundle` granted, read from the objects it emitted: who, where, which rules,
 * and which containers hold the token. The access report uses it; tests and reviewers can too.
 */
export interface OperatorAccessSummary {
  /** The operator's ServiceAccount, as `namespace/name`. */
  readonly serviceAccount: string;

  /** The namespace the operator runs in. */
  readonly namespace: string;

  /** The namespaces `permissions` hold in; empty when `allNamespaces` is true. */
  readonly watchNamespaces: string[];

  /** True when the manager watches every namespace (a ClusterRoleBinding grants `permissions`). */
  readonly allNamespaces: boolean;

  /** The value of `WATCH_NAMESPACE`: a namespace, a comma-separated list, or `""` for all. */
  readonly watchNamespaceValue: string;

  /** Whether leader election is on (Lease and Event rules in the operator's namespace). */
  readonly leaderElection: boolean;

  /** Every Role and ClusterRole emitted, with its exact rules. */
  readonly roles: GrantedRole[];

  /** Every RoleBinding and ClusterRoleBinding emitted. */
  readonly bindings: GrantedBinding[];

  /** Catalogued risks among the granted rules (each one justified), sorted. */
  readonly risks: string[];

  /** The containers that receive the projected API token. */
  readonly tokenContainers: string[];

  /** The lifetime of that token, in seconds. */
  readonly tokenExpirationSeconds: number;
}

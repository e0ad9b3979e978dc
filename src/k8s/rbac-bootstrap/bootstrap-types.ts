/**
 * The shapes of the RBAC bootstrap policy objects, as plain JSON (the bottom layer imports
 * nothing: these mirror rbac.authorization.k8s.io/v1 field for field, only the fields the
 * bootstrap policy uses).
 */

/** A PolicyRule: a cross product of apiGroups x resources x verbs (or nonResourceURLs x verbs). */
export interface BootstrapPolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly verbs: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface BootstrapObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface BootstrapLabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
}

export interface BootstrapClusterRole {
  readonly apiVersion: string;
  readonly kind: 'ClusterRole';
  readonly metadata: BootstrapObjectMeta;
  /** Set on `admin`, `edit` and `view`: their rules are filled by the aggregation controller. */
  readonly aggregationRule?: { readonly clusterRoleSelectors: readonly BootstrapLabelSelector[] };
  readonly rules: readonly BootstrapPolicyRule[];
}

export interface BootstrapRole {
  readonly apiVersion: string;
  readonly kind: 'Role';
  readonly metadata: BootstrapObjectMeta & { readonly namespace: string };
  readonly rules: readonly BootstrapPolicyRule[];
}

export interface BootstrapSubject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly apiGroup?: string;
}

export interface BootstrapRoleRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

export interface BootstrapClusterRoleBinding {
  readonly apiVersion: string;
  readonly kind: 'ClusterRoleBinding';
  readonly metadata: BootstrapObjectMeta;
  readonly roleRef: BootstrapRoleRef;
  /** Absent on `system:node` (nodes are authorized by the Node authorizer instead). */
  readonly subjects?: readonly BootstrapSubject[];
}

export interface BootstrapRoleBinding {
  readonly apiVersion: string;
  readonly kind: 'RoleBinding';
  readonly metadata: BootstrapObjectMeta & { readonly namespace: string };
  readonly roleRef: BootstrapRoleRef;
  readonly subjects?: readonly BootstrapSubject[];
}

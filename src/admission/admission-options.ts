/**
 * The choices a `TokenAdmissionPolicy` offers: which rules, what the cluster does on a violation,
 * which API version it is written for, and where it applies.
 */

/**
 * A token rule the admission policy can enforce. The values are the rule ids of the compliance
 * engine, so a finding at synth time and a warning or denial in the cluster name the same rule.
 */
export enum AdmissionRule {
  /** Every pod spec sets `automountServiceAccountToken: false` explicitly. */
  AUTOMOUNT_POD = 'token/automount-pod',
  /** No pod runs as the `default` ServiceAccount (named or implied). */
  DEFAULT_SERVICE_ACCOUNT = 'token/default-service-account',
  /** Projected ServiceAccount tokens live between 600 s and the maximum TTL, and never 3607 s. */
  PROJECTED_TTL = 'token/projected-ttl',
  /** No Secret of type `kubernetes.io/service-account-token` (a standing credential). */
  LEGACY_TOKEN_SECRET = 'token/legacy-token-secret',
}

/**
 * What the API server does with a request that violates the policy (the binding's
 * `validationActions`). `DENY` and `WARN` cannot be combined; `AUDIT` combines with either.
 */
export enum AdmissionAction {
  /** Reject the request. */
  DENY = 'Deny',
  /** Admit the request and return the violations to the client as warnings. */
  WARN = 'Warn',
  /** Admit the request and record the violations in the audit event. */
  AUDIT = 'Audit',
}

/** The `admissionregistration.k8s.io` version the policy and binding are written for. */
export enum AdmissionApiVersion {
  /** `admissionregistration.k8s.io/v1`: GA and on by default since Kubernetes 1.30. */
  V1 = 'admissionregistration.k8s.io/v1',
  /**
   * `admissionregistration.k8s.io/v1beta1`: Kubernetes 1.28 and 1.29, only with the
   * `ValidatingAdmissionPolicy` feature gate and `--runtime-config=admissionregistration.k8s.io/v1beta1=true`.
   */
  V1BETA1 = 'admissionregistration.k8s.io/v1beta1',
}

/** The operator of a label selector requirement. */
export enum AdmissionSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label is absent or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (`values` must be empty). */
  EXISTS = 'Exists',
  /** The label is absent (`values` must be empty). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One requirement of a namespace selector, as in a Kubernetes `LabelSelectorRequirement`. */
export interface AdmissionSelectorRequirement {
  /** The namespace label key, e.g. `kubernetes.io/metadata.name`. */
  readonly key: string;
  /** How the label is compared with `values`. */
  readonly operator: AdmissionSelectorOperator;
  /**
   * The values for `IN` and `NOT_IN` (at least one); empty for `EXISTS` and `DOES_NOT_EXIST`.
   * @default - no values
   */
  readonly values?: string[];
}

/**
 * Selects the namespaces the policy applies to by their labels, as a Kubernetes `LabelSelector`:
 * a namespace matches when it has every `matchLabels` entry and meets every `matchExpressions`
 * requirement.
 */
export interface AdmissionNamespaceSelector {
  /**
   * Labels the namespace must carry with exactly these values.
   * @default - no label is required
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Requirements the namespace's labels must meet.
   * @default - no requirement
   */
  readonly matchExpressions?: AdmissionSelectorRequirement[];
}

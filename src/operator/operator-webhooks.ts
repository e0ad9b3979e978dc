import type { Duration } from 'cdk8s';
import type { ServingCertificate } from './serving-certificate';
import type { ApiResource } from '../rbac/api-resource';

/**
 * What the API server does with a request when the webhook cannot be reached, times out or
 * answers with an error. There is no default: `FAIL` blocks every matching request while the
 * manager is down, `IGNORE` lets requests through unchecked. Only you know which is worse.
 */
export enum WebhookFailurePolicy {
  /** Reject the request (the webhook is a control that must not be skipped). */
  FAIL = 'Fail',
  /** Admit the request without the webhook (the webhook is a convenience). */
  IGNORE = 'Ignore',
}

/** An operation an admission webhook intercepts. */
export enum AdmissionOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  CONNECT = 'CONNECT',
}

/** One validating or mutating admission webhook served by the manager. */
export interface AdmissionWebhookOptions {
  /**
   * The webhook's name: a fully qualified DNS name of at least three labels, unique in its
   * configuration, e.g. `vwidget-v1.example.com` (kubebuilder writes `vwidget-v1.kb.io`).
   */
  readonly name: string;

  /**
   * The HTTPS path the manager serves it on, e.g. `/validate-example-com-v1-widget`.
   */
  readonly path: string;

  /**
   * The resources it intercepts (one rule per API group). At least one; no `*`.
   */
  readonly resources: ApiResource[];

  /**
   * The API versions of those resources, e.g. `['v1']`. At least one.
   */
  readonly apiVersions: string[];

  /**
   * The operations it intercepts. At least one.
   */
  readonly operations: AdmissionOperation[];

  /**
   * What the API server does when the webhook fails. Required: there is no safe default.
   */
  readonly failurePolicy: WebhookFailurePolicy;

  /**
   * How long the API server waits for an answer (1 to 30 seconds). Every matching request waits
   * up to this long while the manager is unreachable, so it is short.
   *
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;

  /**
   * Also intercept requests in the operator's own namespace. By default the webhook's
   * `namespaceSelector` excludes it (and `kube-system`), so that a webhook with
   * `failurePolicy: FAIL` can never block the operator's own pods from being created while
   * the manager that would answer is down.
   *
   * @default false
   */
  readonly interceptOperatorNamespace?: boolean;
}

/**
 * The webhooks an `OperatorBundle`'s manager serves. The bundle emits a Service (443 to the
 * webhook port), the serving certificate (cert-manager by default), the
 * Validating/MutatingWebhookConfigurations and the CRD conversion settings, mounts the
 * certificate read-only into the `manager` container only, and opens the webhook port in the
 * NetworkPolicy.
 *
 * Every admission webhook gets `sideEffects: None`, `matchPolicy: Equivalent`,
 * `admissionReviewVersions: ['v1']`, an explicit `timeoutSeconds` and a `namespaceSelector`
 * that excludes the operator's namespace and `kube-system`; `failurePolicy` is yours to choose.
 */
export interface OperatorWebhooksOptions {
  /**
   * Validating admission webhooks, in one `ValidatingWebhookConfiguration` `<name>-validating`.
   *
   * @default - none
   */
  readonly validating?: AdmissionWebhookOptions[];

  /**
   * Mutating admission webhooks, in one `MutatingWebhookConfiguration` `<name>-mutating`.
   *
   * @default - none
   */
  readonly mutating?: AdmissionWebhookOptions[];

  /**
   * Names of the bundle's CRDs (`crdFiles`/`crds`) whose versions the manager converts: each gets
   * `spec.conversion` with strategy `Webhook`, the path `/convert` (controller-runtime's) and its
   * `caBundle` injected like the admission webhooks'. Each must have more than one version.
   *
   * @default - none
   */
  readonly conversion?: string[];

  /**
   * The port the manager's webhook server listens on (container port `webhook-server`). The
   * Service maps 443 to it. No flag is passed for it: set the same port in the manager's code.
   *
   * @default 9443 (controller-runtime's default)
   */
  readonly port?: number;

  /**
   * The certificate the webhook server serves, mounted at
   * `/tmp/k8s-webhook-server/serving-certs` (controller-runtime's default directory).
   *
   * @default ServingCertificate.certManager()
   */
  readonly certificate?: ServingCertificate;
}

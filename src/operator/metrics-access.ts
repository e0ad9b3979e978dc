import type { ServingCertificate } from './serving-certificate';
import type { RbacSubject } from '../rbac/rbac-subject';

/** How a manager's metrics endpoint is protected. */
export enum MetricsAccessKind {
  /** HTTPS; each request's bearer token is checked with a TokenReview and a SubjectAccessReview. */
  AUTHENTICATED = 'AUTHENTICATED',
  /** Plain HTTP, readable by anyone who can reach the port. */
  PLAIN = 'PLAIN',
}

/** Options of `MetricsAccess.authenticated()`. */
export interface AuthenticatedMetricsOptions {
  /**
   * Who scrapes the metrics, usually Prometheus's ServiceAccount
   * (`RbacSubject.serviceAccount('monitoring', 'prometheus-k8s')`): bound to the
   * `<name>-metrics-reader` ClusterRole. Without it, nothing may read the metrics until you bind
   * that role (a scraper without the binding gets 403).
   *
   * @default - no binding
   */
  readonly scraper?: RbacSubject;

  /**
   * The certificate the metrics endpoint serves, mounted read-only into the manager at
   * `/tmp/k8s-metrics-server/metrics-certs` and passed with `--metrics-cert-path`.
   *
   * @default - controller-runtime's self-signed certificate, generated at start-up (a scraper cannot verify it)
   */
  readonly certificate?: ServingCertificate;

  /**
   * Emit a prometheus-operator `ServiceMonitor` `<name>-metrics` for the metrics Service: HTTPS,
   * the server certificate verified against `certificate`'s CA (so `certificate` is required),
   * and the scraper's own projected token file (`bearerTokenFile`), never a token Secret.
   *
   * @default false
   */
  readonly serviceMonitor?: boolean;
}

/**
 * How `OperatorBundle` exposes the manager's metrics.
 *
 * `authenticated()` (the default) is controller-runtime's `WithAuthenticationAndAuthorization`
 * filter, which replaced kube-rbac-proxy: the manager gets `--metrics-bind-address=:8443
 * --metrics-secure`, and the bundle emits
 *
 * - a ClusterRole `<name>-metrics-auth` with exactly `create` on `tokenreviews` and
 *   `subjectaccessreviews`, bound to the operator's ServiceAccount (the filter asks the API server
 *   who the caller is and whether it may `get` `/metrics`);
 * - a ClusterRole `<name>-metrics-reader` with `get` on the non-resource URL `/metrics`, and a
 *   ClusterRoleBinding to the `scraper`, when one is named;
 * - optionally a `ServiceMonitor`.
 *
 * `plain()` serves HTTP on 8080 (`--metrics-secure=false`) with no RBAC: only for clusters where
 * the NetworkPolicy alone decides who reads metrics.
 */
export class MetricsAccess {
  /** HTTPS on 8443, every scrape authenticated and authorized by the API server. */
  public static authenticated(options: AuthenticatedMetricsOptions = {}): MetricsAccess {
    return new MetricsAccess(MetricsAccessKind.AUTHENTICATED, options);
  }

  /** Plain HTTP on 8080, no authentication. */
  public static plain(): MetricsAccess {
    return new MetricsAccess(MetricsAccessKind.PLAIN, {});
  }

  /** The scraper bound to the metrics-reader ClusterRole, when one was named. */
  public readonly scraper?: RbacSubject;
  /** The certificate of the metrics endpoint, when one was given. */
  public readonly certificate?: ServingCertificate;
  /** Whether a ServiceMonitor is emitted. */
  public readonly serviceMonitor: boolean;

  private constructor(
    /** Authenticated or plain. */
    public readonly kind: MetricsAccessKind,
    options: AuthenticatedMetricsOptions,
  ) {
    this.scraper = options.scraper;
    this.certificate = options.certificate;
    this.serviceMonitor = options.serviceMonitor ?? false;
  }
}

/** Where a serving certificate comes from. */
export enum ServingCertificateSource {
  /** A cert-manager `Certificate`, signed by a cert-manager issuer; the CA is injected by cert-manager's cainjector. */
  CERT_MANAGER = 'CERT_MANAGER',
  /** An existing `kubernetes.io/tls` Secret; the CA is written into the configurations as given. */
  SECRET = 'SECRET',
}

/** Which cert-manager issuer signs a serving certificate. */
export interface CertManagerCertificateOptions {
  /**
   * The name of an issuer that already exists (an `Issuer` in the operator's namespace, or a
   * `ClusterIssuer` when `clusterIssuer` is true).
   *
   * @default - the bundle emits a self-signed `Issuer` `<name>-selfsigned-issuer` in its namespace
   */
  readonly issuerName?: string;

  /**
   * `issuerName` names a `ClusterIssuer` rather than an `Issuer`.
   *
   * @default false
   */
  readonly clusterIssuer?: boolean;
}

/**
 * The TLS certificate a manager serves its webhooks (or its metrics) with. The Secret is mounted
 * read-only into the `manager` container only, at the directory controller-runtime reads
 * (`tls.crt`, `tls.key`), and the API server is told which CA to trust:
 *
 * - `certManager()` (the webhook default): a cert-manager `Certificate` for the Service's DNS
 *   names, and the annotation `cert-manager.io/inject-ca-from` on every configuration that must
 *   trust it, so that cert-manager's cainjector writes and rotates the `caBundle`;
 * - `fromSecret(secretName, caBundle)`: a `kubernetes.io/tls` Secret you create and rotate; the
 *   given CA is written into the configurations' `caBundle`.
 */
export class ServingCertificate {
  /** A cert-manager `Certificate`, by default from a self-signed `Issuer` the bundle emits. */
  public static certManager(options: CertManagerCertificateOptions = {}): ServingCertificate {
    const fields = { issuerName: options.issuerName, clusterIssuer: options.clusterIssuer ?? false };
    return new ServingCertificate(ServingCertificateSource.CERT_MANAGER, fields);
  }

  /**
   * An existing `kubernetes.io/tls` Secret in the operator's namespace (keys `tls.crt` and
   * `tls.key`).
   *
   * @param secretName the Secret's name
   * @param caBundle the PEM-encoded CA certificate that signed it, base64-encoded (the value
   * Kubernetes expects in `caBundle`)
   */
  public static fromSecret(secretName: string, caBundle: string): ServingCertificate {
    return new ServingCertificate(ServingCertificateSource.SECRET, { secretName, caBundle, clusterIssuer: false });
  }

  /** The existing Secret's name (`fromSecret` only). */
  public readonly secretName?: string;
  /** The base64-encoded PEM CA (`fromSecret` only). */
  public readonly caBundle?: string;
  /** The cert-manager issuer's name, when one was named. */
  public readonly issuerName?: string;
  /** Whether `issuerName` is a `ClusterIssuer`. */
  public readonly clusterIssuer: boolean;

  private constructor(
    /** cert-manager or an existing Secret. */
    public readonly source: ServingCertificateSource,
    fields: { secretName?: string; caBundle?: string; issuerName?: string; clusterIssuer: boolean },
  ) {
    this.secretName = fields.secretName;
    this.caBundle = fields.caBundle;
    this.issuerName = fields.issuerName;
    this.clusterIssuer = fields.clusterIssuer;
  }
}

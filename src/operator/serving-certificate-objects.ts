import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ServingCertificate, ServingCertificateSource } from './serving-certificate';
import { PropertyError } from '../errors';

/** cert-manager's API group and version (cert-manager 1.x). */
export const CERT_MANAGER_API_VERSION = 'cert-manager.io/v1';

/**
 * The annotation cert-manager's cainjector reads on webhook configurations and CRDs: it writes
 * the CA of the named Certificate (`<namespace>/<name>`) into their `caBundle`, and rewrites it
 * on every rotation.
 */
export const INJECT_CA_FROM_ANNOTATION = 'cert-manager.io/inject-ca-from';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Who owns the certificates: used in error messages and object names. */
export interface ServingCertificateOwner {
  readonly typeName: string;
  readonly owner: Construct;
  /** The bundle's name: prefix of every object. */
  readonly name: string;
  readonly namespace: string;
  /** The container that serves TLS (the only one that mounts the key). */
  readonly manager: kplus.Container;
}

/** A serving certificate as mounted, and how a configuration learns its CA. */
export interface MountedCertificate {
  /** What it serves (`webhook`, `metrics`). */
  readonly purpose: string;
  readonly source: ServingCertificateSource;
  /** The Secret holding `tls.crt` and `tls.key`. */
  readonly secretName: string;
  /** The pod volume that mounts it. */
  readonly volumeName: string;
  /** The directory it is mounted at in the manager. */
  readonly mountPath: string;
  /** For cert-manager: the value of `cert-manager.io/inject-ca-from`. */
  readonly injectCaFrom?: string;
  /** For an existing Secret: the base64-encoded PEM CA to write into `caBundle`. */
  readonly caBundle?: string;
}

/**
 * The serving certificates of one operator: cert-manager `Certificate`s (and the self-signed
 * `Issuer` they share, emitted once), or existing Secrets; each mounted read-only into the
 * manager container only.
 */
export class ServingCertificateObjects extends Construct {
  /** The cert-manager objects emitted (Issuer first, then Certificates). */
  public readonly apiObjects: ApiObject[] = [];
  /** Every certificate mounted, in order. */
  public readonly mounted: MountedCertificate[] = [];
  private selfSignedIssuer?: string;

  constructor(scope: Construct, id: string, private readonly context: ServingCertificateOwner) {
    super(scope, id);
  }

  /**
   * Issues (or takes) the certificate for `dnsNames` and mounts it read-only at `mountPath` in
   * the manager.
   */
  public mount(purpose: string, certificate: ServingCertificate, property: string, dnsNames: string[], mountPath: string): MountedCertificate {
    const { name, namespace } = this.context;
    let mounted: MountedCertificate;
    const volumeName = `${purpose}-cert`;
    if (certificate.source === ServingCertificateSource.SECRET) {
      const secretName = this.validSecretName(certificate.secretName, property);
      const caBundle = this.validCaBundle(certificate.caBundle, property);
      mounted = { purpose, source: certificate.source, secretName, volumeName, mountPath, caBundle };
    } else {
      const issuerRef = this.issuerRef(certificate, property);
      const certificateName = `${name}-${purpose}-server`;
      const secretName = `${certificateName}-cert`;
      this.apiObjects.push(new ApiObject(this, `Certificate-${purpose}`, {
        apiVersion: CERT_MANAGER_API_VERSION,
        kind: 'Certificate',
        metadata: { name: certificateName, namespace },
        spec: { dnsNames, issuerRef, secretName },
      }));
      mounted = { purpose, source: certificate.source, secretName, volumeName, mountPath, injectCaFrom: `${namespace}/${certificateName}` };
    }
    const secret = kplus.Secret.fromSecretName(this, `Secret-${purpose}`, mounted.secretName);
    const volume = kplus.Volume.fromSecret(this, `Volume-${purpose}`, secret, { name: volumeName });
    this.context.manager.mount(mountPath, volume, { readOnly: true });
    this.mounted.push(mounted);
    return mounted;
  }

  private issuerRef(certificate: ServingCertificate, property: string): { group: string; kind: string; name: string } {
    const group = 'cert-manager.io';
    if (certificate.issuerName !== undefined) {
      if (!DNS_SUBDOMAIN.test(certificate.issuerName) || certificate.issuerName.length > 253) {
        this.fail(`${property}`, `ServingCertificate.certManager(): issuerName '${certificate.issuerName}' is not an object name (allowed: lowercase letters, digits, '-' and '.', at most 253 characters)`);
      }
      return { group, kind: certificate.clusterIssuer ? 'ClusterIssuer' : 'Issuer', name: certificate.issuerName };
    }
    if (certificate.clusterIssuer) {
      this.fail(property, 'ServingCertificate.certManager(): clusterIssuer is true but no issuerName is given (allowed: name the ClusterIssuer, or omit both for a self-signed Issuer)');
    }
    if (this.selfSignedIssuer === undefined) {
      this.selfSignedIssuer = `${this.context.name}-selfsigned-issuer`;
      // The bundle's own CA: nothing outside the cluster needs to trust these certificates.
      this.apiObjects.push(new ApiObject(this, 'Issuer', {
        apiVersion: CERT_MANAGER_API_VERSION,
        kind: 'Issuer',
        metadata: { name: this.selfSignedIssuer, namespace: this.context.namespace },
        spec: { selfSigned: {} },
      }));
    }
    return { group, kind: 'Issuer', name: this.selfSignedIssuer };
  }

  private validSecretName(secretName: string | undefined, property: string): string {
    if (secretName === undefined || !DNS_SUBDOMAIN.test(secretName) || secretName.length > 253) {
      this.fail(property, `ServingCertificate.fromSecret(): secretName '${secretName}' is not a Secret name (allowed: lowercase letters, digits, '-' and '.', at most 253 characters)`);
    }
    return secretName!;
  }

  private validCaBundle(caBundle: string | undefined, property: string): string {
    const decoded = caBundle !== undefined && BASE64.test(caBundle) ? Buffer.from(caBundle, 'base64').toString('utf-8') : '';
    if (!decoded.includes('-----BEGIN CERTIFICATE-----')) {
      const shown = caBundle === undefined ? 'undefined' : `'${caBundle.slice(0, 20)}${caBundle.length > 20 ? '…' : ''}'`;
      this.fail(property, `ServingCertificate.fromSecret(): caBundle ${shown} is not a base64-encoded PEM certificate (allowed: base64 of the CA's '-----BEGIN CERTIFICATE-----' block, the value Kubernetes expects in caBundle)`);
    }
    return caBundle!;
  }

  private fail(property: string, problem: string): never {
    throw new PropertyError(this.context.typeName, this.context.owner, property, problem);
  }
}

import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { dropChartNamespaceOf } from './cluster-scoped';
import { MetricsAccess } from './metrics-access';
import { MountedCertificate } from './serving-certificate-objects';
import { PropertyError } from '../errors';
import { RoleGrant } from '../identity/role-grant';
import { ApiResource } from '../rbac/api-resource';
import { GrantScope } from '../rbac/grant-scope';
import { Permission } from '../rbac/permission';
import { RbacSubject, RbacSubjectKind } from '../rbac/rbac-subject';

/** The directory the kubebuilder scaffold's `--metrics-cert-path` points at. */
export const METRICS_CERT_DIR = '/tmp/k8s-metrics-server/metrics-certs';
/** The token file every in-cluster client (Prometheus included) reads: projected or automounted. */
const SCRAPER_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What the metrics RBAC and ServiceMonitor are built for. */
export interface MetricsObjectsContext {
  readonly typeName: string;
  readonly owner: Construct;
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: kplus.ServiceAccount;
  /** The metrics Service, when there is one (a ServiceMonitor needs it). */
  readonly metricsServiceName?: string;
  /** The Service's labels the ServiceMonitor selects. */
  readonly metricsServiceLabels: Record<string, string>;
  /** The metrics certificate, when one is mounted. */
  readonly certificate?: MountedCertificate;
}

/**
 * The RBAC of authenticated metrics (controller-runtime's `WithAuthenticationAndAuthorization`):
 * the manager may create TokenReviews and SubjectAccessReviews, a reader role allows `get` on
 * `/metrics`, bound to the scraper; and optionally a prometheus-operator ServiceMonitor.
 */
export class MetricsObjects extends Construct {
  /** `create` on `tokenreviews` and `subjectaccessreviews`, bound to the operator's ServiceAccount. */
  public readonly authGrant: RoleGrant;
  /** The `<name>-metrics-reader` ClusterRole. */
  public readonly readerRole: ApiObject;
  /** The binding of the reader role to the scraper, when one is named. */
  public readonly readerBinding?: ApiObject;
  /** The ServiceMonitor, when asked for. */
  public readonly serviceMonitor?: ApiObject;
  /** The CA ConfigMap the ServiceMonitor verifies a `fromSecret` certificate with. */
  public readonly caConfigMap?: ApiObject;

  constructor(scope: Construct, id: string, private readonly context: MetricsObjectsContext, access: MetricsAccess) {
    super(scope, id);
    const { name, namespace } = context;
    if (access.scraper) this.validateScraper(access.scraper);
    if (access.serviceMonitor && !context.certificate) {
      this.fail('metrics', 'MetricsAccess.authenticated(): serviceMonitor needs a certificate the scraper can verify, and there is none: Prometheus would send its token to a server it cannot authenticate (allowed: certificate: ServingCertificate.certManager() or ServingCertificate.fromSecret(...))');
    }
    if (access.serviceMonitor && !context.metricsServiceName) {
      this.fail('metricsService', 'false is refused with a ServiceMonitor, which scrapes through the metrics Service (allowed: true or unset)');
    }

    this.authGrant = new RoleGrant(this, 'Auth', {
      subjects: [RbacSubject.fromServiceAccount(context.serviceAccount)],
      permissions: [Permission.custom({ resources: [ApiResource.of('tokenreviews'), ApiResource.of('subjectaccessreviews')], verbs: ['create'] })
        .withJustification('authenticated metrics: the metrics endpoint reviews each scraper\'s token (TokenReview) and its permission to get /metrics (SubjectAccessReview)')],
      grantScope: GrantScope.allNamespaces(),
      name: `${name}-metrics-auth`,
    });
    // Non-resource URLs can only be granted by a ClusterRole (bound cluster-wide).
    this.readerRole = new ApiObject(this, 'Reader', {
      apiVersion: `${RBAC_GROUP}/v1`,
      kind: 'ClusterRole',
      metadata: { name: `${name}-metrics-reader` },
      rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    });
    dropChartNamespaceOf(this.readerRole);
    if (access.scraper) {
      this.readerBinding = new ApiObject(this, 'ReaderBinding', {
        apiVersion: `${RBAC_GROUP}/v1`,
        kind: 'ClusterRoleBinding',
        metadata: { name: `${name}-metrics-reader` },
        roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: `${name}-metrics-reader` },
        subjects: [subjectJson(access.scraper)],
      });
      dropChartNamespaceOf(this.readerBinding);
    }
    if (access.serviceMonitor) {
      const certificate = context.certificate!;
      let ca = { secret: { name: certificate.secretName, key: 'ca.crt' } } as Record<string, unknown>;
      if (certificate.caBundle) {
        // A Secret made by hand rarely holds ca.crt: publish the given CA (public data) in a ConfigMap.
        this.caConfigMap = new ApiObject(this, 'CaConfigMap', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `${name}-metrics-ca`, namespace },
          data: { 'ca.crt': Buffer.from(certificate.caBundle, 'base64').toString('utf-8') },
        });
        ca = { configMap: { name: `${name}-metrics-ca`, key: 'ca.crt' } };
      }
      this.serviceMonitor = new ApiObject(this, 'ServiceMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: `${name}-metrics`, namespace, labels: { 'app.kubernetes.io/name': name } },
        spec: {
          selector: { matchLabels: { ...context.metricsServiceLabels } },
          endpoints: [{
            port: 'metrics',
            path: '/metrics',
            scheme: 'https',
            // The scraper's own short-lived token, re-read by Prometheus on every scrape: no Secret.
            bearerTokenFile: SCRAPER_TOKEN_FILE,
            tlsConfig: { serverName: `${context.metricsServiceName}.${namespace}.svc`, ca },
          }],
        },
      });
    }
  }

  private validateScraper(scraper: RbacSubject): void {
    if (scraper.kind === RbacSubjectKind.SERVICE_ACCOUNT) {
      if (scraper.name === 'default') {
        this.fail('metrics', `MetricsAccess.authenticated(): scraper ServiceAccount '${scraper.namespace ?? ''}/default' is refused: every pod without a ServiceAccount runs as 'default' and would read the metrics (allowed: the scraper's own ServiceAccount)`);
      }
      if (!scraper.namespace) {
        this.fail('metrics', `MetricsAccess.authenticated(): scraper ServiceAccount '${scraper.name}' has no namespace (allowed: RbacSubject.serviceAccount(namespace, name))`);
      }
    } else if (scraper.name.startsWith('system:') || scraper.name.trim() === '') {
      this.fail('metrics', `MetricsAccess.authenticated(): scraper ${scraper.kind} '${scraper.name}' is refused (allowed: a named user, group or ServiceAccount that is not a system: identity)`);
    }
  }

  private fail(property: string, problem: string): never {
    throw new PropertyError(this.context.typeName, this.context.owner, property, problem);
  }
}

function subjectJson(subject: RbacSubject): Record<string, string> {
  return subject.kind === RbacSubjectKind.SERVICE_ACCOUNT
    ? { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace! }
    : { kind: subject.kind, name: subject.name, apiGroup: RBAC_GROUP };
}

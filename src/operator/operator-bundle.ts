import { ApiObject, ApiObjectProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IntOrString, KubePodDisruptionBudget } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { OlmSources } from './cluster-service-version';
import { CrdObjects } from './crd-objects';
import { MetricsAccess, MetricsAccessKind } from './metrics-access';
import { METRICS_CERT_DIR, MetricsObjects } from './metrics-objects';
import { OlmBundle, OlmBundleOptions } from './olm-bundle';
import type { OperatorAccessSummary } from './operator-access-summary';
import { operatorNetworkPolicy } from './operator-network-policy';
import type { OperatorWebhooksOptions } from './operator-webhooks';
import { ServingCertificateSource } from './serving-certificate';
import { MountedCertificate, ServingCertificateObjects } from './serving-certificate-objects';
import { WatchScope, WatchScopeKind } from './watch-scope';
import { WebhookObjects } from './webhook-objects';
import { PropertyError } from '../errors';
import { RoleGrant } from '../identity/role-grant';
import { SecureServiceAccount } from '../identity/secure-service-account';
import { tokenExpirationSeconds } from '../identity/token-expiration';
import { KubernetesNames } from '../k8s/names';
import { GrantScope } from '../rbac/grant-scope';
import { Permission } from '../rbac/permission';
import { RbacSubject } from '../rbac/rbac-subject';
import { ConstructSuppressions } from '../synth/construct-suppressions';
import { SecureDeployment } from '../workloads/secure-deployment';
import { SecureNamespace } from '../workloads/secure-namespace';

/** Options for `OperatorBundle`. */
export interface OperatorBundleProps {
  /**
   * The manager image. Pin it with a tag and a digest (`repo:1.2.3@sha256:...`): the
   * `hardening/image-tag` rule reports anything less.
   */
  readonly image: string;

  /**
   * What the manager needs in the watched namespaces (see `watch`), e.g.
   * `Permission.reconcile(widgets)`, `Permission.updateStatus(widgets)`, `Permission.events()`.
   * Only namespaced resources; cluster-scoped ones go in `clusterPermissions`. At least one.
   */
  readonly permissions: Permission[];

  /**
   * Name of the Deployment and ServiceAccount, and prefix of every other object
   * (`<name>-manager`, `<name>-leader-election`, `<name>-cluster`, `<name>-metrics`). A DNS label.
   * Cluster-scoped objects (ClusterRoles) carry it too, so two bundles in one cluster need two names.
   *
   * @default - the construct id
   */
  readonly name?: string;

  /**
   * The namespace the operator runs in.
   *
   * @default - the chart's namespace (one of the two is required)
   */
  readonly namespace?: string;

  /**
   * Also emit the Namespace as a `SecureNamespace`: labelled for Pod Security admission
   * `restricted` (enforce, audit and warn, version `latest`), so no pod that breaks "restricted"
   * can run beside the operator, and with its `default` ServiceAccount automount-free.
   *
   * @default false
   */
  readonly createNamespace?: boolean;

  /**
   * Number of manager pods. At least 1.
   *
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Which namespaces the manager watches. Decides where `permissions` are granted and the value
   * of `WATCH_NAMESPACE`.
   *
   * @default WatchScope.ownNamespace()
   */
  readonly watch?: WatchScope;

  /**
   * For a list of watched namespaces: write the rules once as a ClusterRole template, bound by
   * a RoleBinding in each namespace, instead of one Role per namespace. The access is the same.
   *
   * @default false
   */
  readonly clusterRoleTemplate?: boolean;

  /**
   * What the manager needs on cluster-scoped resources (reading CRDs, nodes, namespaces). Granted
   * by a separate minimal ClusterRole `<name>-cluster` and its ClusterRoleBinding. Only
   * cluster-scoped resources.
   *
   * @default - none: no ClusterRole for cluster-scoped resources
   */
  readonly clusterPermissions?: Permission[];

  /**
   * Leader election: adds `--leader-elect` to the manager and grants exactly `get`, `create`,
   * `update` on `leases` and `create`, `patch` on `events`, in the operator's namespace only.
   * Refused as false with more than one replica (every replica would reconcile at once).
   *
   * @default - true when replicas > 1
   */
  readonly leaderElection?: boolean;

  /**
   * Pass the controller-runtime (kubebuilder, operator-sdk) flags that match the other props:
   * `--leader-elect` (when leader election is on), `--health-probe-bind-address=:<healthPort>`,
   * `--metrics-bind-address=:<metricsPort>` with `--metrics-secure` (authenticated metrics) or
   * `--metrics-secure=false` (plain), and `--metrics-cert-path` for a metrics certificate (the
   * kubebuilder v4 scaffold's flags). Turn it off for a manager with other flags and give them
   * in `args`.
   *
   * @default true
   */
  readonly controllerRuntimeFlags?: boolean;

  /**
   * Lifetime of the projected API token mounted into the token containers (600 s to 2^32 s,
   * never 3607 s).
   *
   * @default Duration.hours(1)
   */
  readonly tokenExpiration?: Duration;

  /**
   * Extra arguments of the manager, after the controller-runtime flags.
   *
   * @default - none
   */
  readonly args?: string[];

  /**
   * Extra environment variables of the manager. `WATCH_NAMESPACE` is set by the bundle and
   * refused here.
   *
   * @default - none
   */
  readonly env?: { [name: string]: kplus.EnvValue };

  /**
   * Port of the health endpoints: liveness probe on `/healthz`, readiness probe on `/readyz`.
   *
   * @default 8081 (the controller-runtime scaffold's)
   */
  readonly healthPort?: number;

  /**
   * Port the manager serves metrics on (container port `metrics`).
   *
   * @default - 8443 with authenticated metrics (the default), 8080 with `MetricsAccess.plain()`
   */
  readonly metricsPort?: number;

  /**
   * How the metrics endpoint is protected: `MetricsAccess.authenticated()` (HTTPS, every scrape
   * checked by the API server; RBAC for it and a `<name>-metrics-reader` ClusterRole are emitted)
   * or `MetricsAccess.plain()`.
   *
   * @default MetricsAccess.authenticated()
   */
  readonly metrics?: MetricsAccess;

  /**
   * Admission and conversion webhooks the manager serves, with their Service, serving
   * certificate and configurations.
   *
   * @default - no webhooks
   */
  readonly webhooks?: OperatorWebhooksOptions;

  /**
   * Resource requests and limits of the manager.
   *
   * @default - the kubebuilder scaffold's: requests cpu 10m, memory 64Mi; limits cpu 500m, memory 128Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Other containers of the pod (a metrics proxy, a log shipper). Each needs a name other than
   * `manager`. They get the Pod Security "restricted" defaults and no API token unless named in
   * `tokenContainers`.
   *
   * @default - none
   */
  readonly sidecars?: kplus.ContainerProps[];

  /**
   * The containers that receive the projected API token. Must include `manager`.
   *
   * @default ['manager']
   */
  readonly tokenContainers?: string[];

  /**
   * Emit a ClusterIP Service `<name>-metrics` exposing the metrics port.
   *
   * @default - true when the metrics access emits a ServiceMonitor, else false
   */
  readonly metricsService?: boolean;

  /**
   * Emit a NetworkPolicy for the operator pods: ingress only on the health and metrics ports (and
   * the webhook port, from `apiServerCidrs` when given), egress only to the API server (TCP 443
   * and 6443), everything else (DNS included) denied.
   * Off by default because operators that call other services (webhooks, ACME, cloud APIs) need
   * more egress than can be guessed; add it with an escape hatch on `networkPolicy`.
   *
   * @default false
   */
  readonly networkPolicy?: boolean;

  /**
   * Narrows the NetworkPolicy's API server egress to these CIDRs (e.g. the control plane's
   * addresses).
   *
   * @default - any address, on the API server ports only
   */
  readonly apiServerCidrs?: string[];

  /**
   * Emit a PodDisruptionBudget with `maxUnavailable: 1` (a minAvailable equal to the replicas
   * would block node drains forever).
   *
   * @default false
   */
  readonly podDisruptionBudget?: boolean;

  /**
   * YAML files of CustomResourceDefinitions, written unchanged (only the chart's namespace is
   * kept off them: CRDs are cluster-scoped). Local paths only; resolve them with `__dirname`.
   *
   * @default - none
   */
  readonly crdFiles?: string[];

  /**
   * CustomResourceDefinitions given as objects, written unchanged.
   *
   * @default - none
   */
  readonly crds?: ApiObjectProps[];
}

const TYPE = 'OperatorBundle';
const MANAGER = 'manager';
const WATCH_NAMESPACE = 'WATCH_NAMESPACE';
const CLUSTER_SCOPE_RULE = 'rbac/cluster-scope';

/**
 * A complete, hardened operator in one construct. It emits:
 *
 * - a `SecureServiceAccount` (automount off) and a manager `SecureDeployment` (Pod Security
 *   "restricted") whose projected, short-lived API token is mounted into the manager container
 *   only, with `/healthz` and `/readyz` probes, `WATCH_NAMESPACE` and the leader-election flag;
 * - RBAC from declared permissions, granted only in the watched namespaces (`watch`): a Role and
 *   RoleBinding per namespace, or a ClusterRole and ClusterRoleBinding for all namespaces;
 *   cluster-scoped needs in a separate minimal ClusterRole; leader election in the operator's
 *   own namespace with exactly the Lease and Event verbs it uses;
 * - optionally the Namespace (Pod Security `restricted` labels), a metrics Service, a
 *   NetworkPolicy, a PodDisruptionBudget and the CRDs.
 *
 * `summary` says exactly what was granted.
 */
export class OperatorBundle extends Construct {
  /** The name of the Deployment and ServiceAccount, prefix of the other objects. */
  public readonly name: string;
  /** The namespace the operator runs in. */
  public readonly namespace: string;
  /** The operator's ServiceAccount. */
  public readonly serviceAccount: SecureServiceAccount;
  /** The manager Deployment. */
  public readonly deployment: SecureDeployment;
  /** The manager container. */
  public readonly manager: kplus.Container;
  /** The grant of `permissions` in the watched namespaces. */
  public readonly managerGrant: RoleGrant;
  /** The grant for leader election, when it is on. */
  public readonly leaderElectionGrant?: RoleGrant;
  /** The grant of `clusterPermissions`, when there are any. */
  public readonly clusterGrant?: RoleGrant;
  /** Whether leader election is on. */
  public readonly leaderElection: boolean;
  /** The value of `WATCH_NAMESPACE` (for the own namespace: that namespace, read by the pod from the downward API). */
  public readonly watchNamespaceValue: string;
  /** The Namespace, when `createNamespace` is true. */
  public readonly namespaceObject?: SecureNamespace;
  /** The metrics Service, when `metricsService` is true. */
  public readonly metricsServiceObject?: kplus.Service;
  /** The NetworkPolicy, when `networkPolicy` is true (an L1 object: add rules with JSON patches). */
  public readonly networkPolicyObject?: ApiObject;
  /** The PodDisruptionBudget, when `podDisruptionBudget` is true. */
  public readonly podDisruptionBudgetObject?: ApiObject;
  /** The CustomResourceDefinitions, in the order given (files first). */
  public readonly crdObjects: ApiObject[];
  /** How the metrics endpoint is protected. */
  public readonly metricsAccess: MetricsAccess;
  /** `create` on `tokenreviews` and `subjectaccessreviews` for authenticated metrics. */
  public readonly metricsAuthGrant?: RoleGrant;
  /** The `<name>-metrics-reader` ClusterRole (`get` on `/metrics`), with authenticated metrics. */
  public readonly metricsReaderRole?: ApiObject;
  /** The binding of the metrics reader role to the scraper, when one is named. */
  public readonly metricsReaderBinding?: ApiObject;
  /** The prometheus-operator ServiceMonitor, when asked for. */
  public readonly serviceMonitorObject?: ApiObject;
  /** The webhook Service, when there are webhooks. */
  public readonly webhookServiceObject?: kplus.Service;
  /** The ValidatingWebhookConfiguration, when there are validating webhooks. */
  public readonly validatingWebhookConfiguration?: ApiObject;
  /** The MutatingWebhookConfiguration, when there are mutating webhooks. */
  public readonly mutatingWebhookConfiguration?: ApiObject;
  /** The cert-manager Issuer and Certificates of the serving certificates. */
  public readonly certificateObjects: ApiObject[];

  private readonly watchScope: WatchScope;
  private readonly tokenSeconds: number;
  private readonly tokenContainerNames: string[];
  private readonly certificates: ServingCertificateObjects;
  private readonly webhookObjects?: WebhookObjects;
  private readonly webhookPort?: number;
  private readonly metricsCertificate?: MountedCertificate;
  private olmBundle?: OlmBundle;

  constructor(scope: Construct, id: string, props: OperatorBundleProps) {
    super(scope, id);
    this.name = this.validateName(props.name ?? id);
    this.namespace = this.resolveNamespace(props.namespace);
    const replicas = this.validateReplicas(props.replicas ?? 1);
    this.leaderElection = this.resolveLeaderElection(props.leaderElection, replicas);
    this.watchScope = props.watch ?? WatchScope.ownNamespace();
    const watchNamespaces = this.validateWatchScope(this.watchScope);
    this.tokenSeconds = tokenExpirationSeconds(TYPE, this, 'tokenExpiration', props.tokenExpiration);
    this.metricsAccess = props.metrics ?? MetricsAccess.authenticated();
    const authenticatedMetrics = this.metricsAccess.kind === MetricsAccessKind.AUTHENTICATED;
    const healthPort = this.validatePort('healthPort', props.healthPort ?? 8081);
    const metricsPort = this.validatePort('metricsPort', props.metricsPort ?? (authenticatedMetrics ? 8443 : 8080));
    if (healthPort === metricsPort) {
      throw new PropertyError(TYPE, this, 'metricsPort', `${metricsPort} is also the healthPort (allowed: two different ports)`);
    }
    if (props.webhooks) {
      this.webhookPort = this.validatePort('webhooks.port', props.webhooks.port ?? 9443);
      if (this.webhookPort === healthPort || this.webhookPort === metricsPort) {
        throw new PropertyError(TYPE, this, 'webhooks.port', `${this.webhookPort} is also the ${this.webhookPort === healthPort ? 'healthPort' : 'metricsPort'} (allowed: a port of its own)`);
      }
    }
    this.validatePermissions(props.permissions, props.clusterPermissions ?? []);
    if (props.env && WATCH_NAMESPACE in props.env) {
      throw new PropertyError(TYPE, this, `env.${WATCH_NAMESPACE}`, 'is set by the bundle from `watch` (allowed: any other variable)');
    }
    const sidecars = this.validateSidecars(props.sidecars ?? []);
    this.tokenContainerNames = this.validateTokenContainers(props.tokenContainers ?? [MANAGER], sidecars);

    if (props.createNamespace) {
      this.namespaceObject = new SecureNamespace(this, 'Namespace', { metadata: { name: this.namespace } });
    }

    const crds = new CrdObjects(this, 'Crds', TYPE, this);
    (props.crdFiles ?? []).forEach((file, i) => crds.addFile(file, `crdFiles[${i}]`));
    (props.crds ?? []).forEach((crd, i) => crds.addObject(crd, `crds[${i}]`));
    this.crdObjects = crds.apiObjects;

    this.serviceAccount = new SecureServiceAccount(this, 'ServiceAccount', { metadata: { name: this.name, namespace: this.namespace } });

    this.watchNamespaceValue = this.watchScope.kind === WatchScopeKind.OWN_NAMESPACE ? this.namespace : watchNamespaces.join(',');
    this.deployment = new SecureDeployment(this, 'Deployment', {
      metadata: { name: this.name, namespace: this.namespace, labels: { 'app.kubernetes.io/name': this.name } },
      podMetadata: { labels: { 'app.kubernetes.io/name': this.name } },
      replicas,
      serviceAccount: this.serviceAccount,
    });
    this.manager = this.deployment.addContainer({
      name: MANAGER,
      image: props.image,
      args: [
        ...this.controllerRuntimeArgs(props.controllerRuntimeFlags ?? true, healthPort, metricsPort),
        ...this.metricsArgs(props.controllerRuntimeFlags ?? true),
        ...(props.args ?? []),
      ],
      envVariables: { ...props.env, [WATCH_NAMESPACE]: this.watchNamespaceEnv() },
      ports: [
        { name: 'health', number: healthPort },
        { name: 'metrics', number: metricsPort },
        ...(this.webhookPort !== undefined ? [{ name: 'webhook-server', number: this.webhookPort }] : []),
      ],
      // The controller-runtime scaffold's probe timings: liveness waits for the caches to sync.
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: healthPort, initialDelaySeconds: Duration.seconds(15), periodSeconds: Duration.seconds(20) }),
      readiness: kplus.Probe.fromHttpGet('/readyz', { port: healthPort, initialDelaySeconds: Duration.seconds(5), periodSeconds: Duration.seconds(10) }),
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
      },
    });
    for (const sidecar of sidecars) this.deployment.addContainer(sidecar);
    this.deployment.addApiAccess({ containers: this.tokenContainerNames, expiration: Duration.seconds(this.tokenSeconds) });

    this.managerGrant = this.grantWatched(props.permissions, watchNamespaces, props.clusterRoleTemplate ?? false);
    if (this.leaderElection) {
      // In the operator's own namespace only: controller-runtime takes the Lease there (it reads
      // the namespace file of the projected credentials).
      this.leaderElectionGrant = new RoleGrant(this, 'LeaderElection', {
        subjects: [RbacSubject.fromServiceAccount(this.serviceAccount)],
        permissions: [Permission.leaderElection()],
        grantScope: GrantScope.namespace(this.namespace),
        name: `${this.name}-leader-election`,
      });
    }
    if ((props.clusterPermissions ?? []).length > 0) {
      this.clusterGrant = new RoleGrant(this, 'ClusterAccess', {
        subjects: [RbacSubject.fromServiceAccount(this.serviceAccount)],
        permissions: props.clusterPermissions!,
        grantScope: GrantScope.allNamespaces(),
        name: `${this.name}-cluster`,
      });
    }

    const podLabels = this.deployment.matchLabels;
    const metricsServiceLabels = { 'app.kubernetes.io/name': this.name, 'app.kubernetes.io/component': 'metrics' };
    if (props.metricsService ?? this.metricsAccess.serviceMonitor) {
      this.metricsServiceObject = new kplus.Service(this, 'MetricsService', {
        metadata: { name: `${this.name}-metrics`, namespace: this.namespace, labels: metricsServiceLabels },
        selector: this.deployment,
        ports: [{ name: 'metrics', port: metricsPort, targetPort: metricsPort }],
      });
    }

    this.certificates = new ServingCertificateObjects(this, 'Certificates', { typeName: TYPE, owner: this, name: this.name, namespace: this.namespace, manager: this.manager });
    if (props.webhooks) {
      this.webhookObjects = new WebhookObjects(this, 'Webhooks', {
        typeName: TYPE,
        owner: this,
        name: this.name,
        namespace: this.namespace,
        manager: this.manager,
        deployment: this.deployment,
        certificates: this.certificates,
        crdObjects: this.crdObjects,
        watchedNamespaces: this.watchScope.kind === WatchScopeKind.ALL_NAMESPACES ? undefined : watchNamespaces,
        watchedResources: new Set(props.permissions.flatMap((p) => p._entries().map((e) => `${e.apiGroup}/${e.resource.split('/')[0]}`))),
      }, props.webhooks, this.webhookPort!);
      this.webhookServiceObject = this.webhookObjects.service;
      this.validatingWebhookConfiguration = this.webhookObjects.validating;
      this.mutatingWebhookConfiguration = this.webhookObjects.mutating;
    }
    if (authenticatedMetrics) {
      if (this.metricsAccess.certificate) {
        const service = `${this.name}-metrics.${this.namespace}.svc`;
        this.metricsCertificate = this.certificates.mount('metrics', this.metricsAccess.certificate, 'metrics.certificate', [service, `${service}.cluster.local`], METRICS_CERT_DIR);
      }
      const metrics = new MetricsObjects(this, 'Metrics', {
        typeName: TYPE,
        owner: this,
        name: this.name,
        namespace: this.namespace,
        serviceAccount: this.serviceAccount,
        metricsServiceName: this.metricsServiceObject ? `${this.name}-metrics` : undefined,
        metricsServiceLabels,
        certificate: this.metricsCertificate,
      }, this.metricsAccess);
      this.metricsAuthGrant = metrics.authGrant;
      this.metricsReaderRole = metrics.readerRole;
      this.metricsReaderBinding = metrics.readerBinding;
      this.serviceMonitorObject = metrics.serviceMonitor;
    }
    this.certificateObjects = this.certificates.apiObjects;
    if (props.networkPolicy) {
      this.networkPolicyObject = operatorNetworkPolicy(this, 'NetworkPolicy', {
        name: this.name,
        namespace: this.namespace,
        podLabels,
        ingressPorts: [healthPort, metricsPort],
        apiServerCidrs: props.apiServerCidrs ?? [],
        webhookPort: this.webhookPort,
      });
    } else if (props.apiServerCidrs !== undefined) {
      throw new PropertyError(TYPE, this, 'apiServerCidrs', 'is set but networkPolicy is not true (it narrows the NetworkPolicy\'s egress)');
    }
    if (props.podDisruptionBudget) {
      this.podDisruptionBudgetObject = new KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: { name: this.name, namespace: this.namespace },
        spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: podLabels } },
      });
    }

    if (this.namespaceObject) {
      // Every other object of the bundle is written after its Namespace.
      for (const child of this.node.children) {
        if (child !== this.namespaceObject) child.node.addDependency(this.namespaceObject);
      }
    }
  }

  /** What the bundle granted: where, which rules, and who holds the token. */
  public get summary(): OperatorAccessSummary {
    const grants = [this.managerGrant, this.leaderElectionGrant, this.clusterGrant, this.metricsAuthGrant]
      .filter((g): g is RoleGrant => g !== undefined);
    const all = this.watchScope.kind === WatchScopeKind.ALL_NAMESPACES;
    return {
      serviceAccount: `${this.namespace}/${this.name}`,
      namespace: this.namespace,
      watchNamespaces: all ? [] : [...this.managerGrant.namespaces],
      allNamespaces: all,
      watchNamespaceValue: this.watchNamespaceValue,
      leaderElection: this.leaderElection,
      roles: grants.flatMap((g) => g.roles),
      bindings: grants.flatMap((g) => g.bindings),
      risks: [...new Set(grants.flatMap((g) => g.risks))].sort(),
      tokenContainers: [...this.tokenContainerNames],
      tokenExpirationSeconds: this.tokenSeconds,
    };
  }

  /**
   * Also write an OLM bundle of this operator on every `app.synth()`: a ClusterServiceVersion
   * computed from the synthesized manifests (the same pod spec, exactly the RBAC bound to the
   * operator's ServiceAccount, the webhooks, the install mode of `watch`), the CRDs and
   * `metadata/annotations.yaml`, under `<outdir>/bundle/`. Once per bundle.
   */
  public olm(options: OlmBundleOptions): OlmBundle {
    if (this.olmBundle) throw new PropertyError(TYPE, this, 'olm', 'is called twice (allowed: once per operator; its options describe one release)');
    this.olmBundle = new OlmBundle(this, 'Olm', options);
    return this.olmBundle;
  }

  /** What the OLM bundle is computed from besides the manifests. @internal */
  public _olmSources(): OlmSources {
    const webhookCertificate = this.webhookObjects?.certificate;
    const managedByCertManager = this.metricsCertificate?.source === ServingCertificateSource.CERT_MANAGER;
    return {
      name: this.name,
      namespace: this.namespace,
      watchKind: this.watchScope.kind,
      watchNamespaces: this.watchScope.kind === WatchScopeKind.OWN_NAMESPACE ? [this.namespace] : [...this.watchScope.namespaceNames],
      // OLM mounts its own webhook certificate at the same directory; a cert-manager metrics
      // certificate does not exist under OLM (controller-runtime then serves a self-signed one).
      droppedVolumes: [webhookCertificate?.volumeName, managedByCertManager ? this.metricsCertificate!.volumeName : undefined]
        .filter((v): v is string => v !== undefined),
      droppedArgPrefixes: managedByCertManager ? ['--metrics-cert-path='] : [],
      omittedObjects: [
        ...(managedByCertManager && this.serviceMonitorObject ? [`ServiceMonitor/${this.name}-metrics`] : []),
        // Under OLM the namespace is the OperatorGroup's: none of the SecureNamespace's objects ship.
        ...(this.namespaceObject ? ['ServiceAccount/default'] : []),
      ],
      webhookPort: this.webhookPort,
      conversionCrds: this.webhookObjects ? [...this.webhookObjects.conversionCrds] : [],
      webhookResources: this.webhookObjects ? [...this.webhookObjects.interceptedResources] : [],
    };
  }

  private metricsArgs(enabled: boolean): string[] {
    if (!enabled) return [];
    if (this.metricsAccess.kind === MetricsAccessKind.PLAIN) return ['--metrics-secure=false'];
    return ['--metrics-secure', ...(this.metricsAccess.certificate ? [`--metrics-cert-path=${METRICS_CERT_DIR}`] : [])];
  }

  private grantWatched(permissions: Permission[], watchNamespaces: string[], template: boolean): RoleGrant {
    const all = this.watchScope.kind === WatchScopeKind.ALL_NAMESPACES;
    if (template && this.watchScope.kind !== WatchScopeKind.NAMESPACES) {
      throw new PropertyError(TYPE, this, 'clusterRoleTemplate', 'true only applies to WatchScope.namespace() or WatchScope.namespaces() (a Role per namespace is replaced by one ClusterRole template)');
    }
    const grant = new RoleGrant(this, 'Manager', {
      subjects: [RbacSubject.fromServiceAccount(this.serviceAccount)],
      permissions,
      grantScope: all ? GrantScope.allNamespaces() : GrantScope.namespaces(watchNamespaces),
      name: `${this.name}-manager`,
      clusterRoleTemplate: template,
    });
    const reason = this.watchScope.justification;
    if (all && reason !== undefined) {
      for (const binding of grant.apiObjects.filter((o) => o.kind === 'ClusterRoleBinding')) {
        ConstructSuppressions.annotate(binding, [{ rule: CLUSTER_SCOPE_RULE, reason }]);
      }
    }
    return grant;
  }

  private watchNamespaceEnv(): kplus.EnvValue {
    // The own namespace comes from the downward API, so it stays right if a tool (kustomize)
    // moves the operator, together with its Role, to another namespace.
    return this.watchScope.kind === WatchScopeKind.OWN_NAMESPACE
      ? kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE)
      : kplus.EnvValue.fromValue(this.watchNamespaceValue);
  }

  private controllerRuntimeArgs(enabled: boolean, healthPort: number, metricsPort: number): string[] {
    if (!enabled) return [];
    return [
      ...(this.leaderElection ? ['--leader-elect'] : []),
      `--health-probe-bind-address=:${healthPort}`,
      `--metrics-bind-address=:${metricsPort}`,
    ];
  }

  private validateName(name: string): string {
    const problem = KubernetesNames.dnsLabelProblem(name);
    if (problem) throw new PropertyError(TYPE, this, 'name', `${problem}; set name when the construct id is not one`);
    return name;
  }

  private resolveNamespace(given: string | undefined): string {
    const namespace = given ?? Chart.of(this).namespace;
    if (namespace === undefined) {
      throw new PropertyError(TYPE, this, 'namespace', 'is not set and the chart has no namespace (allowed: a namespace name, here or on the chart)');
    }
    const problem = KubernetesNames.namespaceProblem(namespace);
    if (problem) throw new PropertyError(TYPE, this, 'namespace', problem);
    return namespace;
  }

  private validateReplicas(replicas: number): number {
    if (!Number.isInteger(replicas) || replicas < 1) {
      throw new PropertyError(TYPE, this, 'replicas', `${replicas} is not allowed (allowed: a whole number, at least 1; an operator with no pod reconciles nothing)`);
    }
    return replicas;
  }

  private resolveLeaderElection(given: boolean | undefined, replicas: number): boolean {
    if (given === false && replicas > 1) {
      throw new PropertyError(TYPE, this, 'leaderElection', `false with ${replicas} replicas is refused: every replica would reconcile the same objects at once (allowed: true, or replicas 1)`);
    }
    return given ?? replicas > 1;
  }

  /** The watched namespaces (empty for all namespaces). */
  private validateWatchScope(scope: WatchScope): string[] {
    switch (scope.kind) {
      case WatchScopeKind.OWN_NAMESPACE:
        return [this.namespace];
      case WatchScopeKind.ALL_NAMESPACES: {
        const justification = scope.justification;
        const problem = justification === undefined ? undefined : ConstructSuppressions.problem({ rule: CLUSTER_SCOPE_RULE, reason: justification });
        if (problem) throw new PropertyError(TYPE, this, 'watch', `WatchScope.allNamespaces(): justification ${problem}`);
        return [];
      }
      default: {
        if (scope.namespaceNames.length === 0) {
          throw new PropertyError(TYPE, this, 'watch', 'lists no namespace (allowed: one or more namespace names; WatchScope.allNamespaces() to watch every namespace)');
        }
        const seen = new Set<string>();
        for (const namespace of scope.namespaceNames) {
          const problem = KubernetesNames.namespaceProblem(namespace);
          if (problem) throw new PropertyError(TYPE, this, 'watch', `namespace ${problem}`);
          if (seen.has(namespace)) throw new PropertyError(TYPE, this, 'watch', `lists namespace '${namespace}' twice`);
          seen.add(namespace);
        }
        return [...scope.namespaceNames];
      }
    }
  }

  private validatePort(property: string, port: number): number {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new PropertyError(TYPE, this, property, `${port} is not a port (allowed: 1..65535)`);
    }
    return port;
  }

  private validatePermissions(permissions: Permission[], clusterPermissions: Permission[]): void {
    if (permissions.length === 0) {
      throw new PropertyError(TYPE, this, 'permissions', 'is empty: an operator watches resources, so list what the manager needs in the watched namespaces, e.g. Permission.reconcile(widgets), Permission.updateStatus(widgets), Permission.events()');
    }
    permissions.forEach((permission, i) => {
      const cluster = permission._entries().filter((e) => e.clusterScoped).map((e) => e.resource);
      if (cluster.length > 0) {
        throw new PropertyError(TYPE, this, `permissions[${i}]`, `${permission.description} names cluster-scoped ${cluster.join(', ')}: put it in clusterPermissions (a Role cannot grant cluster-scoped resources)`);
      }
    });
    clusterPermissions.forEach((permission, i) => {
      const namespaced = permission._entries().filter((e) => !e.clusterScoped).map((e) => e.resource);
      if (namespaced.length > 0) {
        throw new PropertyError(TYPE, this, `clusterPermissions[${i}]`, `${permission.description} names namespaced ${namespaced.join(', ')}: put it in permissions, which are granted only in the watched namespaces`);
      }
    });
  }

  private validateSidecars(sidecars: kplus.ContainerProps[]): kplus.ContainerProps[] {
    const seen = new Set<string>([MANAGER]);
    sidecars.forEach((sidecar, i) => {
      if (sidecar.name === undefined) {
        throw new PropertyError(TYPE, this, `sidecars[${i}].name`, 'is not set (allowed: a container name other than \'manager\'; tokenContainers refers to it)');
      }
      if (seen.has(sidecar.name)) {
        throw new PropertyError(TYPE, this, `sidecars[${i}].name`, `'${sidecar.name}' is already a container of the pod (allowed: a unique name other than 'manager')`);
      }
      seen.add(sidecar.name);
    });
    return sidecars;
  }

  private validateTokenContainers(names: string[], sidecars: kplus.ContainerProps[]): string[] {
    const known = [MANAGER, ...sidecars.map((s) => s.name!)];
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw new PropertyError(TYPE, this, 'tokenContainers', `names '${unknown[0]}', which is not a container of the pod (containers: ${known.map((n) => `'${n}'`).join(', ')})`);
    }
    if (!names.includes(MANAGER)) {
      throw new PropertyError(TYPE, this, 'tokenContainers', `[${names.map((n) => `'${n}'`).join(', ')}] leaves out 'manager', which calls the API server (allowed: 'manager' plus any sidecar that also calls it)`);
    }
    return [...names];
  }
}

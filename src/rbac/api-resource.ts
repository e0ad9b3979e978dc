import { WILDCARD } from './policy-rule';
import { KnownResources } from '../k8s/known-resources';
import { KubernetesNames } from '../k8s/names';

/** A resource of a custom API group, e.g. a CRD. */
export interface CustomResourceOptions {
  /**
   * The API group, e.g. `example.com`. Use `""` for the core group.
   */
  readonly apiGroup: string;

  /**
   * The lowercase plural resource name, optionally with a subresource: `widgets`, `widgets/status`.
   */
  readonly resource: string;

  /**
   * Whether the resource is cluster-scoped (not in a namespace). Cluster-scoped resources are
   * granted through a ClusterRole, because a Role cannot grant them.
   *
   * @default false
   */
  readonly clusterScoped?: boolean;
}

const RESOURCE_SEGMENT = /^[a-z][a-z0-9]*$/;

/**
 * A Kubernetes API resource an RBAC rule can name: its API group and its lowercase plural name,
 * optionally with a subresource (`pods/log`, `deployments/status`). The well-known resources are
 * constants, so `ApiResource.DEPLOYMENTS` is in `apps` without anyone having to remember it;
 * CRDs use `ApiResource.custom()`.
 */
export class ApiResource {
  /** `pods` (core). */
  public static readonly PODS = ApiResource.known('pods');
  /** `pods/log` (core): reading container logs. */
  public static readonly PODS_LOG = ApiResource.known('pods').subresource('log');
  /** `services` (core). */
  public static readonly SERVICES = ApiResource.known('services');
  /** `endpoints` (core). */
  public static readonly ENDPOINTS = ApiResource.known('endpoints');
  /** `configmaps` (core). */
  public static readonly CONFIG_MAPS = ApiResource.known('configmaps');
  /** `secrets` (core). Reading them is a catalogued risk (`rbac/secrets-access`). */
  public static readonly SECRETS = ApiResource.known('secrets');
  /** `serviceaccounts` (core). */
  public static readonly SERVICE_ACCOUNTS = ApiResource.known('serviceaccounts');
  /** `persistentvolumeclaims` (core). */
  public static readonly PERSISTENT_VOLUME_CLAIMS = ApiResource.known('persistentvolumeclaims');
  /** `events` (core). */
  public static readonly EVENTS = ApiResource.known('events');
  /** `namespaces` (core, cluster-scoped). */
  public static readonly NAMESPACES = ApiResource.known('namespaces');
  /** `nodes` (core, cluster-scoped). */
  public static readonly NODES = ApiResource.known('nodes');
  /** `persistentvolumes` (core, cluster-scoped). */
  public static readonly PERSISTENT_VOLUMES = ApiResource.known('persistentvolumes');
  /** `deployments` (apps). */
  public static readonly DEPLOYMENTS = ApiResource.known('deployments');
  /** `statefulsets` (apps). */
  public static readonly STATEFUL_SETS = ApiResource.known('statefulsets');
  /** `daemonsets` (apps). */
  public static readonly DAEMON_SETS = ApiResource.known('daemonsets');
  /** `replicasets` (apps). */
  public static readonly REPLICA_SETS = ApiResource.known('replicasets');
  /** `jobs` (batch). */
  public static readonly JOBS = ApiResource.known('jobs');
  /** `cronjobs` (batch). */
  public static readonly CRON_JOBS = ApiResource.known('cronjobs');
  /** `horizontalpodautoscalers` (autoscaling). */
  public static readonly HORIZONTAL_POD_AUTOSCALERS = ApiResource.known('horizontalpodautoscalers');
  /** `poddisruptionbudgets` (policy). */
  public static readonly POD_DISRUPTION_BUDGETS = ApiResource.known('poddisruptionbudgets');
  /** `ingresses` (networking.k8s.io). */
  public static readonly INGRESSES = ApiResource.known('ingresses');
  /** `networkpolicies` (networking.k8s.io). */
  public static readonly NETWORK_POLICIES = ApiResource.known('networkpolicies');
  /** `endpointslices` (discovery.k8s.io). */
  public static readonly ENDPOINT_SLICES = ApiResource.known('endpointslices');
  /** `leases` (coordination.k8s.io). */
  public static readonly LEASES = ApiResource.known('leases');
  /** `roles` (rbac.authorization.k8s.io). */
  public static readonly ROLES = ApiResource.known('roles');
  /** `rolebindings` (rbac.authorization.k8s.io). */
  public static readonly ROLE_BINDINGS = ApiResource.known('rolebindings');
  /** `customresourcedefinitions` (apiextensions.k8s.io, cluster-scoped). */
  public static readonly CUSTOM_RESOURCE_DEFINITIONS = ApiResource.known('customresourcedefinitions');

  /**
   * A well-known resource by its plural name: `ApiResource.of('deployments')` is in `apps`.
   * A subresource is allowed: `ApiResource.of('pods/log')`. An unknown name is refused with a
   * suggestion; use `custom()` for CRDs.
   */
  public static of(resource: string): ApiResource {
    const [base, sub, ...rest] = resource.split('/');
    const known = KnownResources.byName(base);
    if (!known || rest.length > 0) {
      const suggestion = KnownResources.suggestPlural(base);
      const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
      throw new Error(`ApiResource.of: resource '${resource}' is not a well-known Kubernetes resource${hint}; use ApiResource.custom({ apiGroup, resource }) for custom resources`);
    }
    const resourceOf = new ApiResource(known.apiGroup, known.resource, known.clusterScoped);
    return sub === undefined ? resourceOf : resourceOf.subresource(sub);
  }

  /**
   * A resource of any API group (a CRD, or a core resource this library has no constant for).
   * Its names are checked when a grant uses it.
   */
  public static custom(options: CustomResourceOptions): ApiResource {
    return new ApiResource(options.apiGroup, options.resource, options.clusterScoped ?? false);
  }

  private static known(name: string): ApiResource {
    const known = KnownResources.byName(name)!;
    return new ApiResource(known.apiGroup, known.resource, known.clusterScoped);
  }

  private constructor(
    /** The API group (`""` for core). */
    public readonly apiGroup: string,
    /** The resource as RBAC writes it: plural, lowercase, with `/subresource` if any. */
    public readonly resource: string,
    /** Whether the resource is cluster-scoped. */
    public readonly clusterScoped: boolean,
  ) {}

  /** The subresource of this resource, e.g. `ApiResource.DEPLOYMENTS.subresource('status')` is `deployments/status`. */
  public subresource(name: string): ApiResource {
    return new ApiResource(this.apiGroup, `${this.resource}/${name}`, this.clusterScoped);
  }

  /** `apps/deployments` style, `core/pods` for the core group. */
  public toString(): string {
    return `${this.apiGroup === '' ? 'core' : this.apiGroup}/${this.resource}`;
  }

  /**
   * What is wrong with the names, as `field value problem` sentences (empty when valid).
   * Wildcards are reported separately, by `wildcards()`.
   * @internal
   */
  public _problems(): string[] {
    const problems: string[] = [];
    if (this.apiGroup !== '' && this.apiGroup !== WILDCARD && !KubernetesNames.isDnsSubdomain(this.apiGroup)) {
      problems.push(`apiGroup '${this.apiGroup}' is not a valid API group: use "" for core or a lowercase DNS name such as 'example.com'`);
    }
    const segments = this.resource.split('/');
    const valid = segments.length <= 2 && segments.every((segment, i) =>
      RESOURCE_SEGMENT.test(segment) || (segment === WILDCARD && (i === 0 || segments.length === 1)));
    if (!valid) {
      const suggestion = KnownResources.suggestPlural(segments[0]);
      const hint = suggestion && suggestion !== segments[0] ? ` (did you mean '${suggestion}'?)` : '';
      problems.push(`resource '${this.resource}' must be a lowercase plural resource name, optionally with one '/subresource' (e.g. 'deployments', 'pods/log')${hint}`);
    } else if (segments[0] !== WILDCARD && !KnownResources.byName(segments[0])) {
      // A known Kind in the singular is the most common slip: `deployment` for `deployments`.
      const suggestion = KnownResources.suggestPlural(segments[0]);
      if (suggestion && suggestion !== segments[0]) {
        problems.push(`resource '${this.resource}' must be the plural resource name: did you mean '${suggestion}'?`);
      }
    }
    return problems;
  }

  /** Which names are wildcards, as `field 'value'` strings. @internal */
  public _wildcards(): string[] {
    const found: string[] = [];
    if (this.apiGroup === WILDCARD) found.push(`apiGroup '${this.apiGroup}'`);
    if (this.resource.includes(WILDCARD)) found.push(`resource '${this.resource}'`);
    return found;
  }
}

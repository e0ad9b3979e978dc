import { ApiObject, Chart, JsonPatch, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KubeLimitRange, KubeNetworkPolicy, KubeResourceQuota, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { PropertyError } from '../errors';
import { KubernetesNames } from '../k8s/names';
import { PodSecurityVersion } from '../k8s/pod-security-version';
import { definedMetadata } from '../metadata';

/** Which traffic the namespace's default-deny NetworkPolicy blocks. */
export enum DefaultDenyTraffic {
  /** All ingress to every pod of the namespace; egress stays open. */
  INGRESS = 'INGRESS',
  /** All ingress and all egress (DNS included) of every pod, until other policies allow some. */
  INGRESS_AND_EGRESS = 'INGRESS_AND_EGRESS',
}

/** The total compute a namespace may request and use (a ResourceQuota). */
export interface ResourceQuotaOptions {
  /**
   * `requests.cpu` and `limits.cpu`: the sum over all pods of the namespace.
   *
   * @default - no CPU quota
   */
  readonly cpu?: kplus.CpuResources;

  /**
   * `requests.memory` and `limits.memory`: the sum over all pods of the namespace.
   *
   * @default - no memory quota
   */
  readonly memory?: kplus.MemoryResources;

  /**
   * The number of pods (not terminated) the namespace may hold.
   *
   * @default - no pod count quota
   */
  readonly pods?: number;
}

/** Options for `SecureNamespace`. */
export interface SecureNamespaceProps extends kplus.NamespaceProps {
  /**
   * The Pod Security Standards version of the `enforce-version`, `audit-version` and
   * `warn-version` labels: `latest` or a Kubernetes minor version such as `v1.30`.
   *
   * @default 'latest'
   */
  readonly podSecurityVersion?: string;

  /**
   * A NetworkPolicy `default-deny-ingress` (or `default-deny-all`) selecting every pod of the
   * namespace and allowing nothing: other NetworkPolicies then allow what is needed.
   *
   * @default - no NetworkPolicy
   */
  readonly defaultDeny?: DefaultDenyTraffic;

  /**
   * Default requests (`defaultRequest`) and limits (`default`) for containers that set none, as
   * a LimitRange `container-defaults`. Each request must not exceed its limit.
   *
   * @default - no LimitRange
   */
  readonly containerDefaults?: kplus.ContainerResources;

  /**
   * The total compute of the namespace, as a ResourceQuota `compute-quota`.
   *
   * @default - no ResourceQuota
   */
  readonly resourceQuota?: ResourceQuotaOptions;
}

/** A quantity as written (`500m`, `256Mi`) and its value in one unit, to compare request and limit. */
interface Amount {
  readonly text: string;
  readonly value: number;
}

const TYPE = 'SecureNamespace';
const POD_SECURITY_PREFIX = 'pod-security.kubernetes.io/';
const POD_SECURITY_MODES = ['enforce', 'audit', 'warn'];

/**
 * A Namespace where the secure choice is the default for everything that runs in it:
 *
 * - Pod Security admission `restricted`, in all three modes (`enforce`, `audit`, `warn`), at
 *   the version `podSecurityVersion` (labels `pod-security.kubernetes.io/<mode>` and
 *   `pod-security.kubernetes.io/<mode>-version`);
 * - its `default` ServiceAccount with `automountServiceAccountToken: false` (CIS 5.1.5), so a
 *   pod that names no ServiceAccount gets no token. Kubernetes creates that account in every
 *   namespace; applying this object sets the field on it;
 * - optionally a default-deny NetworkPolicy, a LimitRange of container defaults and a
 *   ResourceQuota.
 *
 * The name defaults to the chart's namespace, so every namespaced object of the chart lands in
 * it. `SecureNamespace.of(scope)` finds it from any construct of the chart. Its other objects
 * are written after the Namespace.
 */
export class SecureNamespace extends kplus.Namespace {
  /**
   * The SecureNamespace of the scope's chart: the one named after the chart's namespace, or, in
   * a chart without a namespace, the chart's only SecureNamespace.
   *
   * @throws PropertyError when there is none, or several and none is the chart's namespace
   */
  public static of(scope: IConstruct): SecureNamespace {
    const { found, chart, candidates } = SecureNamespace.lookup(scope);
    if (found) return found;
    const names = candidates.map((ns) => `'${ns.name}'`).join(', ') || 'none';
    const wanted = chart.namespace === undefined ? 'the chart has no namespace and not exactly one SecureNamespace' : `none is named after the chart's namespace '${chart.namespace}'`;
    throw new PropertyError(TYPE, chart, 'of()', `finds no SecureNamespace: ${wanted} (SecureNamespaces in the chart: ${names})`);
  }

  /** Like `of`, but `undefined` instead of an error. */
  public static tryOf(scope: IConstruct): SecureNamespace | undefined {
    return SecureNamespace.lookup(scope).found;
  }

  private static lookup(scope: IConstruct): { found?: SecureNamespace; chart: Chart; candidates: SecureNamespace[] } {
    const chart = Chart.of(scope);
    const candidates = chart.node.findAll().filter((c): c is SecureNamespace => c instanceof SecureNamespace && Chart.of(c) === chart);
    const found = chart.namespace !== undefined
      ? candidates.find((ns) => ns.name === chart.namespace)
      : (candidates.length === 1 ? candidates[0] : undefined);
    return { found, chart, candidates };
  }

  private static podSecurityLabels(path: string, version: string): Record<string, string> {
    // Admission falls back to `latest` for a version label it cannot parse (and reports an error): refuse it here.
    if (!PodSecurityVersion.isLabelValue(version)) {
      throw new PropertyError(TYPE, path, 'podSecurityVersion', `'${version}' is not a Pod Security version (allowed: 'latest' or 'v1.<minor>', e.g. 'v1.30')`);
    }
    const labels: Record<string, string> = {};
    for (const mode of POD_SECURITY_MODES) {
      labels[`${POD_SECURITY_PREFIX}${mode}`] = 'restricted';
      labels[`${POD_SECURITY_PREFIX}${mode}-version`] = version;
    }
    return labels;
  }

  private static limitRangeItem(path: string, resources: kplus.ContainerResources) {
    const limits: Record<string, Quantity> = {};
    const requests: Record<string, Quantity> = {};
    const pairs: Array<[string, string, Amount | undefined, Amount | undefined]> = [
      ['cpu', 'cpu', SecureNamespace.cpu(path, 'containerDefaults.cpu', resources.cpu?.request), SecureNamespace.cpu(path, 'containerDefaults.cpu', resources.cpu?.limit)],
      ['memory', 'memory', SecureNamespace.size(path, 'containerDefaults.memory', resources.memory?.request), SecureNamespace.size(path, 'containerDefaults.memory', resources.memory?.limit)],
      ['ephemeral-storage', 'ephemeralStorage', SecureNamespace.size(path, 'containerDefaults.ephemeralStorage', resources.ephemeralStorage?.request), SecureNamespace.size(path, 'containerDefaults.ephemeralStorage', resources.ephemeralStorage?.limit)],
    ];
    for (const [key, property, request, limit] of pairs) {
      if (request && limit && request.value > limit.value) {
        throw new PropertyError(TYPE, path, `containerDefaults.${property}`, `request ${request.text} is above the limit ${limit.text} (Kubernetes refuses a LimitRange whose default request exceeds its default limit)`);
      }
      if (request) requests[key] = Quantity.fromString(request.text);
      if (limit) limits[key] = Quantity.fromString(limit.text);
    }
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) {
      throw new PropertyError(TYPE, path, 'containerDefaults', 'sets no request or limit (allowed: cpu, memory or ephemeralStorage with a request, a limit or both)');
    }
    return {
      type: 'Container',
      ...(Object.keys(limits).length > 0 ? { default: limits } : {}),
      ...(Object.keys(requests).length > 0 ? { defaultRequest: requests } : {}),
    };
  }

  private static quotaHard(path: string, quota: ResourceQuotaOptions): Record<string, Quantity> {
    const hard: Record<string, Quantity> = {};
    const amounts: Array<[string, Amount | undefined]> = [
      ['requests.cpu', SecureNamespace.cpu(path, 'resourceQuota.cpu', quota.cpu?.request)],
      ['limits.cpu', SecureNamespace.cpu(path, 'resourceQuota.cpu', quota.cpu?.limit)],
      ['requests.memory', SecureNamespace.size(path, 'resourceQuota.memory', quota.memory?.request)],
      ['limits.memory', SecureNamespace.size(path, 'resourceQuota.memory', quota.memory?.limit)],
    ];
    for (const [key, amount] of amounts) {
      if (amount) hard[key] = Quantity.fromString(amount.text);
    }
    if (quota.pods !== undefined) {
      if (!Number.isInteger(quota.pods) || quota.pods < 0) {
        throw new PropertyError(TYPE, path, 'resourceQuota.pods', `${quota.pods} is not a pod count (allowed: a whole number, 0 or more)`);
      }
      hard.pods = Quantity.fromNumber(quota.pods);
    }
    if (Object.keys(hard).length === 0) {
      throw new PropertyError(TYPE, path, 'resourceQuota', 'sets nothing (allowed: cpu, memory or pods)');
    }
    return hard;
  }

  /** CPU as cdk8s-plus writes it: `Cpu.millis(n)` is `nm`, `Cpu.units(n)` is `n` (cores). */
  private static cpu(path: string, property: string, cpu: kplus.Cpu | undefined): Amount | undefined {
    if (cpu === undefined) return undefined;
    const value = cpu.amount.endsWith('m') ? Number(cpu.amount.slice(0, -1)) / 1000 : Number(cpu.amount);
    if (!Number.isFinite(value) || value < 0) {
      throw new PropertyError(TYPE, path, property, `'${cpu.amount}' is not a CPU amount (allowed: Cpu.millis(n) or Cpu.units(n) with n >= 0)`);
    }
    return { text: cpu.amount, value };
  }

  /** Memory and storage in whole mebibytes, as cdk8s-plus writes container memory. */
  private static size(path: string, property: string, size: Size | undefined): Amount | undefined {
    if (size === undefined) return undefined;
    let mib: number;
    try {
      mib = size.toMebibytes();
    } catch {
      throw new PropertyError(TYPE, path, property, `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })} KiB is not a whole number of MiB (allowed: whole mebibytes)`);
    }
    if (mib < 0) {
      throw new PropertyError(TYPE, path, property, `${mib} MiB is negative (allowed: 0 or more)`);
    }
    return { text: `${mib}Mi`, value: mib };
  }

  /** The Pod Security version of the labels. */
  public readonly podSecurityVersion: string;
  /** The `default` ServiceAccount of the namespace, automount off (an L1 object). */
  public readonly defaultServiceAccount: ApiObject;
  /** The default-deny NetworkPolicy, when `defaultDeny` is set. */
  public readonly networkPolicy?: ApiObject;
  /** The LimitRange, when `containerDefaults` is set. */
  public readonly limitRange?: ApiObject;
  /** The ResourceQuota, when `resourceQuota` is set. */
  public readonly resourceQuota?: ApiObject;

  constructor(scope: Construct, id: string, props: SecureNamespaceProps = {}) {
    const path = `${scope.node.path}/${id}`.replace(/^\//, '');
    const name = props.metadata?.name ?? Chart.of(scope).namespace;
    if (name === undefined) {
      throw new PropertyError(TYPE, path, 'metadata.name', 'is not set and the chart has no namespace (allowed: a namespace name, here or on the chart)');
    }
    const nameProblem = KubernetesNames.namespaceProblem(name);
    if (nameProblem) throw new PropertyError(TYPE, path, 'metadata.name', nameProblem);
    if (props.metadata?.namespace !== undefined) {
      throw new PropertyError(TYPE, path, 'metadata.namespace', `'${props.metadata.namespace}' is set, but a Namespace is cluster-scoped (allowed: unset)`);
    }
    const given = Object.keys(props.metadata?.labels ?? {}).filter((key) => key.startsWith(POD_SECURITY_PREFIX));
    if (given.length > 0) {
      throw new PropertyError(TYPE, path, `metadata.labels['${given[0]}']`, `is set by ${TYPE} (restricted in every mode; choose the version with podSecurityVersion)`);
    }
    const version = props.podSecurityVersion ?? 'latest';
    const labels = { ...props.metadata?.labels, ...SecureNamespace.podSecurityLabels(path, version) };
    const limits = props.containerDefaults && SecureNamespace.limitRangeItem(path, props.containerDefaults);
    const hard = props.resourceQuota && SecureNamespace.quotaHard(path, props.resourceQuota);
    super(scope, id, { metadata: { ...definedMetadata(props.metadata), name, labels } });
    this.podSecurityVersion = version;
    // cdk8s gives every object its chart's namespace; a Namespace is cluster-scoped.
    if (Chart.of(this).namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    this.defaultServiceAccount = this.inNamespace(new KubeServiceAccount(this, 'DefaultServiceAccount', {
      metadata: { name: 'default', namespace: name },
      automountServiceAccountToken: false,
    }));
    if (props.defaultDeny !== undefined) {
      const egress = props.defaultDeny === DefaultDenyTraffic.INGRESS_AND_EGRESS;
      this.networkPolicy = this.inNamespace(new KubeNetworkPolicy(this, 'DefaultDeny', {
        metadata: { name: egress ? 'default-deny-all' : 'default-deny-ingress', namespace: name },
        spec: { podSelector: {}, policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'] },
      }));
    }
    if (limits) {
      this.limitRange = this.inNamespace(new KubeLimitRange(this, 'LimitRange', {
        metadata: { name: 'container-defaults', namespace: name },
        spec: { limits: [limits] },
      }));
    }
    if (hard) {
      this.resourceQuota = this.inNamespace(new KubeResourceQuota(this, 'ResourceQuota', {
        metadata: { name: 'compute-quota', namespace: name },
        spec: { hard },
      }));
    }
  }

  /** Written after the Namespace, which must exist first. */
  private inNamespace(object: ApiObject): ApiObject {
    object.node.addDependency(this.apiObject);
    return object;
  }
}

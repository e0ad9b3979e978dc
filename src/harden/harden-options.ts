import { ManifestIndex } from '../compliance/manifest-index';
import { PodTemplateSetting, SettingsError, SettingsModel } from '../compliance/settings';
import { KubernetesNames } from '../k8s/names';
import { Namespaces } from '../k8s/namespace';
import { PodTemplates } from '../k8s/pod-templates';
import { TokenLifetime } from '../k8s/token-lifetime';
import type { ManifestInput } from '../reader/input';

/**
 * The options of the rewrite, whichever door fills them: the `harden` command's flags, the
 * `harden` section of `.guardrails.yaml`, or `Harden` in TypeScript.
 *
 * The `harden` section of `.guardrails.yaml` has the same shape:
 *
 * ```yaml
 * harden:
 *   tokenTtlSeconds: 3600
 *   tokenContainers:
 *     Deployment/argocd/argocd-server: [argocd-server]
 *     CronJob/backup: [backup]        # Kind/name: the namespace of the run (--namespace)
 * ```
 */
export interface HardenOptions {
  /**
   * The containers that get the API token, per workload. A workload without a choice keeps the
   * token in every container that held one (nothing breaks); an empty list gives it to none.
   */
  readonly tokenContainers?: readonly TokenContainerChoice[];
  /**
   * The lifetime of the tokens the rewrite writes, and the longest an existing API token may keep
   * (longer ones, and 3607 s, are set to it). Default 3600.
   */
  readonly tokenTtlSeconds?: number;
  /** The namespace of namespaced objects that set none, as `kubectl apply -n` (default `default`). */
  readonly namespace?: string;
  /**
   * Kinds added to the table of where pods are (custom resources that run pods), as check's
   * `podTemplates` setting: their pods are hardened like a Deployment's.
   */
  readonly podTemplates?: readonly PodTemplateSetting[];
}

/** The containers of one workload that get the API token. */
export interface TokenContainerChoice {
  readonly workload: WorkloadName;
  /** Container names (init or regular); empty: no container gets the token. */
  readonly containers: readonly string[];
  /** Where the choice was written, for messages (e.g. `--token-containers Deployment/a=b`). */
  readonly origin?: string;
}

/** A workload as a user names it: `Kind/namespace/name`, or `Kind/name` for the run's namespace. */
export interface WorkloadName {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The options with every default applied. */
export interface ResolvedHardenOptions {
  readonly tokenContainers: readonly TokenContainerChoice[];
  readonly tokenTtlSeconds: number;
  readonly namespace: string;
  /** The table of where pods are: the library's, with `podTemplates` added. */
  readonly podTemplates: PodTemplates;
}

/** An option that cannot be used: which one (`tokenTtlSeconds`, `tokenContainers`, ...) and why. */
export class HardenOptionsError extends Error {
  constructor(public readonly option: keyof HardenOptions, public readonly problem: string) {
    super(`${option} ${problem}`);
    this.name = 'HardenOptionsError';
  }
}

/** Validation, defaults and the textual forms of the options. */
export class HardenOptionsModel {
  /** Applies the defaults and checks every value. @throws HardenOptionsError */
  public static resolve(options: HardenOptions = {}): ResolvedHardenOptions {
    const ttl = options.tokenTtlSeconds ?? TokenLifetime.DEFAULT_SECONDS;
    const ttlProblem = HardenOptionsModel.ttlProblem(ttl);
    if (ttlProblem) throw new HardenOptionsError('tokenTtlSeconds', ttlProblem);
    const namespace = options.namespace ?? Namespaces.DEFAULT;
    const namespaceProblem = KubernetesNames.namespaceProblem(namespace);
    if (namespaceProblem) throw new HardenOptionsError('namespace', namespaceProblem);
    const seen = new Map<string, TokenContainerChoice>();
    for (const choice of options.tokenContainers ?? []) {
      const key = HardenOptionsModel.workloadKey(choice.workload, namespace);
      const earlier = seen.get(key);
      if (earlier) {
        throw new HardenOptionsError('tokenContainers', `names ${HardenOptionsModel.formatWorkload(choice.workload)} twice (${earlier.origin ?? 'first'} and ${choice.origin ?? 'second'}): give its containers once`);
      }
      seen.set(key, choice);
      const twice = choice.containers.find((c, i) => choice.containers.indexOf(c) !== i);
      if (twice !== undefined) throw new HardenOptionsError('tokenContainers', `names container '${twice}' of ${HardenOptionsModel.formatWorkload(choice.workload)} twice`);
    }
    let podTemplates: PodTemplates;
    try {
      // Validated as check validates its setting, so both doors accept and refuse the same entries.
      const entries = SettingsModel.resolve({ podTemplates: options.podTemplates ? [...options.podTemplates] : undefined }).podTemplates;
      podTemplates = new PodTemplates(entries.map((entry) => ({ ...entry, source: 'settings: podTemplates' })));
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e;
      throw new HardenOptionsError('podTemplates', e.problem);
    }
    return { tokenContainers: options.tokenContainers ?? [], tokenTtlSeconds: ttl, namespace, podTemplates };
  }

  /** The objects indexed as the options read them: the run's namespace and table of where pods are. */
  public static index(inputs: readonly ManifestInput[], options: ResolvedHardenOptions): ManifestIndex {
    return new ManifestIndex(inputs, options.namespace, options.podTemplates);
  }

  /** Why a token lifetime cannot be used, or undefined (Kubernetes' bounds, and never the one-year sentinel). */
  public static ttlProblem(seconds: number): string | undefined {
    const problem = TokenLifetime.problem(seconds);
    if (problem) return problem;
    if (seconds === TokenLifetime.EXTENDED_SENTINEL_SECONDS) {
      return `${seconds}s is refused: with the default --service-account-extend-token-expiration the API server silently extends a ${seconds}s token to one year (use ${TokenLifetime.DEFAULT_SECONDS})`;
    }
    return undefined;
  }

  /**
   * Reads `Kind/namespace/name=container,container` (the `--token-containers` form; `Kind/name=...`
   * for the run's namespace; nothing after `=` for no container). @throws HardenOptionsError
   */
  public static parseChoice(spec: string, origin = `--token-containers ${spec}`): TokenContainerChoice {
    const at = spec.indexOf('=');
    if (at < 0) {
      throw new HardenOptionsError('tokenContainers', `'${spec}' is not allowed: expected KIND/NAMESPACE/NAME=CONTAINER[,CONTAINER...] (e.g. Deployment/argocd/argocd-server=argocd-server)`);
    }
    const workload = HardenOptionsModel.parseWorkload(spec.slice(0, at));
    const list = spec.slice(at + 1).trim();
    const containers = list === '' ? [] : list.split(',').map((c) => c.trim());
    return { workload, containers: HardenOptionsModel.checkContainers(containers, spec), origin };
  }

  /** Reads `Kind/namespace/name` or `Kind/name`. @throws HardenOptionsError */
  public static parseWorkload(text: string): WorkloadName {
    const parts = text.trim().split('/');
    if ((parts.length !== 2 && parts.length !== 3) || parts.some((p) => p.trim() === '')) {
      throw new HardenOptionsError('tokenContainers', `workload '${text}' is not allowed: expected KIND/NAMESPACE/NAME or KIND/NAME (e.g. Deployment/argocd/argocd-server)`);
    }
    const [kind, namespace, name] = parts.length === 3 ? parts.map((p) => p.trim()) : [parts[0].trim(), undefined, parts[1].trim()];
    return namespace === undefined ? { kind, name } : { kind, namespace, name };
  }

  /** `Kind/namespace/name` (or `Kind/name`), as the user writes it. */
  public static formatWorkload(workload: WorkloadName): string {
    return workload.namespace === undefined ? `${workload.kind}/${workload.name}` : `${workload.kind}/${workload.namespace}/${workload.name}`;
  }

  /** The identity a choice and an object share: kind (case-insensitive, as kubectl reads `deployment/x`), namespace, name. */
  public static workloadKey(workload: WorkloadName, defaultNamespace: string): string {
    return `${workload.kind.toLowerCase()}/${workload.namespace ?? defaultNamespace}/${workload.name}`;
  }

  private static checkContainers(containers: string[], spec: string): string[] {
    const bad = containers.find((c) => c === '');
    if (bad !== undefined) {
      throw new HardenOptionsError('tokenContainers', `'${spec}' has an empty container name: expected CONTAINER[,CONTAINER...] after '='`);
    }
    return containers;
  }

  private constructor() {}
}

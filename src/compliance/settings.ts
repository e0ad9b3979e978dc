import { ConfiguredSuppression, ConfiguredSuppressions } from './configured-suppressions';
import type { Finding, Report, Severity } from './model';
import { SEVERITIES } from './model';
import { Packs } from './packs';
import { RuleSelectors } from './rule-selector';
import { RuleRegistry } from './rules';
import { Suppressions } from './suppressions';
import { KubernetesNames } from '../k8s/names';
import { Namespaces } from '../k8s/namespace';
import { PodSecurityVersion } from '../k8s/pod-security-version';
import { TokenLifetime } from '../k8s/token-lifetime';
import { Glob } from '../reader/glob';

/** The lowest severity of an unsuppressed finding that fails a run, or `never`. */
export type FailOnLevel = Severity | 'never';

/** Every fail-on level, from the strictest threshold to none. */
export const FAIL_ON_LEVELS: readonly FailOnLevel[] = ['error', 'warning', 'info', 'never'];

/** A rule's severity, or `off` to disable it. */
export type RuleSetting = Severity | 'off';

/** Every value a rule setting may take. */
export const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

/**
 * How a check runs: one model for every door (synth time, CLI, cdk8s plugin; a configuration
 * file fills the same fields). Every field is optional; `Settings.resolve` applies the defaults.
 */
export interface Settings {
  /** Rule packs to run. Default `['recommended']`. */
  readonly packs?: readonly string[];
  /** The lowest severity of an unsuppressed finding that fails the run. Default `error`. */
  readonly failOn?: FailOnLevel;
  /**
   * Per-rule severity, or `off`. A setting for a rule outside the chosen packs turns it on.
   * Default: each pack's severity.
   */
  readonly severityOverrides?: Readonly<Record<string, RuleSetting>>;
  /** Pod Security Standards version (`latest` or `v1.N`) the `pss/*` rules follow. Default `latest`. */
  readonly podSecurityVersion?: string;
  /** Longest allowed projected token lifetime in seconds (`token/projected-ttl`). Default 3600. */
  readonly maxTokenTtlSeconds?: number;
  /** Audit mode: report every finding unsuppressed (suppressions are still validated). Default false. */
  readonly ignoreSuppressions?: boolean;
  /**
   * The namespace of namespaced objects that name none, as `kubectl apply -n` gives it.
   * Default `default`.
   */
  readonly namespace?: string;
  /** Files not to check: globs (`vendor/**\/kustomization.yaml`) matched against each file's path or any tail of it. Default none. */
  readonly exclude?: readonly string[];
  /** Suppressions by selector (rule or family, kind, namespace, name, file, target), with optional expiry. Default none. */
  readonly suppressions?: readonly ConfiguredSuppression[];
  /** Rule ids or families (`pss/*`) that no suppression may silence: their suppressions are refused. Default none. */
  readonly unsuppressible?: readonly string[];
  /**
   * Today, `YYYY-MM-DD` (UTC), for suppression expiry: a suppression applies through its
   * `expires` day. Default: the current date, read once when the settings are resolved.
   */
  readonly now?: string;
}

/** Settings with every default applied, validated. */
export interface ResolvedSettings {
  readonly packs: readonly string[];
  readonly failOn: FailOnLevel;
  readonly severityOverrides: Readonly<Record<string, RuleSetting>>;
  readonly podSecurityVersion: string;
  readonly maxTokenTtlSeconds: number;
  readonly ignoreSuppressions: boolean;
  readonly namespace: string;
  readonly exclude: readonly string[];
  readonly suppressions: readonly ConfiguredSuppression[];
  readonly unsuppressible: readonly string[];
  readonly now: string;
}

/** A setting that cannot be used: `setting` names it, `problem` gives the value and what is allowed. */
export class SettingsError extends Error {
  constructor(public readonly setting: string, public readonly problem: string) {
    super(`${setting} ${problem}`);
    this.name = 'SettingsError';
  }
}

/** The defaults of every setting. */
export const DEFAULT_SETTINGS: Omit<ResolvedSettings, 'now'> = {
  packs: [Packs.DEFAULT],
  failOn: 'error',
  severityOverrides: {},
  podSecurityVersion: 'latest',
  maxTokenTtlSeconds: TokenLifetime.DEFAULT_SECONDS,
  ignoreSuppressions: false,
  namespace: Namespaces.DEFAULT,
  exclude: [],
  suppressions: [],
  unsuppressible: [],
};

/** Validation, defaults and the fail-on decision shared by every door. */
export class SettingsModel {
  /**
   * Applies the defaults and validates every field.
   * @throws SettingsError naming the setting, the bad value and what is allowed
   */
  public static resolve(settings: Settings = {}): ResolvedSettings {
    const packs = settings.packs ?? DEFAULT_SETTINGS.packs;
    if (!Array.isArray(packs)) throw new SettingsError('packs', `${JSON.stringify(packs)} is not a list of pack names: use some of ${Packs.names().join(', ')}`);
    for (const pack of packs) {
      try {
        Packs.get(pack);
      } catch {
        throw new SettingsError('packs', `'${pack}' is not a compliance pack: use one of ${Packs.names().join(', ')}`);
      }
    }
    const failOn = settings.failOn ?? DEFAULT_SETTINGS.failOn;
    if (!FAIL_ON_LEVELS.includes(failOn)) {
      throw new SettingsError('failOn', `'${failOn}' is not allowed: use one of ${FAIL_ON_LEVELS.join(', ')}`);
    }
    const knownIds = RuleRegistry.ids();
    const severityOverrides = settings.severityOverrides ?? {};
    for (const [ruleId, value] of Object.entries(severityOverrides)) {
      const problem = Suppressions.ruleProblem(ruleId, knownIds);
      if (problem) throw new SettingsError('severityOverrides', `names ${problem}`);
      if (!RULE_SETTINGS.includes(value)) {
        throw new SettingsError(`severityOverrides['${ruleId}']`, `'${value}' is not a severity: use one of ${RULE_SETTINGS.join(', ')}`);
      }
    }
    const podSecurityVersion = settings.podSecurityVersion ?? DEFAULT_SETTINGS.podSecurityVersion;
    try {
      PodSecurityVersion.minor(podSecurityVersion);
    } catch (e) {
      throw new SettingsError('podSecurityVersion', (e as Error).message.replace(/^podSecurityVersion /, ''));
    }
    const maxTokenTtlSeconds = settings.maxTokenTtlSeconds ?? DEFAULT_SETTINGS.maxTokenTtlSeconds;
    const ttlProblem = typeof maxTokenTtlSeconds === 'number' ? TokenLifetime.problem(maxTokenTtlSeconds) : `${JSON.stringify(maxTokenTtlSeconds)} is not a whole number of seconds`;
    if (ttlProblem) throw new SettingsError('maxTokenTtlSeconds', ttlProblem);
    const namespace = settings.namespace ?? DEFAULT_SETTINGS.namespace;
    const namespaceProblem = typeof namespace === 'string' ? KubernetesNames.namespaceProblem(namespace) : `${JSON.stringify(namespace)} is not a namespace name`;
    if (namespaceProblem) throw new SettingsError('namespace', namespaceProblem);
    const exclude = SettingsModel.list('exclude', settings.exclude, (glob) => Glob.problem(glob));
    const suppressions = SettingsModel.list('suppressions', settings.suppressions, (s) => ConfiguredSuppressions.problem(s, knownIds));
    const unsuppressible = SettingsModel.list('unsuppressible', settings.unsuppressible, (selector) => RuleSelectors.problem(selector, knownIds));
    const now = settings.now ?? new Date().toISOString().slice(0, 10);
    const nowProblem = Suppressions.expiresProblem(now);
    if (nowProblem) throw new SettingsError('now', nowProblem.replace(/^expires /, ''));
    return {
      packs: [...new Set(packs)],
      failOn,
      severityOverrides: { ...severityOverrides },
      podSecurityVersion,
      maxTokenTtlSeconds,
      ignoreSuppressions: settings.ignoreSuppressions === true,
      namespace,
      exclude,
      suppressions,
      unsuppressible,
      now,
    };
  }

  /** True when an unsuppressed finding of this severity fails a run with this fail-on level. */
  public static fails(severity: Severity, failOn: FailOnLevel): boolean {
    return failOn !== 'never' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
  }

  /** The unsuppressed, unbaselined findings that fail a run with this fail-on level. */
  public static failing(findings: readonly Finding[], failOn: FailOnLevel): Finding[] {
    return findings.filter((f) => SettingsModel.counts(f) && SettingsModel.fails(f.severity, failOn));
  }

  /**
   * True when the run fails: an input could not be checked (whatever the level: an object that
   * was not checked must not pass), or an unsuppressed finding is at or above the level.
   */
  public static runFails(report: Report, failOn: FailOnLevel): boolean {
    return report.inputErrors.length > 0 || report.findings.some((f) => SettingsModel.counts(f) && SettingsModel.fails(f.severity, failOn));
  }

  /** True when a finding counts toward the exit code: neither suppressed nor accepted in a baseline. */
  public static counts(finding: Finding): boolean {
    return !finding.suppressed && finding.baselined !== true;
  }

  /** A list setting, each entry checked: the error names the entry (`suppressions[2]`). */
  private static list<T>(setting: string, value: readonly T[] | undefined, problemOf: (entry: T) => string | undefined): T[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new SettingsError(setting, `${JSON.stringify(value)} is not a list`);
    value.forEach((entry, i) => {
      const problem = problemOf(entry);
      if (problem) throw new SettingsError(`${setting}[${i}]`, problem);
    });
    return [...value];
  }

  private constructor() {}
}

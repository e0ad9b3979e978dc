import { RuleSelectors } from './rule-selector';
import { Suppressions } from './suppressions';
import { Glob } from '../reader/glob';

/**
 * A suppression written in the settings (the `suppressions` of `.guardrails.yaml`) rather than on
 * an object: it selects the findings it covers by rule (an id or a family such as `pss/*`) and,
 * optionally, by the object's kind, namespace, name (glob) and file (glob), and the finding's target.
 */
export interface ConfiguredSuppression {
  /** A rule id (`rbac/secrets-access`) or a family (`pss/*`). */
  readonly rule: string;
  /** Why the findings are acceptable: a sentence. */
  readonly reason: string;
  /** Only objects of this kind (exact, e.g. `ClusterRole`). */
  readonly kind?: string;
  /** Only objects in this namespace (as `kubectl apply -n` puts them). */
  readonly namespace?: string;
  /** Only objects whose name matches this glob (`vendor-*`). */
  readonly name?: string;
  /** Only objects read from a file matching this glob (`vendor/**`). */
  readonly file?: string;
  /** Only the finding with this target (a container, a `verb resource` permission, a subject). */
  readonly target?: string;
  /** The last day (`YYYY-MM-DD`, UTC) it applies; afterwards `guardrails/expired-suppression` reports it. */
  readonly expires?: string;
  /** Where it was written, for messages (e.g. `.guardrails.yaml:12`). */
  readonly origin?: string;
}

/** What a configured suppression is matched against. */
export interface SuppressedObject {
  readonly kind: string;
  readonly name: string;
  /** The namespace the object lives in (its own, else the run's for namespaced kinds). */
  readonly namespace?: string;
  readonly file?: string;
}

const STRING_KEYS = ['kind', 'namespace', 'name', 'file', 'target', 'origin'] as const;

/** Validation and matching of the configured suppressions. */
export class ConfiguredSuppressions {
  /** Why a configured suppression cannot be accepted, or undefined. */
  public static problem(s: ConfiguredSuppression, knownIds: readonly string[]): string | undefined {
    if (s === null || typeof s !== 'object') return `${JSON.stringify(s)} is not a suppression: write { rule, reason, ... }`;
    const ruleProblem = RuleSelectors.problem(s.rule, knownIds);
    if (ruleProblem) return ruleProblem;
    const reasonProblem = Suppressions.reasonProblem(s.reason);
    if (reasonProblem) return reasonProblem;
    for (const key of STRING_KEYS) {
      const value = s[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) return `${key} ${JSON.stringify(value)} must be a non-empty string`;
    }
    return s.expires !== undefined ? Suppressions.expiresProblem(s.expires) : undefined;
  }

  /** True when the suppression covers a finding of `ruleId` with `target` on `object` (expiry aside). */
  public static matches(s: ConfiguredSuppression, ruleId: string, target: string | undefined, object: SuppressedObject): boolean {
    return RuleSelectors.matches(s.rule, ruleId)
      && (s.target === undefined || s.target === target)
      && (s.kind === undefined || s.kind === object.kind)
      && (s.namespace === undefined || s.namespace === object.namespace)
      && (s.name === undefined || Glob.matchesName(s.name, object.name))
      && (s.file === undefined || (object.file !== undefined && Glob.matchesFile(s.file, object.file)));
  }

  /** `rbac/secrets-access on ClusterRole vendor-*` (and where it was written), for messages. */
  public static describe(s: ConfiguredSuppression): string {
    const selectors = [s.kind, s.namespace ? `namespace ${s.namespace}` : undefined, s.name, s.file ? `file ${s.file}` : undefined, s.target ? `target ${s.target}` : undefined]
      .filter((part) => part !== undefined);
    return `${s.rule}${selectors.length > 0 ? ` on ${selectors.join(' ')}` : ''}${s.origin ? ` (${s.origin})` : ''}`;
  }

  private constructor() {}
}

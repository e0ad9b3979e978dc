import type { ManifestIndex } from './manifest-index';
import type { Severity } from './model';

/** Options every rule may read; filled with defaults by the engine. */
export interface RuleOptions {
  /** Maximum projected token lifetime in seconds (`token/projected-ttl`). Default 3600. */
  readonly maxTokenTtlSeconds: number;
  /** Pod Security Standards version the `pss/*` rules follow (like PSA's `enforce-version`). */
  readonly podSecurityVersion: string;
}

/** One violation a rule reports; the engine turns it into a `Finding`. */
export interface Violation {
  /** Position of the offending object in `index.objects`. */
  readonly objectIndex: number;
  /** JSON pointer (RFC 6901) from the object root to the offending field. */
  readonly path: string;
  /** What is wrong and how to fix it, in one or two sentences. */
  readonly message: string;
  /** Narrows the violation within its object (container name, verb, subject) for suppressions. */
  readonly target?: string;
}

/**
 * A compliance rule: a pure function of the index. One rule per file, named after what it
 * checks; its id is stable (external tools and suppressions depend on it).
 */
export interface Rule {
  /** Stable id, `<family>/<name>`, e.g. `token/automount-pod`. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** Why it matters (a few sentences). */
  readonly rationale: string;
  /** How to fix it (a few sentences). */
  readonly remediation: string;
  /** CIS, Pod Security Standards, NSA, and equivalent checks in other tools. */
  readonly references: readonly string[];
  /**
   * `pod`: the rule walks `index.podSpecs` once and reports each violation on the object of the
   * pod spec it looks at (it may still look other objects up). The engine then runs it on
   * chunks of pod specs, together with the other pod rules, so that each pod spec is read while
   * it is in the CPU cache instead of once per rule. Unset: the rule sees the whole index.
   */
  readonly scope?: 'pod';
  /** Reports every violation in the input. Must not mutate the index. */
  check(index: ManifestIndex, options: RuleOptions): Violation[];
}

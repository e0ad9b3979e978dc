/**
 * The data model shared by the compliance engine, its rules, its reporters and its three doors
 * (synth-time aspect, CLI, cdk8s CLI plugin). Plain JSON in, plain JSON out: nothing here imports
 * cdk8s, so the engine runs over any YAML.
 *
 * These types are TypeScript-only (not part of the jsii API): manifests are arbitrary JSON.
 */
import type { ObjectRef } from '../k8s/manifest';
import type { InputError } from '../reader/input';

/** How serious a finding is. `error` fails synth and (by default) the CLI. */
export type Severity = 'error' | 'warning' | 'info';

/** Severities from the most to the least serious. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** One result of one rule on one object. The JSON reporter writes exactly these fields. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly suppressed: boolean;
  /** Why the finding is suppressed (only when suppressed). */
  readonly reason?: string;
  /** The object, with the namespace it lives in (as `kubectl apply [-n]` puts a namespace-less one). */
  readonly object: ObjectRef;
  readonly file?: string;
  /** The 1-based line of the field the finding points at (of the object when the field cannot be located). */
  readonly line?: number;
  /** The 1-based column of that field, when located. */
  readonly column?: number;
  readonly constructPath?: string;
  /** JSON pointer (RFC 6901) to the offending field within the object. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
  /**
   * Narrows the finding within its object (a container name, a verb, a subject) so that a
   * suppression can target exactly this finding.
   */
  readonly target?: string;
  /** True when the finding is accepted in the baseline (`--baseline`): reported, but it does not fail the run. */
  readonly baselined?: boolean;
  /** What else to know, e.g. that a suppression was refused by policy (`unsuppressible`). */
  readonly note?: string;
}

/**
 * A finding as a baseline records it: what identifies it across runs (rule, object identity
 * without the API version, field and target), never a line number or a position in the stream.
 */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly object: {
    /** The API group (`apps`, `rbac.authorization.k8s.io`; empty for the core group). */
    readonly group: string;
    readonly kind: string;
    readonly namespace?: string;
    readonly name: string;
  };
  readonly path: string;
  readonly target?: string;
  /** The message when it was recorded (for people; not part of the identity). */
  readonly message?: string;
}

/** Counts in a report's summary. */
export interface ReportSummary {
  readonly objects: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  /** Findings accepted in the baseline (only when a baseline was given; not counted as errors, warnings or infos). */
  readonly baselined?: number;
}

/** The outcome of one engine run; the JSON reporter serializes this as is. */
export interface Report {
  readonly summary: ReportSummary;
  readonly findings: Finding[];
  readonly inputErrors: InputError[];
  /** Findings of the baseline that no longer occur (only when a baseline was given). */
  readonly fixed?: BaselineEntry[];
  /**
   * How many namespaced objects set no namespace and so were checked in `namespace`, where
   * `kubectl apply [-n]` puts them (absent when every object names its namespace).
   */
  readonly defaultedNamespace?: { readonly namespace: string; readonly objects: number };
}

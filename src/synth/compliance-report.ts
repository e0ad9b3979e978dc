/**
 * The public (jsii) shape of the engine's report, as `Guardrails.of(app).report()` returns it.
 *
 * These structs describe the very object the engine builds and the reporters render
 * (`Report` in `src/compliance/model.ts`): `report()` returns that object, not a copy, and the
 * compiler checks that it fits these types. jsii allows no string-literal unions, so `severity`
 * is declared as a string here.
 */

/** Identifies the object a finding is about. */
export interface ComplianceObjectRef {
  /** The object's `apiVersion`, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's `kind`, e.g. `Deployment`. */
  readonly kind: string;
  /**
   * The namespace the manifest sets.
   * @default - none: a cluster-scoped object, or a namespaced one that sets no namespace
   */
  readonly namespace?: string;
  /** The object's `metadata.name`. */
  readonly name: string;
}

/** One result of one rule on one object. */
export interface ComplianceFinding {
  /** The rule id, e.g. `token/automount-pod`. */
  readonly ruleId: string;
  /** `error`, `warning` or `info`. */
  readonly severity: string;
  /** True when a suppression covers the finding (it is still reported). */
  readonly suppressed: boolean;
  /**
   * Why the finding is suppressed.
   * @default - none: the finding is not suppressed
   */
  readonly reason?: string;
  /** The object the finding is about. */
  readonly object: ComplianceObjectRef;
  /**
   * The file the object was read from (command line only).
   * @default - none at synth time
   */
  readonly file?: string;
  /**
   * The line where the object's document starts in `file` (command line only).
   * @default - none at synth time
   */
  readonly line?: number;
  /**
   * The path of the construct that wrote the object (synth time).
   * @default - none for objects read from files
   */
  readonly constructPath?: string;
  /** JSON pointer (RFC 6901) to the offending field within the object, e.g. `/spec/template/spec`. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
  /**
   * What the finding is about within its object (a container name, a `verb resource`
   * permission, a subject): what a suppression's `target` names.
   * @default - the whole object
   */
  readonly target?: string;
}

/** The counts of a compliance report. */
export interface ComplianceReportSummary {
  /** Objects checked. */
  readonly objects: number;
  /** Unsuppressed findings of severity `error`. */
  readonly errors: number;
  /** Unsuppressed findings of severity `warning`. */
  readonly warnings: number;
  /** Unsuppressed findings of severity `info`. */
  readonly infos: number;
  /** Suppressed findings, whatever their severity. */
  readonly suppressed: number;
}

/** An object that could not be checked. */
export interface ComplianceInputError {
  /**
   * The file it was read from (command line only).
   * @default - none at synth time
   */
  readonly file?: string;
  /**
   * The line of the document in `file` (command line only).
   * @default - none at synth time
   */
  readonly line?: number;
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * The outcome of one check: what the reporters print and the JSON report writes
 * (`{ summary, findings, inputErrors }`).
 */
export interface ComplianceReport {
  /** The counts. */
  readonly summary: ComplianceReportSummary;
  /**
   * Every finding, suppressed ones included: by object (in the order the objects were written),
   * then by rule id, path and target.
   */
  readonly findings: ComplianceFinding[];
  /** The objects that could not be checked. */
  readonly inputErrors: ComplianceInputError[];
}

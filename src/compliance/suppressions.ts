import { ClosestName } from './closest-name';
import { YamlLibrary } from '../reader/yaml-library';

/** The annotation that suppresses findings on a YAML object (value: a JSON or YAML array). */
export const SUPPRESS_ANNOTATION = 'guardrails.cdk8s.io/suppress';

/** A reason shorter than this is not a sentence. */
export const MIN_REASON_LENGTH = 20;

/**
 * One suppression: findings of `rule` on the object it is attached to (and, on a construct, on
 * every child) are reported as suppressed with `reason`. With `target`, only the finding with
 * that target (a container name, a `verb resource` permission, a subject name) is suppressed.
 */
export interface SuppressionSpec {
  readonly rule: string;
  readonly reason: string;
  readonly target?: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the suppression applies; afterwards the finding counts again
   * and `guardrails/expired-suppression` reports the suppression.
   */
  readonly expires?: string;
}

/** The result of reading one suppression annotation. */
export interface ParsedAnnotation {
  readonly suppressions: SuppressionSpec[];
  /** What is wrong with each rejected entry (or with the whole value). */
  readonly problems: string[];
}

const ALLOWED_KEYS = new Set(['rule', 'reason', 'target', 'expires']);

/** A calendar date as YAML and JSON write it. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validation and matching of suppressions, shared by the engine, the aspect and the CLI. */
export class Suppressions {
  /** Why a reason is not acceptable, or undefined when it is (a sentence: >= 20 characters with a space). */
  public static reasonProblem(reason: unknown): string | undefined {
    if (typeof reason !== 'string') return 'a reason is required (a sentence explaining why the finding is acceptable)';
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON_LENGTH || !/\s/.test(trimmed)) {
      return `reason ${JSON.stringify(reason)} is too short: write a sentence of at least ${MIN_REASON_LENGTH} characters explaining why the finding is acceptable`;
    }
    return undefined;
  }

  /** Why an expiry date is not a `YYYY-MM-DD` calendar date, or undefined when it is. */
  public static expiresProblem(expires: unknown): string | undefined {
    const match = typeof expires === 'string' ? DATE.exec(expires) : null;
    if (match) {
      const date = new Date(`${expires as string}T00:00:00Z`);
      // Date rolls 2027-02-30 over into March: a date that does not round-trip does not exist.
      if (!Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === expires) return undefined;
    }
    return `expires ${JSON.stringify(expires)} is not a date: write YYYY-MM-DD (e.g. 2027-03-31)`;
  }

  /** True when a suppression with this expiry no longer applies on `today` (both `YYYY-MM-DD`): it applies through its last day. */
  public static isExpired(expires: string | undefined, today: string): boolean {
    return expires !== undefined && expires < today;
  }

  /** Why a rule id is not acceptable (unknown, with close ids), or undefined when it is known. */
  public static ruleProblem(ruleId: unknown, knownIds: readonly string[]): string | undefined {
    if (typeof ruleId !== 'string' || ruleId === '') return 'a rule id is required (e.g. "token/automount-pod")';
    if (knownIds.includes(ruleId)) return undefined;
    const close = Suppressions.closeIds(ruleId, knownIds);
    return `unknown rule id '${ruleId}'${close.length > 0 ? `; did you mean ${close.map((id) => `'${id}'`).join(', ')}?` : ''}`;
  }

  /**
   * Reads the value of the suppression annotation: a JSON or YAML array (or a single object) of
   * `{ rule, reason, target? }`. Every bad entry becomes a problem; the good ones still apply.
   */
  public static parseAnnotation(value: unknown, knownIds: readonly string[]): ParsedAnnotation {
    let parsed: unknown;
    try {
      parsed = typeof value === 'string' ? YamlLibrary.load().parse(value) : value;
    } catch (e) {
      return { suppressions: [], problems: [`annotation ${SUPPRESS_ANNOTATION} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`] };
    }
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    const suppressions: SuppressionSpec[] = [];
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      const where = `annotation ${SUPPRESS_ANNOTATION} entry ${i}`;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push(`${where} must be an object { "rule": "<id>", "reason": "<sentence>", "target"?: "<finding target>", "expires"?: "YYYY-MM-DD" }, got ${JSON.stringify(entry)}`);
        return;
      }
      const record = entry as Record<string, unknown>;
      const unknownKeys = Object.keys(record).filter((k) => !ALLOWED_KEYS.has(k));
      const problem = unknownKeys.length > 0
        ? `unknown key(s) ${unknownKeys.map((k) => `'${k}'`).join(', ')}; allowed: rule, reason, target, expires`
        : Suppressions.ruleProblem(record.rule, knownIds)
          ?? Suppressions.reasonProblem(record.reason)
          ?? (record.target !== undefined && typeof record.target !== 'string' ? `target must be a string, got ${JSON.stringify(record.target)}` : undefined)
          ?? (record.expires !== undefined ? Suppressions.expiresProblem(record.expires) : undefined);
      if (problem) {
        problems.push(`${where}: ${problem}`);
        return;
      }
      suppressions.push(Suppressions.normalized(record as unknown as SuppressionSpec));
    });
    return { suppressions, problems };
  }

  /**
   * Why a suppression cannot be accepted (unknown rule id, a reason that is not a sentence, an
   * empty target), or undefined when it can. Every door and every construct checks with this.
   */
  public static problem(spec: SuppressionSpec, knownIds: readonly string[]): string | undefined {
    const problem = Suppressions.ruleProblem(spec.rule, knownIds) ?? Suppressions.reasonProblem(spec.reason);
    if (problem) return problem;
    if (spec.target !== undefined && (typeof spec.target !== 'string' || spec.target.trim() === '')) {
      return `target must not be empty; omit it to suppress every finding of '${spec.rule}'`;
    }
    return spec.expires !== undefined ? Suppressions.expiresProblem(spec.expires) : undefined;
  }

  /**
   * The annotation value that holds `existing` (the annotation's current value, if any) and
   * `added`: a JSON array of `{ rule, reason, target? }`, without duplicates.
   */
  public static annotationValue(existing: string | undefined, added: readonly SuppressionSpec[]): string {
    // What is there is kept as written: the engine reports entries it cannot accept.
    const raw: unknown = existing === undefined ? [] : YamlLibrary.load().parse(existing);
    const entries: unknown[] = Array.isArray(raw) ? [...raw] : [raw];
    const same = (a: unknown, b: SuppressionSpec) => {
      const e = a as Partial<SuppressionSpec> | null;
      return e !== null && typeof e === 'object' && e.rule === b.rule && e.reason === b.reason && e.target === b.target && e.expires === b.expires;
    };
    for (const spec of added) {
      const normalized = Suppressions.normalized(spec);
      if (!entries.some((entry) => same(entry, normalized))) entries.push(normalized);
    }
    return JSON.stringify(entries);
  }

  /** The suppression with its reason trimmed and only the keys it sets, in the order rule, reason, target, expires. */
  public static normalized(spec: SuppressionSpec): SuppressionSpec {
    return {
      rule: spec.rule,
      reason: spec.reason.trim(),
      ...(spec.target !== undefined ? { target: spec.target } : {}),
      ...(spec.expires !== undefined ? { expires: spec.expires } : {}),
    };
  }

  /** True when the suppression covers a finding of `ruleId` with `target`. */
  public static matches(suppression: SuppressionSpec, ruleId: string, target: string | undefined): boolean {
    return suppression.rule === ruleId && (suppression.target === undefined || suppression.target === target);
  }

  /** Known ids that look like a typo of `id` (same name in another family, or at most `maxDistance` edits away). */
  public static closeIds(id: string, knownIds: readonly string[], maxDistance = Math.max(3, Math.floor(id.length / 3))): string[] {
    const name = id.split('/').pop() ?? id;
    const scored = knownIds
      // The same name in another family is the likeliest typo; otherwise a few edits away.
      .map((known) => ({ known, distance: known.endsWith(`/${name}`) ? 0 : ClosestName.distance(id, known) }))
      .filter((s) => s.distance <= maxDistance)
      .sort((a, b) => a.distance - b.distance || a.known.localeCompare(b.known));
    return scored.slice(0, 3).map((s) => s.known);
  }

  private constructor() {}
}

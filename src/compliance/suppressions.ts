/** The `yaml` package, loaded on first use: most runs hold no suppression annotation, and loading it costs the CLI's start-up. */
function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('yaml') as typeof import('yaml')).parse(text);
}

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
}

/** The result of reading one suppression annotation. */
export interface ParsedAnnotation {
  readonly suppressions: SuppressionSpec[];
  /** What is wrong with each rejected entry (or with the whole value). */
  readonly problems: string[];
}

const ALLOWED_KEYS = new Set(['rule', 'reason', 'target']);

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
      parsed = typeof value === 'string' ? parseYaml(value) : value;
    } catch (e) {
      return { suppressions: [], problems: [`annotation ${SUPPRESS_ANNOTATION} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`] };
    }
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    const suppressions: SuppressionSpec[] = [];
    const problems: string[] = [];
    entries.forEach((entry, i) => {
      const where = `annotation ${SUPPRESS_ANNOTATION} entry ${i}`;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push(`${where} must be an object { "rule": "<id>", "reason": "<sentence>", "target"?: "<finding target>" }, got ${JSON.stringify(entry)}`);
        return;
      }
      const record = entry as Record<string, unknown>;
      const unknownKeys = Object.keys(record).filter((k) => !ALLOWED_KEYS.has(k));
      const problem = unknownKeys.length > 0
        ? `unknown key(s) ${unknownKeys.map((k) => `'${k}'`).join(', ')}; allowed: rule, reason, target`
        : Suppressions.ruleProblem(record.rule, knownIds)
          ?? Suppressions.reasonProblem(record.reason)
          ?? (record.target !== undefined && typeof record.target !== 'string' ? `target must be a string, got ${JSON.stringify(record.target)}` : undefined);
      if (problem) {
        problems.push(`${where}: ${problem}`);
        return;
      }
      suppressions.push(record.target === undefined
        ? { rule: record.rule as string, reason: (record.reason as string).trim() }
        : { rule: record.rule as string, reason: (record.reason as string).trim(), target: record.target as string });
    });
    return { suppressions, problems };
  }

  /** True when the suppression covers a finding of `ruleId` with `target`. */
  public static matches(suppression: SuppressionSpec, ruleId: string, target: string | undefined): boolean {
    return suppression.rule === ruleId && (suppression.target === undefined || suppression.target === target);
  }

  /** Known ids that look like a typo of `id` (same name in another family, or a small edit distance). */
  public static closeIds(id: string, knownIds: readonly string[]): string[] {
    const name = id.split('/').pop() ?? id;
    const scored = knownIds
      // The same name in another family is the likeliest typo; otherwise a few edits away.
      .map((known) => ({ known, distance: known.endsWith(`/${name}`) ? 0 : editDistance(id, known) }))
      .filter((s) => s.distance <= Math.max(3, Math.floor(id.length / 3)))
      .sort((a, b) => a.distance - b.distance || a.known.localeCompare(b.known));
    return scored.slice(0, 3).map((s) => s.known);
  }

  private constructor() {}
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

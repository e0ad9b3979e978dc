import { createHash } from 'crypto';
import { compareCodeUnits } from '../string-order';
import type { BaselineEntry, Finding, Report } from './model';

/** What a baseline file holds. */
interface BaselineFile {
  readonly version: 1;
  readonly tool: 'cdk8s-guardrails';
  readonly findings: BaselineEntry[];
}

/** A baseline file that cannot be used: the message names what is wrong. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/**
 * Baselines: today's findings, recorded so that a later run fails only on new ones. A finding's
 * identity is its rule, its object (API group, kind, namespace, name: not the API version, which
 * an upgrade changes), the field (JSON pointer) and the target; never a file, line or position,
 * so reordering and reformatting the input keeps a baseline valid.
 */
export class Baselines {
  /** The identity of a finding as a baseline records it. */
  public static entryOf(finding: Finding): BaselineEntry {
    const o = finding.object;
    return {
      ruleId: finding.ruleId,
      object: { group: groupOf(o.apiVersion), kind: o.kind, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name },
      path: finding.path,
      ...(finding.target !== undefined ? { target: finding.target } : {}),
      message: finding.message,
    };
  }

  /** One string per identity: equal for the same finding in any run, different for any other. */
  public static key(entry: BaselineEntry): string {
    const o = entry.object;
    return [entry.ruleId, o.group, o.kind, o.namespace ?? '', o.name, entry.path, entry.target ?? ''].join('\u0000');
  }

  /** A stable fingerprint of a finding (hex SHA-256 of its identity), e.g. for SARIF `partialFingerprints`. */
  public static fingerprint(finding: Finding): string {
    return createHash('sha256').update(Baselines.key(Baselines.entryOf(finding))).digest('hex');
  }

  /** The baseline of a report: every finding that counts (unsuppressed), once, in a stable order. */
  public static entriesOf(findings: readonly Finding[]): BaselineEntry[] {
    const byKey = new Map<string, BaselineEntry>();
    for (const finding of findings) {
      if (finding.suppressed) continue;
      const entry = Baselines.entryOf(finding);
      const key = Baselines.key(entry);
      if (!byKey.has(key)) byKey.set(key, entry);
    }
    return [...byKey.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, entry]) => entry);
  }

  /**
   * The report judged against a baseline: unsuppressed findings in it are marked `baselined` (and
   * counted apart: they fail nothing), and its entries that no finding matches are listed as fixed.
   */
  public static apply(report: Report, baseline: readonly BaselineEntry[]): Report {
    const accepted = new Set(baseline.map(Baselines.key));
    const seen = new Set<string>();
    const findings = report.findings.map((finding) => {
      const key = Baselines.key(Baselines.entryOf(finding));
      seen.add(key);
      return !finding.suppressed && accepted.has(key) ? { ...finding, baselined: true } : finding;
    });
    let errors = 0, warnings = 0, infos = 0, baselined = 0;
    for (const f of findings) {
      if (f.suppressed) continue;
      if (f.baselined) baselined++;
      else if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
    return {
      summary: { ...report.summary, errors, warnings, infos, baselined },
      findings,
      inputErrors: report.inputErrors,
      fixed: baseline.filter((entry) => !seen.has(Baselines.key(entry))),
    };
  }

  /** The baseline file: JSON, one entry per finding, in a stable order (reviewable in a diff). */
  public static serialize(entries: readonly BaselineEntry[]): string {
    const file: BaselineFile = { version: 1, tool: 'cdk8s-guardrails', findings: [...entries] };
    return JSON.stringify(file, undefined, 2) + '\n';
  }

  /**
   * Reads a baseline file.
   * @throws BaselineError naming what is wrong (not JSON, another version, a bad entry)
   */
  public static parse(text: string): BaselineEntry[] {
    let data: any;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new BaselineError(`is not JSON (${(e as Error).message}): write it with check --write-baseline FILE`);
    }
    if (data === null || typeof data !== 'object' || data.version !== 1 || !Array.isArray(data.findings)) {
      throw new BaselineError('is not a cdk8s-guardrails baseline ({ "version": 1, "findings": [...] }): write it with check --write-baseline FILE');
    }
    return data.findings.map((entry: any, i: number) => {
      const o = entry?.object;
      const strings = [entry?.ruleId, o?.group, o?.kind, o?.name, entry?.path];
      const optional = [o?.namespace, entry?.target, entry?.message];
      if (strings.some((v) => typeof v !== 'string') || optional.some((v) => v !== undefined && typeof v !== 'string')) {
        throw new BaselineError(`findings[${i}] is not a baseline entry { ruleId, object: { group, kind, namespace?, name }, path, target? }`);
      }
      return entry as BaselineEntry;
    });
  }

  private constructor() {}
}

/** `apps/v1` -> `apps`, `v1` -> `` (the core group). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

import type { ObjectRef } from '../../k8s/manifest';
import type { InputError } from '../../reader/input';
import type { Finding, Report } from '../model';

/**
 * The report as JSON, exactly the `Report` schema of model.ts (`{ summary, findings,
 * inputErrors }`), with a stable key order (the order of the model's fields), unset optional
 * fields left out (`JSON.stringify` drops undefined properties), 2-space indent and a final newline.
 */
export class JsonReporter {
  public static render(report: Report): string {
    const s = report.summary;
    const ordered = {
      summary: { objects: s.objects, errors: s.errors, warnings: s.warnings, infos: s.infos, suppressed: s.suppressed, baselined: s.baselined },
      findings: report.findings.map(JsonReporter.finding),
      inputErrors: report.inputErrors.map(JsonReporter.inputError),
      // Only with a baseline: the baseline's findings that no longer occur.
      fixed: report.fixed,
      // Only when namespace-less objects were checked in the run's namespace.
      defaultedNamespace: report.defaultedNamespace,
    };
    return JSON.stringify(ordered, undefined, 2) + '\n';
  }

  private static finding(f: Finding): Record<string, unknown> {
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      suppressed: f.suppressed,
      reason: f.reason,
      object: JsonReporter.object(f.object),
      file: f.file,
      line: f.line,
      column: f.column,
      constructPath: f.constructPath,
      path: f.path,
      message: f.message,
      target: f.target,
      baselined: f.baselined,
      note: f.note,
    };
  }

  private static object(o: ObjectRef): Record<string, unknown> {
    return { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name };
  }

  private static inputError(e: InputError): Record<string, unknown> {
    return { file: e.file, line: e.line, message: e.message };
  }
}

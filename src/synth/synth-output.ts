import * as fs from 'fs';
import * as path from 'path';
import type { EnabledRule } from '../compliance/engine';
import type { Report } from '../compliance/model';
import { ReportFormat, Reporters } from '../compliance/report';
import { ENGINE_RULES } from '../compliance/rules';
import { FailOnLevel, SettingsModel } from '../compliance/settings';

/** What the synth door prints, throws and writes after a check: the same reporters as the CLI. */
export class SynthOutput {
  /**
   * Prints the findings below the failure level (unless `silent`) and throws a readable report of
   * the failing ones and of every input error.
   */
  public static judge(report: Report, failOn: FailOnLevel, packs: readonly string[], silent: boolean): void {
    const failures = SettingsModel.failing(report.findings, failOn);
    const failing = new Set(failures);
    const others = report.findings.filter((f) => !f.suppressed && !failing.has(f));
    if (others.length > 0 && !silent) {
      console.error(`cdk8s-guardrails: ${others.length} finding(s) below the failure level (${failOn}):\n${SynthOutput.text(report, others, false)}`);
    }
    if (SettingsModel.runFails(report, failOn)) {
      throw new Error([
        `cdk8s-guardrails: ${failures.length} finding(s) at or above ${failOn} (packs: ${packs.join(', ')})${report.inputErrors.length > 0 ? ` and ${report.inputErrors.length} input error(s)` : ''}:`,
        SynthOutput.text(report, failures, true),
        'Fix each finding, or suppress it with Guardrails.suppress(construct, ruleId, reason) or the guardrails.cdk8s.io/suppress annotation.',
      ].join('\n'));
    }
  }

  /** Writes one report file per format into `directory`. */
  public static write(report: Report, rules: readonly EnabledRule[], formats: readonly ReportFormat[], directory: string): void {
    if (formats.length === 0) return;
    const ruleList = [...rules.map((r) => r.rule), ...ENGINE_RULES];
    fs.mkdirSync(directory, { recursive: true });
    for (const format of formats) {
      fs.writeFileSync(path.join(directory, Reporters.fileName(format)), Reporters.render(format, report, ruleList));
    }
  }

  /** The text report of some of the findings (and, when asked, the input errors), summary included. */
  private static text(report: Report, findings: Report['findings'], withInputErrors: boolean): string {
    return Reporters.render(ReportFormat.TEXT, { ...report, findings, inputErrors: withInputErrors ? report.inputErrors : [] }, []).trimEnd();
  }

  private constructor() {}
}

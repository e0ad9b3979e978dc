import type { Report } from '../compliance/model';
import { FailOnLevel, SettingsModel } from '../compliance/settings';

/** The exit codes of `cdk8s-guardrails`, the same for every command. */
export enum ExitCode {
  /** Nothing at or above `--fail-on`. */
  CLEAN = 0,
  /** Unsuppressed findings at or above `--fail-on`. */
  FINDINGS = 1,
  /**
   * A usage error, or input that could not be read. Input errors win over findings: a run that
   * could not read all of its input must not pass, and "1" would hide that something was not checked.
   */
  ERROR = 2,
}

/** The exit code of `check` for a report. */
export function exitCodeOf(report: Report, failOn: FailOnLevel): ExitCode {
  if (report.inputErrors.length > 0) return ExitCode.ERROR;
  return SettingsModel.runFails(report, failOn) ? ExitCode.FINDINGS : ExitCode.CLEAN;
}

import type { Report } from '../model';
import type { Rule } from '../rule';
import { ReportFormat } from './format';
import { GithubReporter } from './github';
import { JsonReporter } from './json';
import { JUnitReporter } from './junit';
import { MarkdownReporter } from './markdown';
import type { RenderContext } from './render-context';
import { SarifReporter } from './sarif';
import { TextReporter } from './text';

const FILE_NAMES: Record<ReportFormat, string> = {
  [ReportFormat.TEXT]: 'guardrails-report.txt',
  [ReportFormat.MARKDOWN]: 'guardrails-report.md',
  [ReportFormat.JSON]: 'guardrails-report.json',
  [ReportFormat.SARIF]: 'guardrails-report.sarif',
  [ReportFormat.JUNIT]: 'guardrails-report.xml',
  [ReportFormat.GITHUB]: 'guardrails-report.github.txt',
};

/** Renders a report in any format. Reporters never change the report. */
export class Reporters {
  /**
   * The report in `format`. `rules` are the rules that ran (their titles, rationale and
   * remediation go into Markdown, SARIF and JUnit).
   * @throws Error for a format that does not exist (names the value and the formats allowed).
   */
  public static render(format: ReportFormat, report: Report, rules: readonly Rule[], context: RenderContext = {}): string {
    switch (format) {
      case ReportFormat.TEXT: return TextReporter.render(report, context);
      case ReportFormat.MARKDOWN: return MarkdownReporter.render(report, rules);
      case ReportFormat.JSON: return JsonReporter.render(report);
      case ReportFormat.SARIF: return SarifReporter.render(report, rules, context);
      case ReportFormat.JUNIT: return JUnitReporter.render(report, rules, context);
      case ReportFormat.GITHUB: return GithubReporter.render(report);
      default: throw new Error(Reporters.unknown(format));
    }
  }

  /** The conventional file name for a format: `guardrails-report.{txt,md,json,sarif,xml,github.txt}`. */
  public static fileName(format: ReportFormat): string {
    const name = FILE_NAMES[format];
    if (!name) throw new Error(Reporters.unknown(format));
    return name;
  }

  /** The format named `value` (`text`, `markdown`, `json`, `sarif`, `junit`, `github`), for CLI flags. */
  public static parseFormat(value: string): ReportFormat {
    const format = Object.values(ReportFormat).find(f => f === value);
    if (!format) throw new Error(Reporters.unknown(value));
    return format;
  }

  private static unknown(value: unknown): string {
    return `report format '${String(value)}' is not supported: use one of ${Object.values(ReportFormat).join(', ')}`;
  }
}


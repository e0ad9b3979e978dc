import type { Finding, Report, Severity } from '../model';
import { objectLabel, summaryLine } from './grouping';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The name standard input has; it is no file of the repository, so it gets no `file=`. */
const STDIN = '<stdin>';

/**
 * The report as GitHub Actions workflow commands (`::error file=F,line=L,col=C,title=RULE::message`):
 * the runner turns each into an annotation on the pull request, without code scanning. One command
 * per finding that counts (suppressed and baselined findings are left out: they fail nothing), one
 * per input error, then the summary as a plain line. A finding's line is where its document
 * starts, so `col` is 1.
 *
 * Escaping as the runner reads it (actions/toolkit packages/core/src/command.ts, escapeData and
 * escapeProperty): `%`, CR and LF in the message; also `:` and `,` in properties.
 */
export class GithubReporter {
  public static render(report: Report): string {
    const lines: string[] = [];
    for (const finding of report.findings) {
      if (finding.suppressed || finding.baselined === true) continue;
      lines.push(GithubReporter.command(COMMANDS[finding.severity], finding, finding.ruleId, GithubReporter.message(finding)));
    }
    for (const error of report.inputErrors) lines.push(GithubReporter.command('error', error, 'input error', error.message));
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
  }

  /** Escapes a command's message (its data). */
  public static escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  }

  /** Escapes a property value (`file`, `title`): the data escapes plus `:` and `,`, which delimit properties. */
  public static escapeProperty(text: string): string {
    return GithubReporter.escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  }

  private static command(
    name: string, where: { readonly file?: string; readonly line?: number; readonly column?: number }, title: string, message: string,
  ): string {
    const properties: string[] = [];
    if (where.file !== undefined && where.file !== STDIN) {
      properties.push(`file=${GithubReporter.escapeProperty(where.file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, ''))}`);
      if (where.line !== undefined && where.line > 0) properties.push(`line=${where.line}`, `col=${where.column !== undefined && where.column > 0 ? where.column : 1}`);
    }
    properties.push(`title=${GithubReporter.escapeProperty(title)}`);
    return `::${name} ${properties.join(',')}::${GithubReporter.escapeData(message)}`;
  }

  private static message(finding: Finding): string {
    const where = `${objectLabel(finding.object)}${finding.target ? ` [${finding.target}]` : ''} at ${finding.path || '/'}`;
    return `${where}: ${finding.message}${finding.note ? ` (${finding.note})` : ''}`;
  }
}


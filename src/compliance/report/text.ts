import type { Finding, Report, Severity } from '../model';
import { baselineLabel, defaultedNamespaceNote, fieldPosition, fileLocation, groupFindings, objectLabel, summaryLine } from './grouping';
import type { RenderContext } from './render-context';

const LABELS: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const COLORS: Record<Severity | 'suppressed' | 'heading', string> = {
  error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', suppressed: '\u001b[2m', heading: '\u001b[1m',
};
const RESET = '\u001b[0m';

/**
 * The report for a terminal: findings grouped by chart (or file), then by object, each with a
 * severity label, rule id, JSON pointer and message; suppressed findings are listed as such with
 * their reason; input errors follow; a summary line ends it. ANSI colour only when asked for.
 */
export class TextReporter {
  public static render(report: Report, context: RenderContext = {}): string {
    const paint = (style: keyof typeof COLORS, text: string) => context.color ? `${COLORS[style]}${text}${RESET}` : text;
    const lines: string[] = [];
    const baselined = report.findings.filter((f) => f.baselined === true);
    for (const source of groupFindings(report.findings.filter((f) => f.baselined !== true))) {
      lines.push(paint('heading', oneLine(source.name)));
      for (const group of source.objects) {
        const first = group.findings[0];
        // The object's file (each finding gives the line of its field) or its construct.
        const where = first.file ?? (first.constructPath ? `construct ${first.constructPath}` : undefined);
        lines.push(`  ${oneLine(`${objectLabel(group.object)}${where ? ` (${where})` : ''}`)}`);
        for (const finding of group.findings) lines.push(...TextReporter.findingLines(finding, paint));
      }
      lines.push('');
    }
    if (baselined.length > 0) {
      lines.push(paint('heading', 'Baselined (accepted in the baseline: reported, but they fail nothing)'));
      for (const finding of baselined) {
        lines.push(`  ${oneLine(objectLabel(finding.object))}${finding.file ? ` (${oneLine(finding.file)})` : ''}`);
        lines.push(...TextReporter.findingLines(finding, paint));
      }
      lines.push('');
    }
    if (report.fixed !== undefined && report.fixed.length > 0) {
      lines.push(paint('heading', 'Fixed since the baseline'));
      for (const entry of report.fixed) {
        lines.push(`  FIXED   ${oneLine(`${entry.ruleId}${entry.target ? ` [${entry.target}]` : ''} ${baselineLabel(entry)} ${entry.path}`)}`);
      }
      lines.push('');
    }
    if (report.inputErrors.length > 0) {
      lines.push(paint('heading', 'Input errors'));
      for (const error of report.inputErrors) {
        lines.push(`  ${paint('error', 'ERROR')} ${oneLine(`${fileLocation(error) ?? '(input)'}: ${error.message}`)}`);
      }
      lines.push('');
    }
    const namespaceNote = defaultedNamespaceNote(report);
    if (namespaceNote) lines.push(`note: ${oneLine(namespaceNote)}`);
    lines.push(summaryLine(report));
    return lines.join('\n') + '\n';
  }

  private static findingLines(finding: Finding, paint: (style: keyof typeof COLORS, text: string) => string): string[] {
    // Object names, targets and pointers come from the manifests too: none may reach the terminal raw.
    const position = fieldPosition(finding);
    const subject = oneLine(`${finding.ruleId}${finding.target ? ` [${finding.target}]` : ''} ${finding.path}${position ? ` (${position})` : ''}`);
    if (finding.suppressed) {
      return [
        `    ${paint('suppressed', `SUPPRESSED ${finding.severity} ${subject}`)}`,
        `      ${paint('suppressed', `${oneLine(finding.message)} (reason: ${oneLine(finding.reason ?? 'none given')})`)}`,
      ];
    }
    return [
      `    ${paint(finding.severity, LABELS[finding.severity].padEnd(7))} ${subject}`,
      `      ${oneLine(finding.message)}`,
      ...(finding.note !== undefined ? [`      note: ${oneLine(finding.note)}`] : []),
    ];
  }
}

/**
 * Keeps one finding on its lines and the terminal in its state: newlines and other control
 * characters (C0, DEL and C1, which some terminals read as escape sequences) become spaces.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

import type { Finding, Report } from '../model';
import type { Rule } from '../rule';
import { baselineLabel, defaultedNamespaceNote, fieldPosition, fileLocation, groupFindings, objectLabel, summaryLine } from './grouping';
import { RuleLinks } from './rule-links';

const ICONS = { error: ':x:', warning: ':warning:', info: ':information_source:' };

/**
 * The report as a pull-request comment: a summary table, then the unsuppressed findings by chart
 * (or file) and object, each linking to its rule's rationale and remediation at the end;
 * suppressed findings and input errors sit in collapsible `<details>` blocks.
 */
export class MarkdownReporter {
  public static render(report: Report, rules: readonly Rule[]): string {
    const s = report.summary;
    const out: string[] = [
      '## cdk8s-guardrails compliance report',
      '',
      '| | Count |',
      '| --- | ---: |',
      `| Objects checked | ${s.objects} |`,
      `| ${ICONS.error} Errors | ${s.errors} |`,
      `| ${ICONS.warning} Warnings | ${s.warnings} |`,
      `| ${ICONS.info} Infos | ${s.infos} |`,
      `| Suppressed | ${s.suppressed} |`,
      ...(s.baselined !== undefined ? [`| Baselined | ${s.baselined} |`, `| Fixed since the baseline | ${report.fixed?.length ?? 0} |`] : []),
      `| Input errors | ${report.inputErrors.length} |`,
      '',
    ];
    const active = report.findings.filter(f => !f.suppressed && f.baselined !== true);
    const suppressed = report.findings.filter(f => f.suppressed);
    const baselined = report.findings.filter(f => f.baselined === true);
    if (active.length === 0) out.push('No unsuppressed findings.', '');
    for (const source of groupFindings(active)) {
      out.push(`### ${code(source.name)}`, '');
      for (const group of source.objects) {
        const where = group.findings[0].file;
        out.push(`#### ${escapeText(objectLabel(group.object))}${where ? ` (${code(where)})` : ''}`, '');
        for (const finding of group.findings) out.push(MarkdownReporter.findingItem(finding));
        out.push('');
      }
    }
    if (suppressed.length > 0) {
      out.push(`<details><summary>Suppressed findings (${suppressed.length})</summary>`, '');
      for (const finding of suppressed) {
        out.push(`${MarkdownReporter.findingItem(finding, true)}<br>reason: ${escapeText(finding.reason ?? 'none given')}`);
      }
      out.push('', '</details>', '');
    }
    if (baselined.length > 0) {
      out.push(`<details><summary>Baselined findings (${baselined.length}): accepted in the baseline, they fail nothing</summary>`, '');
      for (const finding of baselined) out.push(`${MarkdownReporter.findingItem(finding)}<br>on ${escapeText(objectLabel(finding.object))}`);
      out.push('', '</details>', '');
    }
    if (report.fixed !== undefined && report.fixed.length > 0) {
      out.push(`<details open><summary>Fixed since the baseline (${report.fixed.length})</summary>`, '');
      for (const entry of report.fixed) {
        out.push(`- :white_check_mark: ${code(entry.ruleId)}${entry.target ? ` (${escapeText(entry.target)})` : ''} on ${escapeText(baselineLabel(entry))} at ${code(entry.path)}`);
      }
      out.push('', '</details>', '');
    }
    if (report.inputErrors.length > 0) {
      out.push(`<details open><summary>Input errors (${report.inputErrors.length})</summary>`, '');
      for (const error of report.inputErrors) out.push(`- ${code(fileLocation(error) ?? '(input)')}: ${escapeText(error.message)}`);
      out.push('', '</details>', '');
    }
    const used = new Set(report.findings.map(f => f.ruleId));
    const described = rules.filter(rule => used.has(rule.id));
    if (described.length > 0) {
      out.push('### Rules', '');
      for (const rule of described) {
        out.push(`<a id="${anchor(rule.id)}"></a>`, `#### ${code(rule.id)}: ${escapeText(rule.title)}`, '',
          escapeText(rule.rationale), '', `**Remediation:** ${escapeText(rule.remediation)}`, '');
        if (rule.references.length > 0) out.push(`References: ${rule.references.map(escapeText).join('; ')}`, '');
      }
    }
    const namespaceNote = defaultedNamespaceNote(report);
    if (namespaceNote) out.push(`_Note: ${escapeText(namespaceNote)}._`, '');
    out.push(`_${escapeText(summaryLine(report))}_`);
    return out.join('\n') + '\n';
  }

  private static findingItem(finding: Finding, suppressed = false): string {
    const label = suppressed ? `suppressed ${finding.severity}` : `${ICONS[finding.severity]} **${finding.severity}**`;
    const target = finding.target ? ` (${escapeText(finding.target)})` : '';
    const note = finding.note !== undefined ? `<br>note: ${escapeText(finding.note)}` : '';
    const position = fieldPosition(finding);
    return `- ${label} [${code(finding.ruleId)}](#${anchor(finding.ruleId)})${target}: ${escapeText(finding.message)}<br>at ${code(finding.path)}${position ? ` (${position})` : ''}${note}`;
  }
}

const anchor = RuleLinks.anchor;

/** A code span that survives backticks in its content; newlines become spaces. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Text that Markdown and the HTML sanitizer show literally, on one line (safe in tables and
 * lists). URLs become autolinks (`<https://...>`) instead of being escaped.
 */
function escapeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').split(/(https?:\/\/[^\s<>()"'`|]+)/).map((part, i) => i % 2 === 1
    ? `<${part}>`
    : part
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')).join('');
}

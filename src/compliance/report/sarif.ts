import type { InputError } from '../../reader/input';
import { Baselines } from '../baseline';
import type { Finding, Report, Severity } from '../model';
import type { Rule } from '../rule';
import { objectLabel } from './grouping';
import { TOOL_INFORMATION_URI, TOOL_NAME, type RenderContext } from './render-context';
import { RuleLinks } from './rule-links';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this property (CVSS-like, 0.1 to 10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/**
 * The report as SARIF 2.1.0 (one run) for GitHub code scanning and other SARIF viewers.
 *
 * Every rule becomes a `reportingDescriptor` (help carries rationale, remediation and
 * references); every finding a `result` located in its file (and line when known) and, always,
 * as a logical location naming the object and its construct path. Suppressed findings carry
 * `suppressions: [{ kind: 'external', justification }]`; input errors become tool execution
 * notifications of the invocation.
 */
export class SarifReporter {
  public static render(report: Report, rules: readonly Rule[], context: RenderContext = {}): string {
    const descriptors = rules.map(SarifReporter.descriptor);
    const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
    for (const finding of report.findings) {
      // A finding of a rule the caller did not list still needs a descriptor for ruleIndex.
      if (!ruleIndex.has(finding.ruleId)) {
        ruleIndex.set(finding.ruleId, descriptors.length);
        descriptors.push({ id: finding.ruleId, name: ruleName(finding.ruleId), shortDescription: { text: finding.ruleId } });
      }
    }
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(context.toolVersion ? { version: context.toolVersion } : {}),
            informationUri: TOOL_INFORMATION_URI,
            rules: descriptors,
          },
        },
        invocations: [{
          executionSuccessful: report.inputErrors.length === 0,
          toolExecutionNotifications: report.inputErrors.map(SarifReporter.notification),
        }],
        results: report.findings.map(f => SarifReporter.result(f, ruleIndex.get(f.ruleId)!, report.fixed !== undefined)),
      }],
    };
    return JSON.stringify(log, undefined, 2) + '\n';
  }

  private static descriptor(rule: Rule): Record<string, unknown> {
    const references = rule.references.map(r => `- ${r}`).join('\n');
    return {
      id: rule.id,
      name: ruleName(rule.id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.rationale },
      helpUri: RuleLinks.helpUri(rule.id),
      help: {
        text: `${rule.rationale}\n\nRemediation: ${rule.remediation}${references ? `\n\nReferences:\n${references}` : ''}`,
        markdown: `${rule.rationale}\n\n**Remediation:** ${rule.remediation}${references ? `\n\n**References:**\n${references}` : ''}`,
      },
      defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
      properties: {
        'tags': ['security', 'kubernetes', rule.id.split('/')[0]],
        'security-severity': SECURITY_SEVERITY[rule.defaultSeverity],
      },
    };
  }

  /** With a baseline, each result says whether it is new or was already there (`baselineState`). */
  private static result(finding: Finding, ruleIndex: number, withBaseline: boolean): Record<string, unknown> {
    const logicalLocation = {
      name: finding.object.name,
      fullyQualifiedName: finding.constructPath ?? objectLabel(finding.object),
      kind: 'resource',
    };
    const location: Record<string, unknown> = { logicalLocations: [logicalLocation] };
    if (finding.file) location.physicalLocation = physicalLocation(finding);
    return {
      ruleId: finding.ruleId,
      ruleIndex,
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [location],
      partialFingerprints: { 'guardrailsFinding/v2': Baselines.fingerprint(finding) },
      ...(withBaseline ? { baselineState: finding.baselined === true ? 'unchanged' : 'new' } : {}),
      ...(finding.suppressed ? { suppressions: [{ kind: 'external', justification: finding.reason ?? '' }] } : {}),
      properties: {
        object: objectLabel(finding.object),
        apiVersion: finding.object.apiVersion,
        jsonPointer: finding.path,
        ...(finding.target ? { target: finding.target } : {}),
        ...(finding.note ? { note: finding.note } : {}),
      },
    };
  }

  private static notification(error: InputError): Record<string, unknown> {
    return {
      level: 'error',
      message: { text: error.message },
      ...(error.file ? { locations: [{ physicalLocation: physicalLocation(error) }] } : {}),
    };
  }
}

function physicalLocation(item: { readonly file?: string; readonly line?: number; readonly column?: number }): Record<string, unknown> {
  const column = (item.column ?? 0) > 0 ? { startColumn: item.column } : {};
  return {
    artifactLocation: { uri: fileUri(item.file!) },
    ...((item.line ?? 0) > 0 ? { region: { startLine: item.line, ...column } } : {}),
  };
}

/**
 * A URI reference for a file path: relative paths stay relative (code scanning resolves them
 * against the repository root), absolute ones become `file://` URIs; backslashes become slashes
 * and unsafe characters are percent-encoded (and, in relative paths, `:`, which would otherwise
 * read as a URI scheme: `a:b.yaml`).
 */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = encodeURI(slashed).replace(/[?#]/g, c => encodeURIComponent(c));
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  if (slashed.startsWith('/')) return `file://${encoded}`;
  return encoded.replace(/:/g, '%3A');
}

/** `pss/run-as-non-root` -> `PssRunAsNonRoot` (SARIF names are identifiers, ids stay as they are). */
function ruleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map(part => part[0].toUpperCase() + part.slice(1)).join('');
}

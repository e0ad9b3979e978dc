import type { ObjectRef } from '../../k8s/manifest';
import type { InputError } from '../../reader/input';
import type { BaselineEntry, Finding, Report } from '../model';

/** `Deployment prod/web`, or `ClusterRole admin` for cluster-scoped objects. */
export function objectLabel(object: ObjectRef): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** A stable key for an object (apiVersion included: two kinds may share a name). */
export function objectKey(object: ObjectRef): string {
  return [object.apiVersion, object.kind, object.namespace ?? '', object.name].join('\u0000');
}

/**
 * The group a finding belongs to: its chart (the first segment of the construct path: the app
 * is the root and has an empty path in cdk8s), else its file, else `(unknown source)`.
 */
export function sourceGroup(finding: Finding): string {
  const chart = finding.constructPath?.split('/').find(segment => segment !== '');
  return chart ?? finding.file ?? '(unknown source)';
}

/** The line and column of a finding's field, `line 14, column 9` (or `line 14`), or `''` when unknown. */
export function fieldPosition(finding: { readonly line?: number; readonly column?: number }): string {
  if (!finding.line) return '';
  return finding.column ? `line ${finding.line}, column ${finding.column}` : `line ${finding.line}`;
}

/**
 * The one sentence that says where namespace-less objects were checked, or undefined when every
 * object names its namespace.
 */
export function defaultedNamespaceNote(report: Report): string | undefined {
  const d = report.defaultedNamespace;
  if (!d) return undefined;
  return `${d.objects} object${d.objects === 1 ? ' sets' : 's set'} no namespace and ${d.objects === 1 ? 'was' : 'were'} checked in namespace '${d.namespace}', `
    + 'where kubectl apply puts them (-n NS to choose another)';
}

/** `file:line:column`, `file:line`, `file`, or undefined. */
export function fileLocation(item: { readonly file?: string; readonly line?: number; readonly column?: number }): string | undefined {
  if (!item.file) return undefined;
  if (!item.line) return item.file;
  return item.column ? `${item.file}:${item.line}:${item.column}` : `${item.file}:${item.line}`;
}

/** Findings of one object. */
export interface ObjectGroup {
  readonly object: ObjectRef;
  readonly findings: Finding[];
}

/** Findings of one chart or file, by object. */
export interface SourceGroup {
  readonly name: string;
  readonly objects: ObjectGroup[];
}

/** Groups findings by chart (or file), then object, in order of first appearance. */
export function groupFindings(findings: readonly Finding[]): SourceGroup[] {
  const sources = new Map<string, Map<string, ObjectGroup>>();
  for (const finding of findings) {
    const name = sourceGroup(finding);
    let objects = sources.get(name);
    if (!objects) {
      objects = new Map();
      sources.set(name, objects);
    }
    const key = objectKey(finding.object);
    let group = objects.get(key);
    if (!group) {
      group = { object: finding.object, findings: [] };
      objects.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...sources.entries()].map(([name, objects]) => ({ name, objects: [...objects.values()] }));
}

/** One line: `3 objects checked: 1 error, 2 warnings, 0 infos, 1 suppressed; 1 input error`. */
export function summaryLine(report: Report): string {
  const s = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const inputErrors: readonly InputError[] = report.inputErrors;
  return `${plural(s.objects, 'object')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}, ${s.suppressed} suppressed`
    + (s.baselined !== undefined ? `, ${s.baselined} baselined` : '')
    + (report.fixed !== undefined && report.fixed.length > 0 ? `, ${report.fixed.length} fixed since the baseline` : '')
    + (inputErrors.length > 0 ? `; ${plural(inputErrors.length, 'input error')}` : '');
}

/** `Deployment shop/web` for a finding of a baseline (its API group stands in for the version). */
export function baselineLabel(entry: BaselineEntry): string {
  const o = entry.object;
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

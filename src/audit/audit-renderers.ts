import type { AuditReportModel, ServiceAccountAudit } from './audit-report';
import { describePermission, PermissionReport } from './permission-use';
import type { SuggestedRole } from './suggested-rules';
import type { TokenReport } from './token-activity';
import type { UnusedPermission } from './unused-grants';
import type { PolicyRuleJson } from '../rbac/policy-rule';

/** GitHub's limit for a comment: a Markdown report never exceeds it. */
export const MARKDOWN_LIMIT = 65_536;
/** Skipped lines listed in text and Markdown (all are in JSON). */
const LISTED_SKIPPED = 20;
/** Rows of one Markdown table (an account can use thousands of permissions; JSON has them all). */
const MAX_TABLE_ROWS = 60;

/** The `audit` report as JSON, text (a terminal) or Markdown (a pull request). */
export class AuditRenderers {
  /** The report model as it is, indented: `{ serviceAccounts, events, requests, skipped, ... }`. */
  public static json(model: AuditReportModel): string {
    return `${JSON.stringify(model, null, 2)}\n`;
  }

  public static text(model: AuditReportModel): string {
    const out: string[] = [`cdk8s-guardrails audit: ${summaryLine(model)}`, ''];
    for (const sa of model.serviceAccounts) {
      out.push(`ServiceAccount ${sa.namespace}/${sa.name}: ${accountLine(sa, model.withManifests)}`);
      if (sa.unexpectedTokenUse) out.push(`  ! its tokens were used, but ${sa.unexpectedTokenUse}`);
      if (sa.impersonatedBy.length > 0) out.push(`  impersonated by: ${sa.impersonatedBy.join(', ')}`);
      section(out, 'used', sa.used.map((p) => `${describePermission(p)}${names(p)}: ${count(p.requests)}, ${p.firstTime} .. ${p.lastTime}${p.reasons.length > 0 ? ` (allowed by ${reasons(p)})` : ''}`));
      section(out, 'denied (missing permissions)', sa.denied.map((p) => `${describePermission(p)}${names(p)}: ${count(p.requests)}, last ${p.lastTime}`));
      if (model.withManifests) section(out, 'unused (granted, never used: candidates to remove)', sa.unused.map(unusedLine));
      section(out, 'suggested (least privilege for what was used)', sa.suggested.flatMap((role) => [
        `${role.kind}${role.namespace !== undefined ? ` in ${role.namespace}` : ' (with a ClusterRoleBinding)'}:`,
        ...role.rules.map((rule) => `  - ${ruleLine(rule)}`),
      ]));
      section(out, 'tokens', sa.tokens.map(tokenLine));
      out.push('');
    }
    out.push(...skippedLines(model));
    return `${out.join('\n')}\n`;
  }

  /** Markdown for a pull request: a summary table, then one section per ServiceAccount, within `MARKDOWN_LIMIT`. */
  public static markdown(model: AuditReportModel): string {
    const head: string[] = ['## cdk8s-guardrails audit', '', summaryLine(model), ''];
    if (model.inputErrors.length > 0) {
      head.push('**Input errors** (the report covers what could be read):', '');
      for (const e of model.inputErrors) head.push(`- \`${e.file}${e.line !== undefined ? `:${e.line}` : ''}\`: ${escape(e.message)}`);
      head.push('');
    }
    head.push('| ServiceAccount | requests | used | denied | unused | tokens | flags |', '|---|---:|---:|---:|---:|---:|---|');
    for (const sa of model.serviceAccounts) {
      const flags: string[] = [...new Set(sa.tokens.flatMap((t) => t.flags))];
      if (sa.unexpectedTokenUse) flags.push('unexpected token use');
      head.push(`| \`${sa.namespace}/${sa.name}\` | ${sa.requests} | ${sa.used.length} | ${sa.denied.length} | ${model.withManifests ? sa.unused.length : 'n/a'} | ${sa.tokens.length} | ${flags.join(', ')} |`);
    }
    head.push('');
    const tail = skippedLines(model).map((line) => line.replace(/^ {2}/, '- '));
    const sections = model.serviceAccounts.map((sa) => markdownSection(sa, model.withManifests));
    const fixed = head.join('\n').length + tail.join('\n').length + 600;
    const shown: string[] = [];
    let used = fixed;
    let left = 0;
    for (const block of sections) {
      if (left === 0 && used + block.length + 1 <= MARKDOWN_LIMIT) {
        shown.push(block);
        used += block.length + 1;
      } else {
        left++;
      }
    }
    const note = left > 0
      ? [`_${left} of ${sections.length} ServiceAccount sections are left out to stay within GitHub's ${MARKDOWN_LIMIT}-character comment limit; `
        + 'the table above lists them all. Run `cdk8s-guardrails audit --format json` (or `--format text`) for everything._', '']
      : [];
    return `${[...head, ...shown, ...note, ...tail].join('\n')}\n`;
  }

  private constructor() {}
}

function markdownSection(sa: ServiceAccountAudit, withManifests: boolean): string {
  const out: string[] = [`### \`${sa.namespace}/${sa.name}\``, '', accountLine(sa, withManifests), ''];
  if (sa.unexpectedTokenUse) out.push(`> [!WARNING]\n> Its tokens were used, but ${sa.unexpectedTokenUse}.`, '');
  if (sa.impersonatedBy.length > 0) out.push(`Impersonated by: ${sa.impersonatedBy.map((u) => `\`${u}\``).join(', ')}`, '');
  if (sa.used.length > 0) {
    out.push('**Used**', '', '| verb | resource | namespace | names | requests | first | last | allowed by |', '|---|---|---|---|---:|---|---|---|');
    for (const p of sa.used.slice(0, MAX_TABLE_ROWS)) out.push(`| ${p.verb} | ${resourceCell(p)} | ${p.namespace || '(cluster)'} | ${nameCell(p)} | ${p.requests} | ${p.firstTime} | ${p.lastTime} | ${escape(reasons(p))} |`);
    out.push(...more(sa.used.length), '');
  }
  if (sa.denied.length > 0) {
    out.push('**Denied** (the permissions it is missing)', '', '| verb | resource | namespace | names | requests | last |', '|---|---|---|---|---:|---|');
    for (const p of sa.denied.slice(0, MAX_TABLE_ROWS)) out.push(`| ${p.verb} | ${resourceCell(p)} | ${p.namespace || '(cluster)'} | ${nameCell(p)} | ${p.requests} | ${p.lastTime} |`);
    out.push(...more(sa.denied.length), '');
  }
  if (withManifests && sa.unused.length > 0) {
    out.push('**Unused** (granted, never used: candidates to remove)', '', '| verbs | resource | namespace | granted by |', '|---|---|---|---|');
    for (const u of sa.unused.slice(0, MAX_TABLE_ROWS)) {
      const resource = u.nonResourceURL !== undefined ? `\`${u.nonResourceURL}\`` : `\`${u.apiGroup === '' ? 'core' : u.apiGroup}/${u.resource}\`${u.resourceNames ? ` (${u.resourceNames.join(', ')})` : ''}`;
      out.push(`| ${u.verbs.join(', ')} | ${resource} | ${u.namespace === '*' ? 'all' : u.namespace} | ${bindingText(u)} |`);
    }
    out.push(...more(sa.unused.length), '');
  }
  if (sa.suggested.length > 0) {
    out.push('**Suggested** (least privilege for exactly what was used)', '', '```yaml', ...sa.suggested.flatMap(suggestedYaml), '```', '');
  }
  if (sa.tokens.length > 0) {
    out.push('**Tokens**', '', '| credential | pods | nodes | source IPs | requests | first use | last use | flags |', '|---|---|---|---|---:|---|---|---|');
    for (const t of sa.tokens.slice(0, MAX_TABLE_ROWS)) {
      out.push(`| ${t.credentialId === '' ? '(not identified)' : `\`${t.credentialId}\``} | ${t.pods.map((p) => p.name).join(', ')} | ${t.nodes.join(', ')} | ${t.sourceIPs.join(', ')} | ${t.requests} | ${t.firstUse} | ${t.lastUse} | ${t.flags.join(', ')} |`);
    }
    out.push(...more(sa.tokens.length), '');
  }
  return out.join('\n');
}

/** The line under a table cut at `MAX_TABLE_ROWS`. */
function more(rows: number): string[] {
  return rows > MAX_TABLE_ROWS ? ['', `_${rows - MAX_TABLE_ROWS} more rows: see \`--format json\`._`] : [];
}

function suggestedYaml(role: SuggestedRole): string[] {
  const head = role.kind === 'Role' ? [`# Role in ${role.namespace}, bound by a RoleBinding there`] : ['# ClusterRole, bound by a ClusterRoleBinding'];
  return [...head, 'rules:', ...role.rules.flatMap((rule) => {
    const lines: string[] = [];
    const field = (name: string, values: readonly string[] | undefined) => {
      if (values !== undefined) lines.push(`${lines.length === 0 ? '- ' : '  '}${name}: [${values.map((v) => JSON.stringify(v)).join(', ')}]`);
    };
    field('apiGroups', rule.apiGroups);
    field('resources', rule.resources);
    field('nonResourceURLs', rule.nonResourceURLs);
    field('resourceNames', rule.resourceNames);
    field('verbs', rule.verbs);
    return lines;
  })];
}

function summaryLine(model: AuditReportModel): string {
  const accounts = model.serviceAccounts.filter((sa) => sa.requests > 0 || sa.tokenRequests > 0).length;
  const parts = [`${count(model.requests)} by ${accounts} ServiceAccount${accounts === 1 ? '' : 's'} in ${model.events} audit events (${model.lines} lines)`];
  if (model.unfinishedRequests > 0) parts.push(`${model.unfinishedRequests} logged only at RequestReceived (outcome unknown, not counted)`);
  if (model.skipped.malformedLines > 0) parts.push(`${model.skipped.malformedLines} malformed lines`);
  if (model.skipped.notAuditEvents > 0) parts.push(`${model.skipped.notAuditEvents} non-audit objects skipped`);
  if (!model.withManifests) parts.push('no --manifests: unused grants are not known');
  return parts.join('; ');
}

function accountLine(sa: ServiceAccountAudit, withManifests: boolean): string {
  const parts = [count(sa.requests)];
  const denied = sa.denied.reduce((n, p) => n + p.requests, 0);
  if (denied > 0) parts.push(`${denied} denied`);
  if (sa.impersonatedRequests > 0) parts.push(`${sa.impersonatedRequests} by impersonation`);
  if (sa.undecidedRequests > 0) parts.push(`${sa.undecidedRequests} rejected before authorization (401/429)`);
  if (sa.legacyTokenRequests > 0) parts.push(`${sa.legacyTokenRequests} with a legacy Secret-based token`);
  if (withManifests && !sa.declared && sa.requests > 0) parts.push('not in the manifests');
  return parts.join(', ');
}

function section(out: string[], title: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  out.push(`  ${title}:`);
  for (const line of lines) out.push(`    ${line}`);
}

function count(requests: number): string {
  return `${requests} request${requests === 1 ? '' : 's'}`;
}

function names(p: PermissionReport): string {
  if (p.names.length === 0) return '';
  const shown = p.names.slice(0, 5).join(', ');
  const ellipsis = p.names.length > 5 || p.namesTruncated ? ', ...' : '';
  return ` [${shown}${ellipsis}]${p.unnamedRequests > 0 ? ` and ${p.unnamedRequests} without a name` : ''}`;
}

function nameCell(p: PermissionReport): string {
  if (p.names.length === 0) return '';
  const shown = p.names.slice(0, 5).map((n) => `\`${n}\``).join(', ');
  const others = p.names.length > 5 || p.namesTruncated ? ` and ${Math.max(p.names.length - 5, 0)}${p.namesTruncated ? '+' : ''} more` : '';
  return `${shown}${others}${p.unnamedRequests > 0 ? ` (+${p.unnamedRequests} unnamed)` : ''}`;
}

function resourceCell(p: PermissionReport): string {
  if (p.nonResourceURL !== undefined) return `\`${p.nonResourceURL}\``;
  return `\`${p.apiGroup === '' ? 'core' : p.apiGroup}/${p.subresource ? `${p.resource}/${p.subresource}` : p.resource}\``;
}

/** `RoleBinding "x/ns" of Role "y"`: the authorizer's reasons without the words every one of them repeats. */
function reasons(p: PermissionReport): string {
  return p.reasons.map((r) => r.replace(/^RBAC: allowed by /, '').replace(/^RBAC: /, '').replace(/ to (ServiceAccount|User|Group) "[^"]*"$/, '')).join('; ');
}

function bindingText(u: UnusedPermission): string {
  const binding = `${u.binding.kind} ${u.binding.namespace ? `${u.binding.namespace}/` : ''}${u.binding.name}`;
  return `${binding} → ${u.role.kind} ${u.role.name}${u.role.builtIn ? ' (built in)' : ''}`;
}

function unusedLine(u: UnusedPermission): string {
  const resource = u.nonResourceURL !== undefined ? u.nonResourceURL : `${u.apiGroup === '' ? 'core' : u.apiGroup}/${u.resource}`;
  const where = u.namespace === '*' ? 'everywhere' : `in ${u.namespace}`;
  return `${u.verbs.join(', ')} ${resource}${u.resourceNames ? ` [${u.resourceNames.join(', ')}]` : ''} ${where}: ${bindingText(u)}`;
}

function ruleLine(rule: PolicyRuleJson): string {
  const parts: string[] = [];
  if (rule.apiGroups) parts.push(`apiGroups [${rule.apiGroups.map((g) => JSON.stringify(g)).join(', ')}]`);
  if (rule.resources) parts.push(`resources [${rule.resources.join(', ')}]`);
  if (rule.nonResourceURLs) parts.push(`nonResourceURLs [${rule.nonResourceURLs.join(', ')}]`);
  if (rule.resourceNames) parts.push(`resourceNames [${rule.resourceNames.join(', ')}]`);
  parts.push(`verbs [${rule.verbs.join(', ')}]`);
  return parts.join(' ');
}

function tokenLine(t: TokenReport): string {
  const id = t.credentialId === '' ? '(token not identified in the log)' : t.credentialId;
  const where = [
    t.pods.length > 0 ? `pod ${t.pods.map((p) => p.name).join(', ')}` : '',
    t.nodes.length > 0 ? `node ${t.nodes.join(', ')}` : '',
    t.sourceIPs.length > 0 ? `from ${t.sourceIPs.join(', ')}` : '',
  ].filter((s) => s !== '').join(', ');
  return `${id}: ${where}${where ? ', ' : ''}${count(t.requests)}, ${t.firstUse} .. ${t.lastUse}${t.flags.length > 0 ? `  [${t.flags.join(', ')}]` : ''}`;
}

function skippedLines(model: AuditReportModel): string[] {
  const lines = model.skipped.lines.slice(0, LISTED_SKIPPED);
  if (lines.length === 0) return [];
  const total = model.skipped.malformedLines + model.skipped.notAuditEvents;
  return [
    `Skipped lines (${total}${total > lines.length ? `, the first ${lines.length} listed` : ''}):`,
    ...lines.map((s) => `  ${s.file}:${s.line}: ${s.reason}`),
  ];
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

import { AccessMermaid, resourceName } from './access-mermaid';
import type { AccessPermission, AccessReportModel, ServiceAccountReport, TokenCarrier } from './access-report';
import { GITHUB_COMMENT_LIMIT, MarkdownBudget } from './markdown-budget';
import { code, location, md, plural, qualified } from './markdown-text';
import { TokenLifetime } from '../k8s/token-lifetime';
import { BecomeDescriptions } from '../rbac/become-description';
import { BecomeEdge, CanBecome } from '../rbac/can-become';
import type { InputError } from '../reader/input';

/** The rule that flags long-lived token Secrets; the report highlights them the same way. */
const LEGACY_TOKEN_RULE = 'token/legacy-token-secret';

/** The rule that reports a path to cluster-admin-equivalent power; the report shows the path. */
const CLUSTER_ADMIN_RULE = 'rbac/cluster-admin-equivalent';

/** Permissions of one danger line, and "can become" edges, listed before "and N more". */
const MAX_LISTED = 8;

/** Options of the Markdown access report. */
export interface AccessMarkdownOptions {
  /**
   * List every permission of a built-in role (`edit`, `admin`, `system:*`...). By default each
   * built-in role is one line per binding, with its dangerous permissions.
   */
  readonly expandBuiltIn?: boolean;
  /** The most characters of the document (default: GitHub's comment limit, 65,536). */
  readonly maxCharacters?: number;
}

/** What a section shows: everything, or (when the document runs out of room) no permission table and graph. */
type SectionMode = 'full' | 'compact';

/** Renders the access report for a pull request (Markdown with Mermaid) or for tools (JSON). */
export class AccessRenderers {
  /** JSON: the model as is, plus the input errors. Stable field order, two-space indent. */
  public static json(model: AccessReportModel, inputErrors: readonly InputError[] = []): string {
    return JSON.stringify({ ...model, inputErrors }, null, 2) + '\n';
  }

  /**
   * Markdown: a summary table, then one section per ServiceAccount with a Mermaid graph, within
   * `maxCharacters`: past it, sections lose their permission table and graph, then whole sections
   * are left out, and a closing note says which and how to see everything.
   */
  public static markdown(model: AccessReportModel, inputErrors: readonly InputError[] = [], options: AccessMarkdownOptions = {}): string {
    const budget = new MarkdownBudget(options.maxCharacters ?? GITHUB_COMMENT_LIMIT);
    const withAccess = model.serviceAccounts.filter((sa) => sa.permissions.length > 0);
    const risky = model.serviceAccounts.filter((sa) => dangersOf(sa).size > 0);
    budget.add(['# ServiceAccount access', '', `${plural(model.serviceAccounts.length, 'ServiceAccount')}, ${withAccess.length} with RBAC permissions, `
      + `${risky.length} with dangerous permissions.`, '']);
    const left = new LeftOut();
    if (inputErrors.length > 0) {
      budget.add([`> [!WARNING]\n> ${plural(inputErrors.length, 'input error')}: this report covers only the objects that could be read.`, '']);
      for (const e of inputErrors) if (!budget.add([`- ${location(e.file, e.line)}: ${md(e.message)}`])) left.inputErrors++;
      budget.add(['']);
    }
    if (model.serviceAccounts.length === 0) return budget.finish(left.note());

    budget.add(['| ServiceAccount | Permissions | Dangerous | Token mounted in |', '|---|---|---|---|']);
    for (const sa of model.serviceAccounts) {
      const dangerous = dangersOf(sa);
      const carriers = sa.tokens.map((t) => `${t.kind} ${t.name} (${t.containers.map(code).join(', ') || 'no container'})`);
      const row = `| ${code(`${sa.namespace}/${sa.name}`)} | ${sa.permissions.length} | `
        + `${dangerous.size > 0 ? `⚠️ **${[...dangerous].join(', ')}**` : 'none'} | ${carriers.join('<br/>') || 'none'} |`;
      if (!budget.add([row])) left.rows++;
    }
    budget.add(['']);
    for (const sa of model.serviceAccounts) {
      const name = `${sa.namespace}/${sa.name}`;
      if (budget.add(AccessRenderers.section(sa, options, 'full'))) continue;
      if (budget.add(AccessRenderers.section(sa, options, 'compact'))) left.compacted.push(name);
      else left.sections.push(name);
    }
    if (model.missingRoles.length > 0) {
      const lines = ['## Bindings to missing roles', '', 'These bindings grant nothing until their role exists:', ''];
      for (const m of model.missingRoles) {
        lines.push(`- ${m.binding.kind} ${code(qualified(m.binding.namespace, m.binding.name))} → ${m.roleRef.kind} ${code(m.roleRef.name)}`);
      }
      if (!budget.add([...lines, ''])) left.missingRoles = model.missingRoles.length;
    }
    return budget.finish(left.note());
  }

  /** One ServiceAccount: declared or not, dangers, path to cluster-admin, whom it can become, permissions, tokens, graph. */
  private static section(sa: ServiceAccountReport, options: AccessMarkdownOptions, mode: SectionMode): string[] {
    const out: string[] = [`## ${code(`${sa.namespace}/${sa.name}`)}`, ''];
    const automount = sa.automountServiceAccountToken === undefined ? 'unset (Kubernetes mounts the token)' : String(sa.automountServiceAccountToken);
    out.push(sa.declared
      ? `Declared in the input; \`automountServiceAccountToken\`: ${automount}.`
      : 'Not declared in the input (only named by a binding or a pod).', '');

    const dangerLines = AccessRenderers.dangerLines(sa);
    if (dangerLines.length > 0) out.push('**⚠️ Dangerous permissions**', '', ...dangerLines, '');
    if (sa.clusterAdminPath) {
      const platforms = CanBecome.platformsOf(sa.clusterAdminPath);
      const onlyOn = platforms.length > 0 ? ` on ${platforms.join(', ')} only` : '';
      out.push(`**⚠️ Reaches cluster-admin-equivalent power${onlyOn}** (${CLUSTER_ADMIN_RULE}), in ${plural(sa.clusterAdminPath.length, 'step')}:`, '');
      sa.clusterAdminPath.forEach((edge, i) => out.push(`${i + 1}. ${md(BecomeDescriptions.edge(edge))}`));
      out.push('');
    }
    if (sa.canBecome.length > 0) out.push('**Can become**', '', ...listed(sa.canBecome.map(becomeLine)), '');

    if (mode === 'compact') {
      out.push(`_Permissions (${sa.permissions.length}) and graph left out to stay within GitHub's comment limit: \`cdk8s-guardrails access --format json\` has them._`, '');
    } else if (sa.permissions.length === 0) {
      out.push('**Permissions**: none.', '');
    } else {
      out.push('**Permissions**', '', '| Where | API group | Resource | Verbs | Granted by |', '|---|---|---|---|---|');
      for (const row of permissionRows(sa.permissions, options.expandBuiltIn === true)) out.push(row);
      out.push('');
    }

    if (sa.tokens.length === 0) {
      out.push('**Pods that carry its token**: none.', '');
    } else {
      out.push('**Pods that carry its token**', '', '| Workload | Containers | Token | Source |', '|---|---|---|---|');
      for (const t of sa.tokens) {
        out.push(`| ${t.kind} ${code(qualified(t.namespace, t.name))} | ${t.containers.map(code).join(', ') || 'none'} | ${token(t)} | ${location(t.file, t.line, t.constructPath)} |`);
      }
      out.push('');
    }

    if (mode === 'full' && sa.permissions.length > 0) out.push('```mermaid', AccessMermaid.graph(sa, { expandBuiltIn: options.expandBuiltIn }), '```', '');
    return out;
  }

  /**
   * The dangerous permissions, one line per risk, place and binding: identical lines once, and
   * the permissions of one line listed together (a built-in role's many resources on one line).
   */
  private static dangerLines(sa: ServiceAccountReport): string[] {
    const lines: string[] = [];
    for (const secret of sa.tokenSecrets) {
      lines.push(`- **${LEGACY_TOKEN_RULE}**: Secret ${code(secret)} holds a token of this ServiceAccount that never expires; delete it and use a projected token`);
    }
    const groups = new Map<string, { riskId: string; title: string; tail: string; what: Set<string> }>();
    for (const p of sa.permissions) {
      for (const r of p.risks) {
        const tail = `${scope(p)}, via ${via(p)}`;
        const key = `${r.riskId}\u0000${tail}`;
        let group = groups.get(key);
        if (!group) groups.set(key, group = { riskId: r.riskId, title: r.title, tail, what: new Set() });
        group.what.add(`${code(r.verbs.join(', '))} on ${code(resourceName(p))}`);
      }
    }
    for (const g of groups.values()) {
      const what = [...g.what];
      const shown = what.length > MAX_LISTED ? [...what.slice(0, MAX_LISTED), `and ${what.length - MAX_LISTED} more`] : what;
      lines.push(`- **${g.riskId}** (${md(g.title)}): ${shown.join('; ')} ${g.tail}`);
    }
    return lines;
  }

  private constructor() {}
}

/** What the document left out, for its closing note. */
class LeftOut {
  public inputErrors = 0;
  public rows = 0;
  public readonly compacted: string[] = [];
  public readonly sections: string[] = [];
  public missingRoles = 0;

  /** The closing note, or undefined when nothing was left out. */
  public note(): string | undefined {
    const parts: string[] = [];
    if (this.inputErrors > 0) parts.push(plural(this.inputErrors, 'input error'));
    if (this.rows > 0) parts.push(`${plural(this.rows, 'row')} of the summary table`);
    if (this.compacted.length > 0) parts.push(`the permission tables and graphs of ${plural(this.compacted.length, 'ServiceAccount')} (${names(this.compacted)})`);
    if (this.sections.length > 0) parts.push(`the sections of ${plural(this.sections.length, 'ServiceAccount')} (${names(this.sections)})`);
    if (this.missingRoles > 0) parts.push(`${plural(this.missingRoles, 'binding')} to missing roles`);
    if (parts.length === 0) return undefined;
    return `> [!NOTE]\n> Cut to stay within GitHub's comment limit (65,536 characters). Left out: ${parts.join('; ')}. `
      + 'Run `cdk8s-guardrails access --format json` (or write the Markdown to a file) for everything.';
  }
}

/** The first names, then how many more. */
function names(list: readonly string[]): string {
  const shown = list.slice(0, 20).map(code).join(', ');
  return list.length > 20 ? `${shown} and ${list.length - 20} more` : shown;
}

/** The permissions table rows: each permission, or one row per built-in role and binding unless expanded. */
function permissionRows(permissions: readonly AccessPermission[], expandBuiltIn: boolean): string[] {
  const rows: string[] = [];
  const builtIn = new Map<string, AccessPermission[]>();
  for (const p of permissions) {
    if (p.role.builtIn && !expandBuiltIn) {
      const key = JSON.stringify([p.namespace, p.binding, p.role.kind, p.role.name, p.subject]);
      const list = builtIn.get(key);
      if (list) list.push(p);
      else builtIn.set(key, [p]);
      continue;
    }
    const group = p.nonResourceURL !== undefined ? '(non-resource URL)' : code(p.apiGroup === '' ? 'core' : p.apiGroup);
    const resource = p.nonResourceURL ?? p.resource;
    const only = p.resourceNames ? ` (only ${p.resourceNames.map(code).join(', ')})` : '';
    const verbs = p.verbs.join(', ');
    const marked = p.risks.length > 0 ? `⚠️ **${md(verbs)}**` : md(verbs);
    rows.push(`| ${where(p)} | ${group} | ${code(resource)}${only} | ${marked} | ${via(p)} |`);
  }
  for (const list of builtIn.values()) {
    const [p] = list;
    const count = list.reduce((n, q) => n + q.verbs.length, 0);
    const risks = [...new Set(list.flatMap((q) => q.risks.map((r) => r.riskId)))];
    const verbs = risks.length > 0 ? `⚠️ **${risks.join(', ')}**` : 'no dangerous permission';
    rows.push(`| ${where(p)} | (built-in role) | every permission of ${p.role.kind} ${code(p.role.name)}: ${plural(count, 'grant')} on `
      + `${plural(list.length, 'resource')} (\`--expand-builtin\` lists them) | ${verbs} | ${via(p)} |`);
  }
  return rows;
}

/** The rule ids the summary table flags for a ServiceAccount. */
function dangersOf(sa: ServiceAccountReport): Set<string> {
  const dangerous = new Set(sa.permissions.flatMap((p) => p.risks.map((r) => r.riskId)));
  if (sa.tokenSecrets.length > 0) dangerous.add(LEGACY_TOKEN_RULE);
  if (sa.clusterAdminPath) dangerous.add(CLUSTER_ADMIN_RULE);
  return dangerous;
}

/** A "can become" edge as a list item. */
function becomeLine(edge: BecomeEdge): string {
  return `- ${md(BecomeDescriptions.edge(edge))}`;
}

/** At most `MAX_LISTED * 2` list items, then how many more. */
function listed(lines: readonly string[]): string[] {
  const max = MAX_LISTED * 2;
  return lines.length > max ? [...lines.slice(0, max), `- … and ${lines.length - max} more`] : [...lines];
}

function token(t: TokenCarrier): string {
  if (t.mount === 'automount') return 'automounted API token (every container)';
  if (t.mount === 'secret') return `⚠️ **standing token Secret** ${code(t.secret ?? '')} (never expires)`;
  const audience = t.audience === undefined ? 'API server' : code(t.audience);
  return `projected volume ${code(t.volume ?? '')}, audience ${audience}, ${t.expirationSeconds ?? TokenLifetime.DEFAULT_SECONDS} s`;
}

function via(p: AccessPermission): string {
  const role = `${p.role.kind} ${code(p.role.kind === 'Role' && p.binding.namespace ? `${p.binding.namespace}/${p.role.name}` : p.role.name)}${p.role.builtIn ? ' (built in)' : ''}`;
  const subject = p.subject.kind === 'ServiceAccount' ? '' : ` as ${p.subject.kind} ${code(p.subject.name)}`;
  return `${p.binding.kind} ${code(qualified(p.binding.namespace, p.binding.name))} → ${role}${subject}`;
}

function where(p: AccessPermission): string {
  return p.namespace === '*' ? 'cluster-wide' : code(p.namespace);
}

function scope(p: AccessPermission): string {
  return p.namespace === '*' ? 'cluster-wide' : `in ${code(p.namespace)}`;
}

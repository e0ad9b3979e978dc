import type { AccessDiffModel, PermissionChange, ServiceAccountDiff } from './access-diff';
import type { TokenCarrier } from './access-report';
import { GITHUB_COMMENT_LIMIT, MarkdownBudget } from './markdown-budget';
import { code, md, plural, qualified } from './markdown-text';
import { BecomeDescriptions } from '../rbac/become-description';
import { CanBecome } from '../rbac/can-become';
import type { InputError } from '../reader/input';

/** The rule that reports a path to cluster-admin-equivalent power. */
const CLUSTER_ADMIN_RULE = 'rbac/cluster-admin-equivalent';

/** Options of the Markdown of a change. */
export interface AccessDiffMarkdownOptions {
  /** List every permission a built-in role adds or removes (default: one line per built-in role and binding). */
  readonly expandBuiltIn?: boolean;
  /** The most characters of the document (default: GitHub's comment limit, 65,536). */
  readonly maxCharacters?: number;
}

/** Input errors of the two sides of a comparison. */
export interface DiffInputErrors {
  readonly base: readonly InputError[];
  readonly next: readonly InputError[];
}

const NO_ERRORS: DiffInputErrors = { base: [], next: [] };

/** Renders what a change does to access (`access --base OLD NEW`): Markdown for a pull request, JSON for tools. */
export class AccessDiffRenderers {
  /** JSON: the model as is, plus the input errors of each side. */
  public static json(model: AccessDiffModel, inputErrors: DiffInputErrors = NO_ERRORS): string {
    return JSON.stringify({ ...model, inputErrors }, null, 2) + '\n';
  }

  /** Markdown: the totals, then one section per changed ServiceAccount, within `maxCharacters` (a note says what was left out). */
  public static markdown(model: AccessDiffModel, inputErrors: DiffInputErrors = NO_ERRORS, options: AccessDiffMarkdownOptions = {}): string {
    const budget = new MarkdownBudget(options.maxCharacters ?? GITHUB_COMMENT_LIMIT);
    budget.add(['# ServiceAccount access: what this change does', '', summaryLine(model), '']);
    const errors = inputErrors.base.length + inputErrors.next.length;
    if (errors > 0) {
      budget.add([`> [!WARNING]\n> ${plural(errors, 'input error')} (${inputErrors.base.length} in the base, ${inputErrors.next.length} in the change): `
        + 'this comparison covers only the objects that could be read.', '']);
    }
    const compacted: string[] = [];
    const leftOut: string[] = [];
    for (const sa of model.serviceAccounts) {
      const name = `${sa.namespace}/${sa.name}`;
      if (budget.add(section(sa, options, 'full'))) continue;
      if (budget.add(section(sa, options, 'compact'))) compacted.push(name);
      else leftOut.push(name);
    }
    const parts = [
      ...(compacted.length > 0 ? [`the lists of ${plural(compacted.length, 'ServiceAccount')} (${names(compacted)})`] : []),
      ...(leftOut.length > 0 ? [`the sections of ${plural(leftOut.length, 'ServiceAccount')} (${names(leftOut)})`] : []),
    ];
    return budget.finish(parts.length === 0 ? undefined : `> [!NOTE]\n> Cut to stay within GitHub's comment limit (65,536 characters). Left out: ${parts.join('; ')}. `
      + 'Run `cdk8s-guardrails access --base OLD NEW --format json` for everything.');
  }

  private constructor() {}
}

/** One line of totals, or that nothing changed. */
function summaryLine(model: AccessDiffModel): string {
  const s = model.summary;
  if (s.serviceAccountsChanged === 0) return 'No change to what any ServiceAccount can do, to which pods carry its token, or to whom it can become.';
  const parts = [
    `${plural(s.permissionsAdded, 'permission')} added${s.dangerousPermissionsAdded > 0 ? ` (⚠️ ${s.dangerousPermissionsAdded} dangerous)` : ''}`,
    `${s.permissionsRemoved} removed`,
    `${plural(s.tokensAdded, 'token carrier')} added, ${s.tokensRemoved} removed`,
    `${plural(s.canBecomeAdded, '"can become" edge')} added, ${s.canBecomeRemoved} removed`,
  ];
  const admin = s.clusterAdminGained > 0 ? ` ⚠️ **${plural(s.clusterAdminGained, 'ServiceAccount')} newly reach${s.clusterAdminGained === 1 ? 'es' : ''} cluster-admin-equivalent power.**` : '';
  const lost = s.clusterAdminLost > 0 ? ` ${plural(s.clusterAdminLost, 'ServiceAccount')} no longer reach${s.clusterAdminLost === 1 ? 'es' : ''} it.` : '';
  return `${plural(s.serviceAccountsChanged, 'ServiceAccount')} changed: ${parts.join('; ')}.${admin}${lost}`;
}

/** One changed ServiceAccount; `compact` (when the document runs out of room) keeps the totals and the path. */
function section(sa: ServiceAccountDiff, options: AccessDiffMarkdownOptions, mode: 'full' | 'compact'): string[] {
  const label = sa.change === 'added' ? ' (new)' : sa.change === 'removed' ? ' (removed)' : '';
  const out = [`## ${code(`${sa.namespace}/${sa.name}`)}${label}`, ''];
  if (sa.clusterAdmin?.change === 'gained') {
    const platforms = CanBecome.platformsOf(sa.clusterAdmin.path);
    out.push(`**⚠️ Now reaches cluster-admin-equivalent power${platforms.length > 0 ? ` on ${platforms.join(', ')} only` : ''}** (${CLUSTER_ADMIN_RULE}):`, '');
    sa.clusterAdmin.path.forEach((edge, i) => out.push(`${i + 1}. ${md(BecomeDescriptions.edge(edge))}`));
    out.push('');
  } else if (sa.clusterAdmin?.change === 'lost') {
    out.push('No longer reaches cluster-admin-equivalent power.', '');
  }
  if (mode === 'compact') {
    out.push(`_${sa.permissions.added.length} permission lines added, ${sa.permissions.removed.length} removed; ${sa.tokens.added.length} token carriers added, `
      + `${sa.tokens.removed.length} removed; ${sa.canBecome.added.length} "can become" edges added, ${sa.canBecome.removed.length} removed: `
      + 'left out to stay within GitHub\'s comment limit._', '');
    return out;
  }
  const expand = options.expandBuiltIn === true;
  block(out, 'Permissions added', permissionLines(sa.permissions.added, expand));
  block(out, 'Permissions removed', permissionLines(sa.permissions.removed, expand));
  block(out, 'Can now become', sa.canBecome.added.map((e) => `- ${md(BecomeDescriptions.edge(e))}`));
  block(out, 'Can no longer become', sa.canBecome.removed.map((e) => `- ${md(BecomeDescriptions.edge(e))}`));
  block(out, 'Pods that now carry its token', [
    ...sa.tokens.added.map(tokenLine),
    ...sa.tokenSecrets.added.map((s) => `- ⚠️ standing token Secret ${code(s)} (never expires)`),
  ]);
  block(out, 'Pods that no longer carry its token', [
    ...sa.tokens.removed.map(tokenLine),
    ...sa.tokenSecrets.removed.map((s) => `- standing token Secret ${code(s)}`),
  ]);
  return out;
}

function block(out: string[], title: string, lines: readonly string[]): void {
  if (lines.length > 0) out.push(`**${title}**`, '', ...lines, '');
}

/** One line per changed permission; a built-in role's (unless expanded) one line per role and binding. */
function permissionLines(list: readonly PermissionChange[], expandBuiltIn: boolean): string[] {
  const lines: string[] = [];
  const builtIn = new Map<string, PermissionChange[]>();
  for (const p of list) {
    const source = p.grantedBy[0];
    if (!expandBuiltIn && source && source.role.builtIn && p.grantedBy.every((g) => g.role.builtIn)) {
      const key = `${p.namespace}\u0000${grantedBy(p)}`;
      builtIn.set(key, [...(builtIn.get(key) ?? []), p]);
      continue;
    }
    const only = p.resourceNames ? ` (only ${p.resourceNames.map(code).join(', ')})` : '';
    const risk = p.risks.length > 0 ? '⚠️ ' : '';
    const risks = p.risks.length > 0 ? ` (**${p.risks.join(', ')}**)` : '';
    const verbs = p.verbs.map((verb) => (p.dangerousVerbs.includes(verb) ? `**${verb}**` : verb)).join(', ');
    lines.push(`- ${risk}${verbs} on ${code(resourceOf(p))}${only} ${where(p)}${risks}, via ${grantedBy(p)}`);
  }
  for (const group of builtIn.values()) {
    const [p] = group;
    const risks = [...new Set(group.flatMap((q) => q.risks))].sort();
    const count = group.reduce((n, q) => n + q.verbs.length, 0);
    lines.push(`- ${risks.length > 0 ? '⚠️ ' : ''}every permission of a built-in role ${where(p)}: ${plural(count, 'grant')} on ${plural(group.length, 'resource')}`
      + `${risks.length > 0 ? ` (**${risks.join(', ')}**)` : ''}, via ${grantedBy(p)} (\`--expand-builtin\` lists them)`);
  }
  return lines;
}

function resourceOf(p: PermissionChange): string {
  if (p.nonResourceURL !== undefined) return p.nonResourceURL;
  return p.apiGroup === '' ? p.resource : `${p.apiGroup}/${p.resource}`;
}

function where(p: PermissionChange): string {
  return p.namespace === '*' ? 'cluster-wide' : `in ${code(p.namespace)}`;
}

function grantedBy(p: PermissionChange): string {
  return p.grantedBy.map(({ binding, role }) => `${binding.kind} ${code(qualified(binding.namespace, binding.name))} → ${role.kind} `
    + `${code(role.kind === 'Role' && binding.namespace ? `${binding.namespace}/${role.name}` : role.name)}${role.builtIn ? ' (built in)' : ''}`).join(', ');
}

function tokenLine(t: TokenCarrier): string {
  const how = t.mount === 'automount' ? 'automounted API token'
    : t.mount === 'secret' ? `⚠️ standing token Secret ${code(t.secret ?? '')}`
      : `projected volume ${code(t.volume ?? '')}${t.audience ? `, audience ${code(t.audience)}` : ''}${t.expirationSeconds ? `, ${t.expirationSeconds} s` : ''}`;
  return `- ${t.kind} ${code(qualified(t.namespace, t.name))}: ${how}, in ${t.containers.map(code).join(', ') || 'no container'}`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 20).map(code).join(', ');
  return list.length > 20 ? `${shown} and ${list.length - 20} more` : shown;
}

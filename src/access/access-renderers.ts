import { AccessMermaid, resourceName } from './access-mermaid';
import type { AccessPermission, AccessReportModel, ServiceAccountReport, TokenCarrier } from './access-report';
import { TokenLifetime } from '../k8s/token-lifetime';
import type { InputError } from '../reader/input';

/** The rule that flags long-lived token Secrets; the report highlights them the same way. */
const LEGACY_TOKEN_RULE = 'token/legacy-token-secret';

/** Renders the access report for a pull request (Markdown with Mermaid) or for tools (JSON). */
export class AccessRenderers {
  /** JSON: the model as is, plus the input errors. Stable field order, two-space indent. */
  public static json(model: AccessReportModel, inputErrors: readonly InputError[] = []): string {
    return JSON.stringify({ ...model, inputErrors }, null, 2) + '\n';
  }

  /** Markdown: a summary table, then one section per ServiceAccount with a Mermaid graph. */
  public static markdown(model: AccessReportModel, inputErrors: readonly InputError[] = []): string {
    const out: string[] = ['# ServiceAccount access', ''];
    const withAccess = model.serviceAccounts.filter((sa) => sa.permissions.length > 0);
    const risky = model.serviceAccounts.filter((sa) => sa.tokenSecrets.length > 0 || sa.permissions.some((p) => p.risks.length > 0));
    out.push(`${plural(model.serviceAccounts.length, 'ServiceAccount')}, ${withAccess.length} with RBAC permissions, `
      + `${risky.length} with dangerous permissions.`, '');
    if (inputErrors.length > 0) {
      out.push(`> [!WARNING]\n> ${plural(inputErrors.length, 'input error')}: this report covers only the objects that could be read.`, '');
      for (const e of inputErrors) out.push(`- ${location(e.file, e.line)}: ${md(e.message)}`);
      out.push('');
    }
    if (model.serviceAccounts.length === 0) return out.join('\n');

    out.push('| ServiceAccount | Permissions | Dangerous | Token mounted in |', '|---|---|---|---|');
    for (const sa of model.serviceAccounts) {
      const dangerous = new Set(sa.permissions.flatMap((p) => p.risks.map((r) => r.riskId)));
      if (sa.tokenSecrets.length > 0) dangerous.add(LEGACY_TOKEN_RULE);
      const carriers = sa.tokens.map((t) => `${t.kind} ${t.name} (${t.containers.map(code).join(', ') || 'no container'})`);
      out.push(`| ${code(`${sa.namespace}/${sa.name}`)} | ${sa.permissions.length} | `
        + `${dangerous.size > 0 ? `⚠️ **${[...dangerous].join(', ')}**` : 'none'} | ${carriers.join('<br/>') || 'none'} |`);
    }
    out.push('');
    for (const sa of model.serviceAccounts) AccessRenderers.section(sa, out);
    if (model.missingRoles.length > 0) {
      out.push('## Bindings to missing roles', '', 'These bindings grant nothing until their role exists:', '');
      for (const m of model.missingRoles) {
        out.push(`- ${m.binding.kind} ${code(qualified(m.binding.namespace, m.binding.name))} → ${m.roleRef.kind} ${code(m.roleRef.name)}`);
      }
      out.push('');
    }
    return out.join('\n');
  }

  private static section(sa: ServiceAccountReport, out: string[]): void {
    out.push(`## ${code(`${sa.namespace}/${sa.name}`)}`, '');
    const automount = sa.automountServiceAccountToken === undefined ? 'unset (Kubernetes mounts the token)' : String(sa.automountServiceAccountToken);
    out.push(sa.declared
      ? `Declared in the input; \`automountServiceAccountToken\`: ${automount}.`
      : 'Not declared in the input (only named by a binding or a pod).', '');

    const risks = sa.permissions.filter((p) => p.risks.length > 0);
    if (risks.length > 0 || sa.tokenSecrets.length > 0) {
      out.push('**⚠️ Dangerous permissions**', '');
      for (const secret of sa.tokenSecrets) {
        out.push(`- **${LEGACY_TOKEN_RULE}**: Secret ${code(secret)} holds a token of this ServiceAccount that never expires; delete it and use a projected token`);
      }
      for (const p of risks) {
        for (const r of p.risks) {
          out.push(`- **${r.riskId}** (${md(r.title)}): ${code(p.verbs.join(', '))} on ${code(resourceName(p))} ${scope(p)}, via ${via(p)}`);
        }
      }
      out.push('');
    }

    if (sa.permissions.length === 0) {
      out.push('**Permissions**: none.', '');
    } else {
      out.push('**Permissions**', '', '| Where | API group | Resource | Verbs | Granted by |', '|---|---|---|---|---|');
      for (const p of sa.permissions) {
        const where = p.namespace === '*' ? 'cluster-wide' : code(p.namespace);
        const group = p.nonResourceURL !== undefined ? '(non-resource URL)' : code(p.apiGroup === '' ? 'core' : p.apiGroup);
        const resource = p.nonResourceURL ?? p.resource;
        const names = p.resourceNames ? ` (only ${p.resourceNames.map(code).join(', ')})` : '';
        const verbs = p.verbs.join(', ');
        const marked = p.risks.length > 0 ? `⚠️ **${md(verbs)}**` : md(verbs);
        out.push(`| ${where} | ${group} | ${code(resource)}${names} | ${marked} | ${via(p)} |`);
      }
      out.push('');
    }

    if (sa.tokens.length === 0) {
      out.push('**Pods that carry its token**: none.', '');
    } else {
      out.push('**Pods that carry its token**', '', '| Workload | Containers | Token | Source |', '|---|---|---|---|');
      for (const t of sa.tokens) {
        const readers = t.readThroughProcessNamespace ? `; read through the shared process namespace by ${t.readThroughProcessNamespace.map(code).join(', ')}` : '';
        out.push(`| ${t.kind} ${code(qualified(t.namespace, t.name))} | ${t.containers.map(code).join(', ') || 'none'}${readers} | ${token(t)} | ${location(t.file, t.line, t.constructPath)} |`);
      }
      out.push('');
    }

    if (sa.permissions.length > 0) out.push('```mermaid', AccessMermaid.graph(sa), '```', '');
  }

  private constructor() {}
}

function token(t: TokenCarrier): string {
  if (t.mount === 'automount') return 'automounted API token (3607 s: extended to a year)';
  if (t.mount === 'secret') return `⚠️ **standing token Secret** ${code(t.secret ?? '')} (never expires)`;
  const audience = t.audience === undefined ? 'API server' : code(t.audience);
  return `projected volume ${code(t.volume ?? '')}, audience ${audience}, ${t.expirationSeconds ?? TokenLifetime.DEFAULT_SECONDS} s`;
}

function via(p: AccessPermission): string {
  const role = `${p.role.kind} ${code(p.role.kind === 'Role' && p.binding.namespace ? `${p.binding.namespace}/${p.role.name}` : p.role.name)}${p.role.builtIn ? ' (built in)' : ''}`;
  const subject = p.subject.kind === 'ServiceAccount' ? '' : ` as ${p.subject.kind} ${code(p.subject.name)}`;
  return `${p.binding.kind} ${code(qualified(p.binding.namespace, p.binding.name))} → ${role}${subject}`;
}

function scope(p: AccessPermission): string {
  return p.namespace === '*' ? 'cluster-wide' : `in ${code(p.namespace)}`;
}

function qualified(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function location(file?: string, line?: number, constructPath?: string): string {
  if (constructPath) return code(constructPath);
  if (!file) return '';
  return code(line !== undefined ? `${file}:${line}` : file);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Inline code that survives any content: backticks and table pipes escaped. */
function code(text: string): string {
  return '`' + text.replace(/`/g, 'ˋ').replace(/\|/g, '\\|') + '`';
}

/** Plain text in a Markdown table cell or list. */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

import type { AccessPermission, ServiceAccountReport } from './access-report';

/** The most lines of one node label (the rest is counted), and the most characters of one line. */
const MAX_LABEL_LINES = 12;
const MAX_LINE_CHARS = 100;

/** Options of `AccessMermaid.graph`. */
export interface AccessMermaidOptions {
  /** One line per permission of a built-in role (default: one line for the whole role). */
  readonly expandBuiltIn?: boolean;
}

/**
 * A Mermaid flowchart of one ServiceAccount: ServiceAccount -> binding -> role -> resources
 * (what the role grants through that binding). Resource boxes with a dangerous permission are
 * drawn red. Node ids are generated (`n0`, `n1`, ...), so no name can break the syntax; labels
 * are quoted with `"` escaped, and capped (`MAX_LABEL_LINES` lines of `MAX_LINE_CHARS`
 * characters): a built-in role's hundreds of permissions would not render.
 */
export class AccessMermaid {
  public static graph(sa: ServiceAccountReport, options: AccessMermaidOptions = {}): string {
    const ids = new Map<string, string>();
    const lines = ['graph LR'];
    const node = (key: string, label: string, shape: 'box' | 'round' | 'stadium' = 'box'): string => {
      let id = ids.get(key);
      if (id === undefined) {
        id = `n${ids.size}`;
        ids.set(key, id);
        const text = `"${capped(label.split('\n')).map(escapeLabel).join('<br/>')}"`;
        lines.push(`  ${id}${shape === 'round' ? `(${text})` : shape === 'stadium' ? `([${text}])` : `[${text}]`}`);
      }
      return id;
    };
    const edges = new Set<string>();
    const edge = (from: string, to: string) => {
      const line = `  ${from} --> ${to}`;
      if (!edges.has(line)) {
        edges.add(line);
        lines.push(line);
      }
    };

    const saId = node('sa', `ServiceAccount ${sa.namespace}/${sa.name}`, 'stadium');
    const byPath = new Map<string, AccessPermission[]>();
    for (const p of sa.permissions) {
      const key = `${p.binding.kind}/${p.binding.namespace ?? ''}/${p.binding.name}|${p.role.kind}/${p.role.name}`;
      const list = byPath.get(key);
      if (list) list.push(p);
      else byPath.set(key, [p]);
    }
    const dangerous: string[] = [];
    for (const [key, permissions] of byPath) {
      const { binding, role } = permissions[0];
      const bindingId = node(`b|${binding.kind}/${binding.namespace ?? ''}/${binding.name}`,
        `${binding.kind} ${binding.namespace ? `${binding.namespace}/` : ''}${binding.name}`, 'round');
      // A Role lives in its binding's namespace; a ClusterRole is one node however often it is bound.
      const roleNamespace = role.kind === 'Role' && binding.namespace ? `${binding.namespace}/` : '';
      const roleId = node(`r|${role.kind}/${roleNamespace}${role.name}`, `${role.kind} ${roleNamespace}${role.name}${role.builtIn ? ' (built in)' : ''}`, 'round');
      const where = binding.namespace ? `in ${binding.namespace}` : 'cluster-wide';
      // The same grant can arrive twice through one binding (to the ServiceAccount and to its group): show it once.
      const resourceLines = role.builtIn && !options.expandBuiltIn
        ? builtInLines(permissions)
        : [...new Set(permissions.map((p) => `${p.risks.length > 0 ? '⚠ ' : ''}${resourceName(p)}: ${p.verbs.join(', ')}`))];
      const resourcesId = node(`res|${key}`, [where, ...resourceLines].join('\n'));
      if (permissions.some((p) => p.risks.length > 0)) dangerous.push(resourcesId);
      edge(saId, bindingId);
      edge(bindingId, roleId);
      edge(roleId, resourcesId);
    }
    if (dangerous.length > 0) {
      lines.push('  classDef danger fill:#fde2e1,stroke:#cf222e,color:#82071e');
      lines.push(`  class ${dangerous.join(',')} danger`);
    }
    return lines.join('\n');
  }

  private constructor() {}
}

/** `apps/deployments`, `pods` (core group), `/metrics` (non-resource URL), with resourceNames if any. */
export function resourceName(p: AccessPermission): string {
  if (p.nonResourceURL !== undefined) return p.nonResourceURL;
  const base = p.apiGroup === '' ? p.resource : `${p.apiGroup}/${p.resource}`;
  return p.resourceNames ? `${base} [${p.resourceNames.join(', ')}]` : base;
}

/** A built-in role's permissions as one line (and its dangerous ones by risk). */
function builtInLines(permissions: readonly AccessPermission[]): string[] {
  const grants = permissions.reduce((n, p) => n + p.verbs.length, 0);
  const risks = [...new Set(permissions.flatMap((p) => p.risks.map((r) => r.riskId)))];
  return [`every permission of the built-in role (${grants} grants)`, ...risks.map((risk) => `⚠ ${risk}`)];
}

/** At most `MAX_LABEL_LINES` lines of at most `MAX_LINE_CHARS` characters; the lines left out are counted. */
function capped(lines: readonly string[]): string[] {
  const cut = lines.map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line));
  return cut.length > MAX_LABEL_LINES ? [...cut.slice(0, MAX_LABEL_LINES - 1), `… ${cut.length - MAX_LABEL_LINES + 1} more`] : cut;
}

/** Mermaid labels: `"` ends a quoted label, `<`, `>` and `&` would be read as HTML. */
function escapeLabel(label: string): string {
  return label.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

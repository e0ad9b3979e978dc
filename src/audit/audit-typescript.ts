import type { AuditReportModel, ServiceAccountAudit } from './audit-report';
import type { SuggestedRole } from './suggested-rules';
import { RiskCatalogue } from '../compliance/risk-catalogue';
import { KnownResources } from '../k8s/known-resources';
import { PolicyRuleJson } from '../rbac/policy-rule';
import { nameLimit, VERBS_CREATING_BY_NAME } from '../rbac/resource-names';

const READ = ['get', 'list', 'watch'];
const RECONCILE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const STATUS = ['get', 'update', 'patch'];

/**
 * `audit --format typescript`: each ServiceAccount's suggested rules as `Permission` calls, ready
 * for `SecureServiceAccount.grantInNamespaces` / `grantClusterWide` or an `OperatorBundle`'s
 * `permissions` / `clusterPermissions`. The intent-named factories are used where they grant
 * exactly the verbs seen (`read`, `reconcile`, `updateStatus`, `events`, `getNamed`), otherwise
 * `Permission.custom`.
 *
 * `Permission` refuses `resourceNames` together with list, watch, create and deletecollection
 * (src/rbac/permission.ts), although the authorizer honours names there when the request carries
 * one (a create of a subresource such as `serviceaccounts/token`, a list or watch with a
 * `metadata.name` field selector). Those verbs are written without the names, one permission
 * apart, with a comment saying what Kubernetes would allow; non-resource URLs, which
 * `Permission` cannot express, are written as comments. A permission that carries a catalogued
 * risk (reading Secrets, minting tokens, impersonating) gets a comment naming it and no reason:
 * the grant refuses it until someone writes why with `.withJustification(...)`.
 */
export class AuditTypeScript {
  public static render(model: AuditReportModel): string {
    const out: string[] = [
      '// Least-privilege permissions from `cdk8s-guardrails audit`: exactly what each ServiceAccount was seen doing.',
      `// ${model.requests} requests in ${model.events} audit events. Review before use: a log only shows what was exercised.`,
      "import { ApiResource, Permission } from 'cdk8s-guardrails';",
      '',
    ];
    const used = new Set<string>();
    for (const sa of model.serviceAccounts) {
      if (sa.suggested.length === 0) continue;
      out.push(...AuditTypeScript.account(sa, identifier(`${sa.namespace}-${sa.name}`, used)), '');
    }
    return `${out.join('\n')}\n`;
  }

  private static account(sa: ServiceAccountAudit, name: string): string[] {
    const namespaced = sa.suggested.filter((role) => role.kind === 'Role');
    const cluster = sa.suggested.find((role) => role.kind === 'ClusterRole');
    const out = [
      `/** ServiceAccount \`${sa.namespace}/${sa.name}\`: ${sa.requests} requests. */`,
      `export const ${name}: { readonly namespaces: Record<string, Permission[]>; readonly clusterWide: Permission[] } = {`,
      '  /** Per namespace: `serviceAccount.grantInNamespaces([namespace], ...permissions)`, or an OperatorBundle\'s `permissions` for its watched namespaces. */',
      '  namespaces: {',
    ];
    for (const role of namespaced) {
      out.push(`    ${JSON.stringify(role.namespace).replace(/"/g, "'")}: [`, ...permissions(role, '      '), '    ],');
    }
    out.push('  },');
    out.push('  /** Every namespace and cluster-scoped resources: `serviceAccount.grantClusterWide(...permissions)`. */');
    out.push('  clusterWide: [', ...(cluster ? permissions(cluster, '    ') : []), '  ],', '};');
    return out;
  }

  private constructor() {}
}

function permissions(role: SuggestedRole, indent: string): string[] {
  return role.rules.flatMap((rule) => permissionsOf(rule).map((line) => `${indent}${line}`));
}

/** One rule as Permission calls (two when names are dropped for verbs Permission refuses them on). */
function permissionsOf(rule: PolicyRuleJson): string[] {
  if (rule.nonResourceURLs !== undefined) {
    return [`// not expressible as a Permission: nonResourceURLs ${JSON.stringify(rule.nonResourceURLs)} verbs ${JSON.stringify(rule.verbs)} (a ClusterRole rule)`];
  }
  const resources = (rule.apiGroups ?? []).flatMap((group) => (rule.resources ?? []).map((resource) => ({ group, resource })));
  const risks = [...new Set(RiskCatalogue.assess(rule).map((match) => match.riskId))];
  const warning = risks.length > 0
    ? [`// carries ${risks.join(', ')}: grant less, or add .withJustification('why it is needed') (the grant refuses it without a reason)`]
    : [];
  return [...warning, ...calls(rule, resources)];
}

function calls(rule: PolicyRuleJson, resources: ReadonlyArray<{ group: string; resource: string }>): string[] {
  const names = rule.resourceNames;
  if (names === undefined) return [call(resources, rule.verbs)];
  // As Permission (and the authorizer) apply names: a create by POST or a deletecollection names no object.
  const writable = rule.verbs.some((verb) => verb === '*' || VERBS_CREATING_BY_NAME.includes(verb)) ? 'all' : [];
  const refused = rule.verbs.filter((verb) => resources.some((r) => nameLimit(verb, r.resource, names, writable).kind === 'never'));
  const kept = rule.verbs.filter((verb) => !refused.includes(verb));
  const lines: string[] = [];
  if (kept.length > 0) lines.push(call(resources, kept, names));
  if (refused.length > 0) {
    lines.push(`// ${refused.join(', ')} by name would match nothing (the request names no object): granted on every object.`);
    lines.push(call(resources, refused));
  }
  return lines;
}

function call(resources: ReadonlyArray<{ group: string; resource: string }>, verbs: readonly string[], names?: readonly string[]): string {
  const list = resources.map((r) => apiResource(r.group, r.resource));
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (names === undefined) {
    if (same(verbs, READ)) return `Permission.read(${list.join(', ')}),`;
    if (same(verbs, RECONCILE)) return `Permission.reconcile(${list.join(', ')}),`;
    if (same(verbs, ['create', 'patch']) && resources.length === 1 && resources[0].group === '' && resources[0].resource === 'events') return 'Permission.events(),';
    const parents = resources.map((r) => (r.resource.endsWith('/status') ? r.resource.slice(0, -'/status'.length) : undefined));
    if (same(verbs, STATUS) && parents.every((p) => p !== undefined && !p.includes('/'))) {
      return `Permission.updateStatus(${resources.map((r, i) => apiResource(r.group, parents[i]!)).join(', ')}),`;
    }
  } else if (same(verbs, ['get']) && resources.length === 1) {
    return `Permission.getNamed(${list[0]}, ${names.map(quote).join(', ')}),`;
  }
  const nameField = names !== undefined ? `, resourceNames: [${names.map(quote).join(', ')}]` : '';
  return `Permission.custom({ resources: [${list.join(', ')}], verbs: [${verbs.map(quote).join(', ')}]${nameField} }),`;
}

/** `ApiResource.of('pods/log')` for a resource the library knows in that group, else `ApiResource.custom(...)`. */
function apiResource(group: string, resource: string): string {
  const [base] = resource.split('/');
  const known = KnownResources.byName(base);
  if (known && known.apiGroup === group) return `ApiResource.of(${quote(resource)})`;
  return `ApiResource.custom({ apiGroup: ${quote(group)}, resource: ${quote(resource)} })`;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A unique camelCase identifier for a ServiceAccount (`memcached-system-memcached-operator` -> `memcachedSystemMemcachedOperator`). */
function identifier(text: string, used: Set<string>): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('') || 'serviceAccount';
  if (/^[0-9]/.test(name)) name = `sa${name}`;
  let unique = name;
  for (let n = 2; used.has(unique); n++) unique = `${name}${n}`;
  used.add(unique);
  return unique;
}

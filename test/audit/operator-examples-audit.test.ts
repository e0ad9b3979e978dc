import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { toLines } from './audit-log-generator';
import { RECONCILE_LOGS } from './operator-reconcile-logs';
import * as library from '../../src';
import type { AuditReportModel } from '../../src/audit/audit-report';
import { RbacRuleMatch } from '../../src/audit/rbac-rule-match';
import { SuggestedRules } from '../../src/audit/suggested-rules';
import type { CliIo } from '../../src/cli/cli-io';
import { Cli } from '../../src/cli/main';
import { EffectiveAccess } from '../../src/rbac/effective-access';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const EXAMPLES = Object.keys(RECONCILE_LOGS).sort();
/** The report in an example's README sits between these markers. */
export const REPORT_START = '<!-- audit-report:start -->';
export const REPORT_END = '<!-- audit-report:end -->';

/** Runs `cdk8s-guardrails audit --manifests <synthesized example> --format FORMAT <its reconcile log>` in process. */
export async function auditExample(name: string, format: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `audit-${name}-`));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApp } = require(path.join(EXAMPLES_DIR, name, 'app'));
    createApp(path.join(dir, 'dist')).synth();
    fs.writeFileSync(path.join(dir, 'audit.log'), toLines(RECONCILE_LOGS[name]()));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      colorTerminal: false,
      stdinIsTerminal: true,
      stdout: (t) => { out.push(t); },
      stderr: (t) => { err.push(t); },
      readStdin: () => Buffer.alloc(0),
      writeFile: () => undefined,
    };
    const status = await Cli.run(['audit', '--manifests', path.join(dir, 'dist'), '--format', format, path.join(dir, 'audit.log')], io, {});
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the operator examples against a log of their reconcile loop', () => {
  test.each(EXAMPLES)('%s: every request is allowed by its manifests, and the README shows the current report', async (name) => {
    // GIVEN the example's manifests and an hour of its reconcile loop
    // WHEN audited
    const json = await auditExample(name, 'json');
    const markdown = await auditExample(name, 'markdown');
    // THEN it ran cleanly, the operator was never denied by its own manifests (debugging with --as aside)
    expect(json.status).toBe(0);
    const model: AuditReportModel = JSON.parse(json.stdout);
    const operator = model.serviceAccounts.find((sa) => sa.declared)!;
    expect(operator.requests).toBeGreaterThan(20);
    expect(operator.denied.filter((p) => p.impersonatedRequests === 0)).toEqual([]);
    // the grants never used are reported, with the binding that grants them
    expect(operator.unused.length).toBeGreaterThan(0);
    expect(operator.unused.every((u) => u.binding.name !== '' && u.role.name !== '')).toBe(true);
    // and the README shows exactly this report
    const readme = fs.readFileSync(path.join(EXAMPLES_DIR, name, 'README.md'), 'utf-8');
    const shown = readme.slice(readme.indexOf(REPORT_START) + REPORT_START.length, readme.indexOf(REPORT_END)).trim();
    expect(shown).toBe(markdown.stdout.trim());
  });

  test.each(EXAMPLES)('%s: the suggested permissions (--format typescript), granted with SecureServiceAccount, allow every request it made', async (name) => {
    // GIVEN the TypeScript the audit prints
    const generated = await auditExample(name, 'typescript');
    const model: AuditReportModel = JSON.parse((await auditExample(name, 'json')).stdout);
    const operator = model.serviceAccounts.find((sa) => sa.declared)!;
    // WHEN it is compiled and its permissions are granted to the operator's ServiceAccount
    const compilerOptions = { module: ts.ModuleKind.CommonJS };
    const { outputText, diagnostics } = ts.transpileModule(generated.stdout, { reportDiagnostics: true, compilerOptions });
    expect(diagnostics).toEqual([]);
    const exports: Record<string, { namespaces: Record<string, library.Permission[]>; clusterWide: library.Permission[] }> = {};
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('exports', 'require', outputText)(exports, (id: string) => {
      if (id !== 'cdk8s-guardrails') throw new Error(`the generated code imports ${id}`);
      return library;
    });
    const permissions = Object.values(exports)[0];
    const chart = new Chart(Testing.app(), 'granted', { namespace: operator.namespace });
    const sa = new library.SecureServiceAccount(chart, 'sa', { metadata: { name: operator.name } });
    for (const [namespace, list] of Object.entries(permissions.namespaces)) sa.grantInNamespaces([namespace], ...list);
    if (permissions.clusterWide.length > 0) sa.grantClusterWide(...permissions.clusterWide);
    // THEN through effective access, every request it was allowed is allowed again (baseline requests aside)
    const grants = EffectiveAccess.compute(Testing.synth(chart)).forServiceAccount(operator.namespace, operator.name)!.grants;
    const used = operator.used.flatMap((p) => [...p.names, ...(p.unnamedRequests > 0 || p.names.length === 0 ? [''] : [])].map((n) => ({
      verb: p.verb, apiGroup: p.apiGroup, namespace: p.namespace, resource: p.resource, subresource: p.subresource ?? '', name: n,
    })));
    const notAllowed = used.filter((r) => !SuggestedRules.baselineAllows(r) && !grants.some((g) => RbacRuleMatch.grantAllows(g, r)));
    expect(notAllowed).toEqual([]);
    expect(used.length).toBeGreaterThan(3);
  });
});

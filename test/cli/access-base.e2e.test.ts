import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, requireBuiltCli, runCli, STACK_TRACE } from './built-cli';

beforeAll(() => requireBuiltCli());

const DIFF = path.join('test', 'fixtures', 'access-diff');

describe('access --base OLD NEW', () => {
  test('markdown: what the change adds, with the new path to cluster-admin-equivalent power', () => {
    const r = runCli(['access', '--base', path.join(DIFF, 'base.yaml'), path.join(DIFF, 'change.yaml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# ServiceAccount access: what this change does');
    expect(r.stdout).toContain('## `shop/deployer`\n\n**⚠️ Now reaches cluster-admin-equivalent power**');
    expect(r.stdout).toContain('**Pods that now carry its token**\n\n- Deployment `shop/worker`: automounted API token, in `worker`, `log-shipper`');
  });

  test('json: the diff model; the base from standard input', () => {
    const r = runCli(['access', '--format', 'json', '--base', '-', path.join(DIFF, 'change.yaml')], fs.readFileSync(path.join(REPO_ROOT, DIFF, 'base.yaml')));
    expect(r.status).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.serviceAccounts.map((s: any) => `${s.name} ${s.change} ${s.clusterAdmin?.change ?? '-'}`)).toEqual(['deployer changed gained', 'web changed -']);
    expect(diff.inputErrors).toEqual({ base: [], next: [] });
  });

  test('GIVEN the base and the input both from standard input THEN a usage error (exit 2), no stack trace', () => {
    const r = runCli(['access', '--base', '-', '-']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--base - and the input - both read standard input');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('GIVEN an unreadable base THEN exit 2, the comparison still written, the error named', () => {
    const r = runCli(['access', '--format', 'json', '--base', path.join(DIFF, 'missing.yaml'), path.join(DIFF, 'change.yaml')]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).inputErrors.base).toHaveLength(1);
    expect(r.stderr).toContain('missing.yaml');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('access --expand-builtin', () => {
  test('GIVEN a binding to the built-in edit THEN one row by default, every permission with the flag', () => {
    const input = [
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: web-edit, namespace: shop}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}', 'subjects: [{kind: ServiceAccount, name: web, namespace: shop}]',
    ].join('\n');
    const rows = (out: string) => out.split('\n').filter((l) => l.startsWith('| `shop` |')).length;
    const collapsed = runCli(['access', '-'], input);
    const expanded = runCli(['access', '--expand-builtin', '-'], input);
    expect([collapsed.status, expanded.status]).toEqual([0, 0]);
    expect(rows(collapsed.stdout)).toBe(1);
    expect(rows(expanded.stdout)).toBeGreaterThan(40);
  });
});

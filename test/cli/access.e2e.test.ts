import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, REPO_ROOT, requireBuiltCli, runCli, STACK_TRACE } from './built-cli';

beforeAll(() => requireBuiltCli());

describe('access', () => {
  test('json lists exactly the permissions the operator is granted, and the one container with its token', () => {
    // WHEN the built command reports on the operator fixture
    const r = runCli(['access', '--format', 'json', path.join(FIXTURES, 'operator.yaml')]);
    // THEN exit 0 and the operator's permissions are exactly its grants
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    const sa = report.serviceAccounts.find((s: any) => s.name === 'ingress-ctl');
    expect(sa.permissions.map((p: any) => `${p.namespace} ${p.apiGroup}/${p.resource} ${p.verbs.join(',')}`).sort()).toEqual([
      '* /nodes list',
      '* /secrets get',
      '* networking.k8s.io/ingresses get,list,watch',
      'apps /secrets get',
      'apps networking.k8s.io/ingresses get,list,watch',
      'ops /events create,patch',
      'ops coordination.k8s.io/leases get,create,update',
    ]);
    expect(sa.tokens.map((t: any) => `${t.kind}/${t.name} ${t.mount} ${t.containers.join(',')}`)).toEqual(['Deployment/ingress-ctl projected manager']);
    expect(report.inputErrors).toEqual([]);
  });

  test('markdown (the default) from stdin renders a Mermaid graph', () => {
    const r = runCli(['access', '-'], fs.readFileSync(path.join(REPO_ROOT, FIXTURES, 'operator.yaml')));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# ServiceAccount access');
    expect(r.stdout).toContain('```mermaid\ngraph LR\n');
    // get on every Secret cluster-wide reads kube-system's: cluster-admin-equivalent (issue 15).
    expect(r.stdout).toContain('⚠️ **rbac/secrets-access, rbac/cluster-admin-equivalent**');
  });

  test('unreadable input: exit 2, the report still covers what could be read', () => {
    const r = runCli(['access', '--format', 'json', path.join(FIXTURES, 'operator.yaml'), path.join(FIXTURES, 'no-kind.yaml')]);
    expect(r.status).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.inputErrors).toHaveLength(2);
    expect(report.serviceAccounts.map((s: any) => s.name)).toContain('ingress-ctl');
    expect(r.stderr).toContain(`${path.join(FIXTURES, 'no-kind.yaml')}:1: input error:`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

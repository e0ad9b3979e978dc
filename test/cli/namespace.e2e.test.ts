import { FIXTURES, removeTempDirs, requireBuiltCli, runCli } from './built-cli';

/**
 * Namespace-less installs (`kubectl apply -n NS -f install.yaml`): `-n` gives every command one
 * identity for an object, as kubectl puts it; without `-n`, namespace-less objects are in
 * `default`, in every rule and every report.
 */

const INSTALL = `${FIXTURES}/../namespaceless/install.yaml`;
const json = (stdout: string) => JSON.parse(stdout);

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('a namespace-less install', () => {
  test('GIVEN -n argocd WHEN checked THEN the pod, its ServiceAccount and the binding\'s subject argocd/agent are one identity: no missing ServiceAccount, no unnecessary token', () => {
    const report = json(runCli(['check', '--format', 'json', '--pack', 'tokens', '--pack', 'rbac', '-n', 'argocd', INSTALL]).stdout);
    const rules = report.findings.map((f: any) => `${f.ruleId} ${f.object.kind} ${f.object.namespace ?? '-'}/${f.object.name}`);
    expect(rules.filter((r: string) => /token\/unnecessary-token|token\/service-account-exists|rbac\/dangling-reference/.test(r))).toEqual([]);
    expect(report.defaultedNamespace).toEqual({ namespace: 'argocd', objects: 2 });
  });

  test('GIVEN no -n THEN namespace-less objects are in default, as kubectl would put them: the binding names argocd/agent, which is not there, and the pod\'s token serves nobody', () => {
    const report = json(runCli(['check', '--format', 'json', '--pack', 'tokens', '--pack', 'rbac', INSTALL]).stdout);
    const rules = report.findings.map((f: any) => `${f.ruleId} ${f.object.kind} ${f.object.namespace ?? '-'}/${f.object.name}`).sort();
    expect(rules).toEqual([
      'rbac/cluster-scope ClusterRoleBinding -/agent',
      'rbac/dangling-reference ClusterRoleBinding -/agent',
      'token/unnecessary-token Deployment default/agent',
    ]);
    const text = runCli(['check', '--pack', 'tokens', '--pack', 'rbac', INSTALL]).stdout;
    expect(text).toContain("note: 2 objects set no namespace and were checked in namespace 'default', where kubectl apply puts them (-n NS to choose another)");
    expect(text).toContain('Deployment default/agent');
  });

  test('GIVEN -n argocd WHEN the access report is made THEN check and access name the same account, argocd/agent, with its permissions and the pod that carries its token', () => {
    const access = json(runCli(['access', '--format', 'json', '-n', 'argocd', INSTALL]).stdout);
    const agent = access.serviceAccounts.find((sa: any) => sa.name === 'agent');
    expect(agent.namespace).toBe('argocd');
    expect(agent.permissions.length).toBeGreaterThan(0);
    expect(JSON.stringify(agent)).toContain('Deployment');
    expect(access.serviceAccounts.filter((sa: any) => sa.name === 'agent').map((sa: any) => sa.namespace)).toEqual(['argocd']);
    const split = json(runCli(['access', '--format', 'json', INSTALL]).stdout);
    expect(split.serviceAccounts.filter((sa: any) => sa.name === 'agent').map((sa: any) => sa.namespace).sort()).toEqual(['argocd', 'default']);
  });

  test('GIVEN -n argocd WHEN parsed THEN namespaced objects get argocd and cluster-scoped ones none, as kubectl apply sends them', () => {
    const lines = runCli(['parse', '-n', 'argocd', INSTALL]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((o: any) => `${o.kind} ${o.metadata.namespace ?? '-'}`)).toEqual(['ServiceAccount argocd', 'ClusterRole -', 'ClusterRoleBinding -', 'Deployment argocd']);
  });
});

import type { Manifest } from '../../../../src/k8s/manifest';
import { binding, deployment, inNamespace, role, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/cluster-admin-equivalent';
const sa = (name: string, namespace = 'apps') => inNamespace(serviceAccount(name), namespace);
const subject = (name: string, namespace = 'apps') => [{ kind: 'ServiceAccount', name, namespace }];
const deployments = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] };

describe(RULE, () => {
  test('GIVEN Deployments written cluster-wide THEN an error on the ServiceAccount with the path through kube-system\'s aggregation controller (main saw nothing)', () => {
    const [finding, ...rest] = runRule(RULE, [
      sa('ci'),
      role('ci', [deployments], 'ClusterRole'),
      binding('ci', { kind: 'ClusterRole', name: 'ci' }, subject('ci'), 'ClusterRoleBinding'),
    ]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', object: { kind: 'ServiceAccount', name: 'ci' }, path: '', target: 'apps/ci' });
    expect(finding.message).toMatch(new RegExp('^ServiceAccount apps/ci reaches cluster-admin-equivalent power in 4 steps: 1\\. create or change a workload whose pods run as '
      + 'any ServiceAccount in every namespace \\(create, update, patch deployments\\.apps cluster-wide, by ClusterRoleBinding ci -> ClusterRole ci\\); '
      + '2\\. any ServiceAccount of namespace kube-system; 3\\. run as ServiceAccount kube-system/[a-z-]+; 4\\. .* \\(.*\\(built in\\)'));
  });

  test('GIVEN the same permissions in one namespace (a Role) THEN no finding', () => {
    expect(runRule(RULE, [
      sa('ci'),
      inNamespace(role('ci', [deployments]), 'apps'),
      inNamespace(binding('ci', { kind: 'Role', name: 'ci' }, subject('ci')), 'apps'),
    ])).toEqual([]);
  });

  test('GIVEN a binding to cluster-admin THEN one step; an account only named by the binding THEN the finding is on that subject', () => {
    const findings = runRule(RULE, [binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'User', name: 'alice' }, ...subject('deployer')], 'ClusterRoleBinding')]);
    expect(findings).toMatchObject([{ object: { kind: 'ClusterRoleBinding', name: 'root' }, path: '/subjects/1', target: 'apps/deployer' }]);
    expect(findings[0].message).toContain('in 1 step: 1. every verb on every resource in every namespace');
  });

  test('GIVEN an account reached only through its namespace\'s group and run by a pod THEN the finding is on the pod\'s serviceAccountName', () => {
    const findings = runRule(RULE, [
      inNamespace(deployment('web', securePodSpec()), 'apps'),
      binding('ns-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'Group', name: 'system:serviceaccounts:apps' }], 'ClusterRoleBinding'),
    ]);
    expect(findings).toMatchObject([{ object: { kind: 'Deployment', name: 'web' }, path: '/spec/template/spec/serviceAccountName', target: 'apps/web' }]);
  });

  test('GIVEN exec into the pods of kube-system THEN a path (their accounts hold node and cluster credentials)', () => {
    const [finding] = runRule(RULE, [
      sa('debugger'),
      inNamespace(role('exec', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }]), 'kube-system'),
      inNamespace(binding('exec', { kind: 'Role', name: 'exec' }, subject('debugger')), 'kube-system'),
    ]);
    expect(finding.message).toContain('exec into the pods in namespace kube-system');
  });

  test('GIVEN a token Secret minted in a namespace whose other account is cluster-admin THEN both accounts are reported, each with its own path', () => {
    const findings = runRule(RULE, [
      sa('minter'), sa('admin'),
      inNamespace(role('mint', [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get'] }]), 'apps'),
      inNamespace(binding('mint', { kind: 'Role', name: 'mint' }, subject('minter')), 'apps'),
      binding('admin', { kind: 'ClusterRole', name: 'cluster-admin' }, subject('admin'), 'ClusterRoleBinding'),
    ]);
    expect(findings.map((f) => [f.target, f.message.match(/in (\d+) steps?/)![1]])).toEqual([['apps/minter', '3'], ['apps/admin', '1']]);
    expect(findings[0].message).toContain('create a kubernetes.io/service-account-token Secret and read the token for any ServiceAccount in namespace apps');
  });

  test('GIVEN namespace-less objects and -n team-a THEN the accounts are placed in team-a', () => {
    const manifests: Manifest[] = [serviceAccount('ci'), binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'ServiceAccount', name: 'ci', namespace: 'team-a' }], 'ClusterRoleBinding')];
    expect(runRule(RULE, manifests, { namespace: 'team-a' })).toMatchObject([{ object: { kind: 'ServiceAccount', name: 'ci' }, target: 'team-a/ci' }]);
  });

  test('GIVEN ConfigMaps written in every namespace THEN a warning (kube-system\'s aws-auth is cluster-admin on EKS only); with another path too THEN the error and that path', () => {
    const configMaps = [sa('cfg'), role('cfg', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'] }], 'ClusterRole'),
      binding('cfg', { kind: 'ClusterRole', name: 'cfg' }, subject('cfg'), 'ClusterRoleBinding')];
    const [eks] = runRule(RULE, configMaps);
    expect(eks).toMatchObject({ severity: 'warning', target: 'apps/cfg' });
    expect(eks.message).toMatch(/^ServiceAccount apps\/cfg reaches cluster-admin-equivalent power on EKS only in 1 step: 1\. write ConfigMap kube-system\/aws-auth/);
    // Creating pods in kube-system too: a (longer) path on every platform wins, at full severity.
    const [everywhere] = runRule(RULE, [...configMaps, inNamespace(role('pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]), 'kube-system'),
      inNamespace(binding('pods', { kind: 'Role', name: 'pods' }, subject('cfg')), 'kube-system')]);
    expect(everywhere).toMatchObject({ severity: 'error', target: 'apps/cfg' });
    expect(everywhere.message).toContain('1. create a pod that runs as any ServiceAccount in namespace kube-system');
  });

  test('GIVEN a suppression on the ServiceAccount with a reason THEN the finding is reported as suppressed', () => {
    const suppressed = { ...sa('ci'), metadata: { name: 'ci', namespace: 'apps', annotations: { 'guardrails.cdk8s.io/suppress': JSON.stringify([{ rule: RULE, target: 'apps/ci', reason: 'the cluster bootstrapper, run once by an administrator' }]) } } };
    const [finding] = runRule(RULE, [suppressed, binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, subject('ci'), 'ClusterRoleBinding')]);
    expect(finding).toMatchObject({ suppressed: true, reason: 'the cluster bootstrapper, run once by an administrator' });
  });
});

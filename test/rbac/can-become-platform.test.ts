import type { Manifest } from '../../src/k8s/manifest';
import { CanBecome } from '../../src/rbac/can-become';

const RBAC = 'rbac.authorization.k8s.io/v1';
const account: Manifest = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ctl', namespace: 'apps' } };
function grant(kind: 'Role' | 'ClusterRole', name: string, rules: unknown[], namespace?: string): Manifest[] {
  const meta = kind === 'Role' ? { name, namespace } : { name };
  return [
    { apiVersion: RBAC, kind, metadata: meta, rules },
    {
      apiVersion: RBAC,
      kind: kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
      subjects: [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'apps' }],
    },
  ];
}
const writeConfigMaps = grant('ClusterRole', 'cfg', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'] }]);

describe('CanBecome: paths that hold on one platform only', () => {
  test('GIVEN only the aws-auth path THEN it is the path, marked EKS', () => {
    const graph = CanBecome.compute([account, ...writeConfigMaps]);
    const path = graph.pathToClusterAdmin('apps', 'ctl')!;
    expect(path.map((e) => e.how)).toEqual(['aws-auth']);
    expect(CanBecome.platformsOf(path)).toEqual(['EKS']);
    expect(graph.clusterAdminEquivalents()).toEqual([{ namespace: 'apps', name: 'ctl', path, onlyOn: 'EKS' }]);
  });

  test('GIVEN a longer path that holds everywhere as well THEN that one, unmarked', () => {
    const graph = CanBecome.compute([account, ...writeConfigMaps, ...grant('Role', 'pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }], 'kube-system')]);
    const path = graph.pathToClusterAdmin('apps', 'ctl')!;
    expect(path[0].how).toBe('pod-create');
    expect(CanBecome.platformsOf(path)).toEqual([]);
    expect(graph.clusterAdminEquivalents()[0].onlyOn).toBeUndefined();
  });
});

import { binding, deployment, inNamespace, securePodSpec } from './helpers';
import { CanBecomeOf } from '../../src/compliance/can-become-of';
import { ManifestIndex } from '../../src/compliance/manifest-index';

describe('CanBecomeOf', () => {
  test('GIVEN an index THEN the graph is computed once and the pods run where kubectl -n puts them, Pods with their names', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { serviceAccountName: 'tools', containers: [{ name: 'c', image: 'x:1' }] } };
    const index = new ManifestIndex([
      { manifest: deployment('web', securePodSpec()) },
      { manifest: inNamespace(pod, 'ops') },
      { manifest: binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'team-a' }], 'ClusterRoleBinding') },
    ], 'team-a');
    expect(CanBecomeOf.runningPods(index)).toEqual([
      { namespace: 'team-a', serviceAccountName: 'web' },
      { namespace: 'ops', serviceAccountName: 'tools', podName: 'debug' },
    ]);
    const graph = CanBecomeOf.of(index);
    expect(CanBecomeOf.of(index)).toBe(graph);
    expect(graph.clusterAdminEquivalents().map((p) => `${p.namespace}/${p.name}`)).toEqual(['team-a/web']);
  });
});

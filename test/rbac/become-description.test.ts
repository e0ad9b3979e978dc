import { BecomeDescriptions } from '../../src/rbac/become-description';
import type { BecomeEdge, BecomeGrant } from '../../src/rbac/can-become';

const grant = (verb: string, extra: Partial<BecomeGrant> = {}): BecomeGrant => ({
  namespace: 'apps',
  apiGroup: 'apps',
  resource: 'deployments',
  verb,
  binding: { kind: 'RoleBinding', name: 'ci', namespace: 'apps' },
  role: { kind: 'Role', name: 'ci', builtIn: false },
  ...extra,
});
const edge = (grants: BecomeGrant[], description = 'create or change a workload whose pods run as any ServiceAccount in namespace apps'): BecomeEdge =>
  ({ from: 'sa:apps/ci', to: 'ns:apps', toKind: 'NamespaceServiceAccounts', how: 'workload-write', grants, description });

describe('BecomeDescriptions', () => {
  test('GIVEN grants that differ only in the verb THEN one phrase with the verbs, the place, binding and role', () => {
    expect(BecomeDescriptions.edge(edge([grant('create'), grant('patch')])))
      .toBe('create or change a workload whose pods run as any ServiceAccount in namespace apps (create, patch deployments.apps in apps, by RoleBinding apps/ci -> Role ci)');
  });

  test('GIVEN grants of two bindings, names, a cluster-wide built-in THEN each phrase says so', () => {
    const builtIn = grant('get', { namespace: '*', apiGroup: '', resource: 'secrets', resourceNames: ['a'], binding: { kind: 'ClusterRoleBinding', name: 'x', builtIn: true }, role: { kind: 'ClusterRole', name: 'y', builtIn: true } });
    expect(BecomeDescriptions.edge(edge([grant('create'), builtIn], 'd'))).toBe('d (create deployments.apps in apps, by RoleBinding apps/ci -> Role ci; get secrets [a] cluster-wide, by ClusterRoleBinding x (built in) -> ClusterRole y (built in))');
    expect(BecomeDescriptions.grant(builtIn)).toBe('get secrets [a] cluster-wide, by ClusterRoleBinding x (built in) -> ClusterRole y (built in)');
  });

  test('GIVEN a structural step and a path THEN the description alone, and the steps numbered', () => {
    const member = edge([], 'run as ServiceAccount apps/admin');
    expect(BecomeDescriptions.edge(member)).toBe('run as ServiceAccount apps/admin');
    expect(BecomeDescriptions.path([member, member])).toBe('1. run as ServiceAccount apps/admin; 2. run as ServiceAccount apps/admin');
  });
});

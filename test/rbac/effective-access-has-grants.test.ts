import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';

/**
 * `hasGrants` answers "does this ServiceAccount hold anything" without building the grants: it
 * must agree with the grants `forServiceAccount` materializes, for every kind of rule a role holds.
 */

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

function clusterRole(name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules };
}
function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', roleName: string, subject: Record<string, string>): Manifest {
  return {
    apiVersion: RBAC,
    kind,
    metadata: { name: `b-${roleName}`, ...(kind === 'RoleBinding' ? { namespace: 'ops' } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
    subjects: [subject],
  };
}
const CTL = { kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' };
const OPS_GROUP = { kind: 'Group', name: 'system:serviceaccounts:ops', apiGroup: RBAC_GROUP };
const ALL_GROUP = { kind: 'Group', name: 'system:serviceaccounts', apiGroup: RBAC_GROUP };

/** What `hasGrants` says for ops/ctl and how many grants it materializes, for one role bound one way. */
function holds(rules: unknown[], kind: 'RoleBinding' | 'ClusterRoleBinding', subject: Record<string, string> = CTL): [boolean, number] {
  const access = EffectiveAccess.compute([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ctl', namespace: 'ops' } },
    clusterRole('role', rules),
    binding(kind, 'role', subject),
  ]);
  return [access.hasGrants('ops', 'ctl'), access.forServiceAccount('ops', 'ctl')!.grants.length];
}

describe('EffectiveAccess.hasGrants agrees with the materialized grants', () => {
  test.each([
    // [what, rules, held through a RoleBinding, held through a ClusterRoleBinding]
    ['a namespaced resource', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], true, true],
    ['no verbs', [{ apiGroups: [''], resources: ['pods'], verbs: [] }], false, false],
    ['verbs that are not strings', [{ apiGroups: [''], resources: ['pods'], verbs: [7, null] }], false, false],
    ['verbs that are not a list', [{ apiGroups: [''], resources: ['pods'], verbs: 'get' }], false, false],
    ['apiGroups that are not strings', [{ apiGroups: [7], resources: ['pods'], verbs: ['get'] }], false, false],
    ['a null apiGroups entry (the core group to the API server)', [{ apiGroups: [null], resources: ['pods'], verbs: ['get'] }], true, true],
    ['resources that are not strings', [{ apiGroups: [''], resources: [7], verbs: ['get'] }], false, false],
    ['no apiGroups', [{ resources: ['pods'], verbs: ['get'] }], false, false],
    ['no resources', [{ apiGroups: [''], verbs: ['get'] }], false, false],
    ['only a cluster-scoped resource', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }], false, true],
    ['a cluster-scoped resource after a string-less group', [{ apiGroups: [7, ''], resources: [7, 'nodes'], verbs: ['get'] }], false, true],
    ['a cluster-scoped resource name in every group (*)', [{ apiGroups: ['*'], resources: ['nodes'], verbs: ['get'] }], true, true],
    ['only a non-resource URL', [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }], false, true],
    ['non-resource URLs that are not strings', [{ nonResourceURLs: [7], verbs: ['get'] }], false, false],
    ['a verb-less rule, then a granting one', [{ nonResourceURLs: ['/metrics'], verbs: [] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }], true, true],
    ['a cluster-scoped rule, then a namespaced one', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }], true, true],
  ])('GIVEN a role with %s THEN hasGrants is %s through a RoleBinding and %s through a ClusterRoleBinding', (_what, rules, namespaced, clusterWide) => {
    for (const [kind, expected] of [['RoleBinding', namespaced], ['ClusterRoleBinding', clusterWide]] as const) {
      const [has, count] = holds(rules, kind);
      expect([kind, has]).toEqual([kind, expected]);
      expect([kind, count > 0]).toEqual([kind, expected]);
    }
  });

  test('GIVEN a role granting nothing bound to the groups of every ServiceAccount THEN nobody holds anything; a granting one reaches everybody', () => {
    for (const group of [OPS_GROUP, ALL_GROUP]) {
      expect(holds([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }], 'RoleBinding', group)).toEqual([false, 0]);
      expect(holds([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], 'RoleBinding', group)).toEqual([true, 1]);
    }
  });

  test('GIVEN a rule with resourceNames THEN its grants carry them; GIVEN an empty resourceNames list THEN none (every object)', () => {
    const grantsOf = (resourceNames: unknown) => {
      const access = EffectiveAccess.compute([
        clusterRole('role', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames }]),
        binding('ClusterRoleBinding', 'role', CTL),
      ]);
      return access.forServiceAccount('ops', 'ctl')!.grants.map((g) => ('resourceNames' in g ? g.resourceNames : 'every object'));
    };
    expect(grantsOf(['cfg', 7])).toEqual([['cfg']]);
    expect(grantsOf([])).toEqual(['every object']);
    expect(grantsOf([7])).toEqual(['every object']);
  });
});

describe('EffectiveAccess user subjects', () => {
  test('GIVEN a User system:serviceaccount:<ns>:<name> with a third part THEN it is no ServiceAccount (Kubernetes splits into exactly two)', () => {
    const access = EffectiveAccess.compute([
      clusterRole('role', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      binding('ClusterRoleBinding', 'role', { kind: 'User', name: 'system:serviceaccount:ops:ctl:extra' }),
      { ...binding('ClusterRoleBinding', 'role', { kind: 'User', name: 'system:serviceaccount:ops:web' }), metadata: { name: 'web' } },
    ]);
    expect(access.serviceAccounts().map((sa) => `${sa.namespace}/${sa.name}`)).toEqual(['ops/web']);
    expect(access.isKnown('ops', 'ctl')).toBe(false);
  });
});

describe('EffectiveAccess subjects and references', () => {
  const POD_READER = clusterRole('role', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
  const known = (access: EffectiveAccess) => access.serviceAccounts().map((sa) => `${sa.namespace}/${sa.name}`);

  test('GIVEN ServiceAccount user and group names on subjects of the wrong kind THEN they reach no ServiceAccount', () => {
    const access = EffectiveAccess.compute([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ctl', namespace: 'ops' } },
      POD_READER,
      {
        ...binding('ClusterRoleBinding', 'role', CTL),
        subjects: [
          { kind: 'Group', name: 'system:serviceaccount:ops:ctl' },
          { kind: 'User', name: 'system:serviceaccounts' },
          { kind: 'User', name: 'system:authenticated' },
          { kind: 'User', name: 'system:serviceaccounts:ops' },
          { kind: 'User', name: 'alice' },
        ],
      },
    ]);
    expect(known(access)).toEqual(['ops/ctl']);
    expect(access.hasGrants('ops', 'ctl')).toBe(false);
    expect(access.hasGrants('', 'ctl')).toBe(false);
  });

  test('GIVEN a roleRef of an unknown kind, without a string name, or with a ClusterRoleBinding to a Role THEN it is no missing role, and grants nothing', () => {
    const access = EffectiveAccess.compute([
      POD_READER,
      { ...binding('RoleBinding', 'role', CTL), roleRef: { apiGroup: RBAC_GROUP, kind: 'Widget', name: 'role' } },
      { ...binding('RoleBinding', 'role', CTL), roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 7 } },
      { ...binding('ClusterRoleBinding', 'role', CTL), roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: 'role' } },
    ]);
    expect(access.missingRoles()).toEqual([]);
    expect(access.hasGrants('ops', 'ctl')).toBe(false);
  });

  test('GIVEN a RoleBinding to a missing ClusterRole THEN it is reported without a namespace; a ClusterRoleBinding\'s grants have none either', () => {
    const access = EffectiveAccess.compute([POD_READER, binding('RoleBinding', 'gone', CTL), binding('ClusterRoleBinding', 'role', CTL)]);
    expect(access.missingRoles()).toStrictEqual([
      { binding: { kind: 'RoleBinding', name: 'b-gone', namespace: 'ops' }, roleRef: { kind: 'ClusterRole', name: 'gone' } },
    ]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants[0].binding).toStrictEqual({ kind: 'ClusterRoleBinding', name: 'b-role' });
  });

  test('GIVEN Roles of one name in two namespaces THEN each RoleBinding grants its own namespace\'s Role', () => {
    const role = (namespace: string, resource: string): Manifest =>
      ({ apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace }, rules: [{ apiGroups: [''], resources: [resource], verbs: ['get'] }] });
    const bind = (namespace: string): Manifest =>
      ({ apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'b', namespace }, roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: 'r' }, subjects: [CTL] });
    const access = EffectiveAccess.compute([role('a', 'pods'), role('b', 'secrets'), bind('a'), bind('b')]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants.map((g) => `${g.namespace}:${g.resource}`)).toEqual(['a:pods', 'b:secrets']);
  });

  test('GIVEN roles whose rules are not a list and a binding whose subjects are not a list THEN they hold and grant nothing, not a crash', () => {
    const access = EffectiveAccess.compute([
      { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'odd' }, rules: 'get pods' } as unknown as Manifest,
      { ...binding('ClusterRoleBinding', 'odd', CTL), subjects: 'ctl' } as unknown as Manifest,
    ]);
    expect(access.resolveRole('ClusterRole', 'odd')!.rules).toEqual([]);
    expect(access.serviceAccounts()).toEqual([]);
  });
});

import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess, GrantSet } from '../../src/rbac/effective-access';

/**
 * `holdersOf` finds who holds a kind of grant without building a grant set per identity (what
 * "who can become whom" uses to skip the accounts that hold no capability); `isInInput` tells the
 * input's accounts from those only the bootstrap policy names. Both must agree with the grant
 * sets `grantSetsOf` and `grantSetsOfUser` build one identity at a time.
 */

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

const READ_PODS = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
const CREATE_PODS = { apiGroups: [''], resources: ['pods'], verbs: ['create'] };

function clusterRole(name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules };
}
function binding(name: string, roleName: string, subjects: Array<Record<string, string>>, namespace?: string): Manifest {
  return {
    apiVersion: RBAC,
    kind: namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: { name, ...(namespace !== undefined ? { namespace } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
    subjects,
  };
}
const sa = (namespace: string, name: string) => ({ kind: 'ServiceAccount', name, namespace });
const group = (name: string) => ({ kind: 'Group', name, apiGroup: RBAC_GROUP });
const user = (name: string) => ({ kind: 'User', name, apiGroup: RBAC_GROUP });

/** Grants pods creation, the kind looked for. */
const createsPods = (set: GrantSet) => set.triples.some((t) => t.verb === 'create' && t.resource === 'pods');

const ACCOUNTS: Array<[string, string]> = [['ops', 'ctl'], ['ops', 'web'], ['apps', 'api'], ['apps', 'db'], ['kube-system', 'default']];
const USERS = ['alice', 'bob'];

/** `holdersOf` against the sets built one identity at a time, for every account and user above. */
function agree(manifests: Manifest[]): { accounts: string[]; users: string[] } {
  const access = EffectiveAccess.compute(manifests, { bootstrapBindings: true });
  const holders = access.holdersOf(createsPods);
  const accounts: string[] = [];
  for (const [namespace, name] of ACCOUNTS) {
    const expected = access.grantSetsOf(namespace, name).some(createsPods);
    expect(holders.holdsServiceAccount(namespace, name)).toBe(expected);
    if (expected) accounts.push(`${namespace}/${name}`);
  }
  const users: string[] = [];
  for (const name of USERS) {
    const expected = access.grantSetsOfUser(name).some(createsPods);
    expect(holders.holdsUser(name)).toBe(expected);
    if (expected) users.push(name);
  }
  return { accounts, users };
}

describe('EffectiveAccess.holdersOf', () => {
  test('a ServiceAccount bound directly holds; one bound to a role without the grant does not', () => {
    expect(agree([
      clusterRole('creator', [CREATE_PODS]),
      clusterRole('reader', [READ_PODS]),
      binding('b1', 'creator', [sa('ops', 'ctl')], 'ops'),
      binding('b2', 'reader', [sa('ops', 'web'), user('bob')]),
    ])).toEqual({ accounts: ['ops/ctl'], users: [] });
  });

  test('a namespace group reaches every account of the namespace, and only those', () => {
    expect(agree([clusterRole('creator', [CREATE_PODS]), binding('b', 'creator', [group('system:serviceaccounts:apps')], 'apps')]))
      .toEqual({ accounts: ['apps/api', 'apps/db'], users: [] });
  });

  test('system:serviceaccounts reaches every account; system:authenticated every account and every user', () => {
    expect(agree([clusterRole('creator', [CREATE_PODS]), binding('b', 'creator', [group('system:serviceaccounts')])]))
      .toEqual({ accounts: ACCOUNTS.map(([n, a]) => `${n}/${a}`), users: [] });
    expect(agree([clusterRole('creator', [CREATE_PODS]), binding('b', 'creator', [group('system:authenticated')])]))
      .toEqual({ accounts: ACCOUNTS.map(([n, a]) => `${n}/${a}`), users: USERS });
  });

  test('a namespace group bound to a role without the grant does not make the namespace hold it', () => {
    expect(agree([
      clusterRole('creator', [CREATE_PODS]),
      clusterRole('reader', [READ_PODS]),
      binding('b1', 'reader', [group('system:serviceaccounts:apps')], 'apps'),
      binding('b2', 'creator', [sa('ops', 'web')], 'ops'),
    ])).toEqual({ accounts: ['ops/web'], users: [] });
  });

  test('a user bound by name holds; a ServiceAccount named as a user is the account', () => {
    expect(agree([
      clusterRole('creator', [CREATE_PODS]),
      binding('b', 'creator', [user('alice'), user('system:serviceaccount:apps:db')]),
    ])).toEqual({ accounts: ['apps/db'], users: ['alice'] });
  });

  test('the question is asked once per role and scope kind, not once per binding or identity', () => {
    const access = EffectiveAccess.compute([
      clusterRole('creator', [CREATE_PODS]),
      ...Array.from({ length: 20 }, (_, i) => binding(`b${i}`, 'creator', [sa('ops', `sa${i}`)], 'ops')),
      binding('cluster', 'creator', [sa('apps', 'api')]),
    ]);
    const asked: string[] = [];
    access.holdersOf((set) => {
      asked.push(set.key);
      return createsPods(set);
    });
    expect(asked.length).toBe(2);
    expect(new Set(asked).size).toBe(2);
  });
});

describe('EffectiveAccess.isInInput', () => {
  const access = EffectiveAccess.compute([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'declared', namespace: 'ops' } },
    clusterRole('reader', [READ_PODS]),
    binding('b', 'reader', [sa('ops', 'bound'), sa('kube-system', 'bound-too')]),
  ], { bootstrapBindings: true });

  test('declared and bound accounts are in the input', () => {
    expect(access.isInInput('ops', 'declared')).toBe(true);
    expect(access.isInInput('ops', 'bound')).toBe(true);
    expect(access.isInInput('kube-system', 'bound-too')).toBe(true);
  });

  test('an account only a bootstrap binding names is known, but not in the input', () => {
    // system:controller:replicaset-controller is bound to kube-system/replicaset-controller by the bootstrap policy.
    expect(access.isKnown('kube-system', 'replicaset-controller')).toBe(true);
    expect(access.isInInput('kube-system', 'replicaset-controller')).toBe(false);
    expect(access.isInInput('ops', 'unknown')).toBe(false);
  });

  test('an input binding that also names a bootstrap account makes it an input account, whatever the order', () => {
    const withInput = EffectiveAccess.compute([binding('b', 'reader', [sa('kube-system', 'replicaset-controller')]), clusterRole('reader', [READ_PODS])]);
    expect(withInput.withBootstrapBindings().isInInput('kube-system', 'replicaset-controller')).toBe(true);
  });
});

describe('EffectiveAccess: users, groups and reconciled roles', () => {
  test('users and groups named by subjects are listed sorted; a ServiceAccount named as a user is not a user', () => {
    const access = EffectiveAccess.compute([
      clusterRole('reader', [READ_PODS]),
      binding('b', 'reader', [user('zoe'), user('system:serviceaccount:apps:db'), user('adam'), group('ops'), group('dev')]),
    ]);
    expect(access.namedUsersAndGroups()).toEqual({ users: ['adam', 'zoe'], groups: ['dev', 'ops'] });
  });

  test('a user with no binding holds nothing, not even through system:authenticated when nothing binds it', () => {
    const access = EffectiveAccess.compute([clusterRole('reader', [READ_PODS]), binding('b', 'reader', [user('zoe')])]);
    expect(access.grantSetsOfUser('nobody')).toEqual([]);
    expect(access.grantSetsOfUser('zoe').map((set) => set.binding.name)).toEqual(['b']);
  });

  test('an input Role named like a bootstrap Role of its namespace is reconciled: it is listed with the rules the API server restores', () => {
    const access = EffectiveAccess.compute([
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'extension-apiserver-authentication-reader', namespace: 'kube-system' }, rules: [READ_PODS] },
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'extension-apiserver-authentication-reader', namespace: 'apps' }, rules: [READ_PODS] },
    ]);
    const reconciled = access.reconciledRoles();
    expect(reconciled.map((role) => `${role.kind} ${role.namespace}/${role.name}`)).toEqual(['Role kube-system/extension-apiserver-authentication-reader']);
    expect(reconciled[0].rules.length).toBeGreaterThan(1);
    expect(reconciled[0].restoredRules?.length).toBeGreaterThan(0);
  });
});

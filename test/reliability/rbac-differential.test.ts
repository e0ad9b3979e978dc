import * as fc from 'fast-check';
import { RUNS } from './arbitraries';
import { newApp } from './construct-builders';
import { isClusterScoped, referenceAccess, Request, requestedTuples, Rule, ruleTuples } from './rbac-reference';
import { RoleGrant } from '../../src/identity/role-grant';
import { ApiResource } from '../../src/rbac/api-resource';
import { AccessGrant, EffectiveAccess } from '../../src/rbac/effective-access';
import { GrantScope } from '../../src/rbac/grant-scope';
import { LeastPrivilege } from '../../src/rbac/least-privilege';
import { Permission } from '../../src/rbac/permission';
import { compareVerbs } from '../../src/rbac/policy-rule';
import { RbacSubject } from '../../src/rbac/rbac-subject';
import { mergeRules, PermissionEntry } from '../../src/rbac/rule-merger';

/**
 * Differential tests of the RBAC model against the naive reference in `rbac-reference.ts`: random
 * rule sets are expanded to (group, resource, verb, names) tuples by both and the sets compared.
 */

const PARAMS = { numRuns: RUNS.rbac };
const RBAC = 'rbac.authorization.k8s.io';

const GROUPS = ['', 'apps', 'example.com'];
const RESOURCES = ['pods', 'configmaps', 'deployments', 'widgets', 'pods/log', 'secrets'];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'use'];
const NAMES = ['n1', 'n2', 'n3'];

const entry: fc.Arbitrary<PermissionEntry> = fc.record({
  apiGroup: fc.constantFrom(...GROUPS),
  resource: fc.constantFrom(...RESOURCES),
  clusterScoped: fc.constant(false),
  verbs: fc.subarray(VERBS, { minLength: 1 }),
  resourceNames: fc.option(fc.subarray(NAMES, { minLength: 1 }), { nil: undefined }),
}, { requiredKeys: ['apiGroup', 'resource', 'clusterScoped', 'verbs'] });

const entries = fc.array(entry, { maxLength: 12 });

describe('least-privilege merge vs the naive reference', () => {
  test('the merged rules grant exactly the requested tuples, each exactly once', () => {
    fc.assert(fc.property(entries, (list) => {
      const rules = mergeRules(list);
      const granted = rules.flatMap((rule) => ruleTuples(rule));
      expect(new Set(granted)).toEqual(requestedTuples(list));
      // Each (group, resource, verb) is decided by one rule only: no duplicate or overlapping grant.
      const decisions = granted.map((t) => t.split('|').slice(0, 3).join('|'));
      expect(new Set(decisions).size).toBe(decisions.length);
    }), PARAMS);
  });

  test('the result does not depend on the order of the requests, and is canonically sorted', () => {
    const listAndShuffled = entries.chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    fc.assert(fc.property(listAndShuffled, ([list, shuffled]) => {
      const rules = mergeRules(list);
      expect(mergeRules(shuffled)).toEqual(rules);
      for (const rule of rules) {
        expect(rule.verbs).toEqual([...rule.verbs].sort(compareVerbs));
        expect(rule.resources).toEqual([...rule.resources!].sort());
        expect(rule.apiGroups).toEqual([...rule.apiGroups!].sort());
      }
    }), PARAMS);
  });

  test('no two rules could be merged by a plain union (same verbs and names, and same groups or same resources)', () => {
    fc.assert(fc.property(entries, (list) => {
      const rules = mergeRules(list);
      const key = (r: Rule) => `${r.verbs.join(',')}|${(r.resourceNames ?? []).join(',')}`;
      for (let i = 0; i < rules.length; i++) {
        for (let j = i + 1; j < rules.length; j++) {
          const [a, b] = [rules[i], rules[j]];
          if (key(a) !== key(b)) continue;
          expect(a.apiGroups!.join(',')).not.toBe(b.apiGroups!.join(','));
          expect(a.resources!.join(',')).not.toBe(b.resources!.join(','));
        }
      }
    }), PARAMS);
  });
});

/** A permission built through the public API, with what it asks for in reference terms. */
interface PermissionCase {
  readonly requests: Request[];
  readonly build: () => Permission;
}

const RESOURCE_CHOICES: ReadonlyArray<[string, () => ApiResource]> = [
  ['pods', () => ApiResource.PODS],
  ['configmaps', () => ApiResource.CONFIG_MAPS],
  ['deployments', () => ApiResource.DEPLOYMENTS],
  ['nodes', () => ApiResource.NODES],
  ['namespaces', () => ApiResource.NAMESPACES],
  ['persistentvolumes', () => ApiResource.PERSISTENT_VOLUMES],
  ['pods/log', () => ApiResource.PODS_LOG],
  ['widgets', () => ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' })],
  ['clusterwidgets', () => ApiResource.custom({ apiGroup: 'example.com', resource: 'clusterwidgets', clusterScoped: true })],
];
const NAMEABLE_VERBS = ['get', 'update', 'patch', 'delete'];

const permissionCase: fc.Arbitrary<PermissionCase> = fc.tuple(
  fc.subarray(RESOURCE_CHOICES.map((_, i) => i), { minLength: 1, maxLength: 3 }),
  fc.boolean(),
).chain(([indices, named]) => fc.tuple(
  fc.constant(indices),
  named ? fc.subarray(NAMEABLE_VERBS, { minLength: 1 }) : fc.subarray(VERBS, { minLength: 1 }),
  named ? fc.subarray(NAMES, { minLength: 1 }) : fc.constant(undefined),
)).map(([indices, verbs, names]) => {
  const resources = indices.map((i) => RESOURCE_CHOICES[i][1]());
  return {
    requests: resources.map((r) => ({ apiGroup: r.apiGroup, resource: r.resource, verbs, resourceNames: names })),
    // The justification accepts any catalogued risk (bind on roles, create pods, ...): refusals are tested elsewhere.
    build: () => Permission.custom({ resources: indices.map((i) => RESOURCE_CHOICES[i][1]()), verbs, resourceNames: names }).withJustification('needed by the differential test'),
  };
});

type ScopeCase = { kind: 'own' } | { kind: 'namespaces'; namespaces: string[]; template: boolean } | { kind: 'all' };

const scopeCase: fc.Arbitrary<ScopeCase> = fc.oneof(
  fc.constant<ScopeCase>({ kind: 'own' }),
  fc.record({ kind: fc.constant('namespaces' as const), namespaces: fc.uniqueArray(fc.constantFrom('ops', 'a', 'b', 'c'), { minLength: 1, maxLength: 3 }), template: fc.boolean() }),
  fc.constant<ScopeCase>({ kind: 'all' }),
);

function grantTuple(g: AccessGrant): string {
  return `${g.namespace}|${g.apiGroup}|${g.resource}|${g.verb}|${(g.resourceNames ?? []).join(',')}`;
}

describe('RoleGrant + EffectiveAccess vs the naive reference', () => {
  test('what a grant emits gives its ServiceAccount exactly the requested tuples in exactly the requested namespaces', () => {
    fc.assert(fc.property(fc.array(permissionCase, { minLength: 1, maxLength: 4 }), scopeCase, (cases, scope) => {
      // GIVEN permissions granted to ops/controller in a scope
      const { chart } = newApp('ops');
      new RoleGrant(chart, 'grant', {
        subjects: [RbacSubject.serviceAccount('ops', 'controller')],
        permissions: cases.map((c) => c.build()),
        grantScope: scope.kind === 'own' ? undefined : scope.kind === 'all' ? GrantScope.allNamespaces() : GrantScope.namespaces(scope.namespaces),
        clusterRoleTemplate: scope.kind === 'namespaces' ? scope.template : undefined,
      });
      // WHEN the synthesized manifests are analysed
      const manifests = chart.toJson();
      const access = EffectiveAccess.compute(manifests).forServiceAccount('ops', 'controller');
      // THEN the tuples are exactly the requested ones: cluster-scoped and all-namespace grants
      // everywhere (`*`), the rest in each namespace of the scope
      const namespaces = scope.kind === 'own' ? ['ops'] : scope.kind === 'all' ? ['*'] : scope.namespaces;
      const expected = requestedTuples(cases.flatMap((c) => c.requests), (r) => (isClusterScoped(r.apiGroup, r.resource) || r.resource === 'clusterwidgets' ? ['*'] : namespaces));
      const actual = new Set((access?.grants ?? []).map(grantTuple).map((t) => (t.endsWith('|') ? `${t}*` : t)));
      expect([...actual].sort()).toEqual([...expected].map((t) => t).sort());
      // AND no binding is cluster-wide unless something had to be
      const clusterWide = manifests.some((m) => m.kind === 'ClusterRoleBinding');
      expect(clusterWide).toBe([...expected].some((t) => t.startsWith('*|')));
    }), PARAMS);
  });

  test('LeastPrivilege.rules grants the union of the permissions (namespaced and cluster-scoped together)', () => {
    fc.assert(fc.property(fc.array(permissionCase, { minLength: 1, maxLength: 4 }), (cases) => {
      const rules = LeastPrivilege.rules(cases.map((c) => c.build()));
      expect(new Set(rules.flatMap((r) => ruleTuples(r)))).toEqual(requestedTuples(cases.flatMap((c) => c.requests)));
    }), PARAMS);
  });
});

// Random RBAC objects as any YAML could hold them (not only what the constructs emit).
const anyRule: fc.Arbitrary<Rule> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      apiGroups: fc.subarray(['', 'apps', 'example.com', '*'], { minLength: 1, maxLength: 2 }),
      resources: fc.subarray(['pods', 'configmaps', 'secrets', 'deployments', 'nodes', 'namespaces', 'pods/log', 'nodes/proxy', '*'], { minLength: 1, maxLength: 3 }),
      verbs: fc.subarray(['get', 'list', 'watch', 'create', 'delete', '*'], { minLength: 1, maxLength: 3 }),
      resourceNames: fc.option(fc.subarray(NAMES, { minLength: 1 }), { nil: undefined }),
    }, { requiredKeys: ['apiGroups', 'resources', 'verbs'] }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      nonResourceURLs: fc.subarray(['/metrics', '/healthz', '*'], { minLength: 1 }),
      verbs: fc.subarray(['get', 'post', '*'], { minLength: 1 }),
    }),
  },
);

const LABELS = [{}, { agg: 'yes' }, { agg: 'yes', loop: 'yes' }, { loop: 'no' }, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }];
/**
 * Aggregation selectors: roles labelled `agg: yes` that select `agg: yes` aggregate each other (a
 * cycle), `aggregate-to-*` ones cycle through the built-ins, `{}` selects every ClusterRole
 * (cluster-admin included), and the expressions select roles with or without a label.
 */
const SELECTORS = [
  [{ matchLabels: { agg: 'yes' } }],
  [{ matchLabels: { loop: 'yes' } }, { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }],
  [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }],
  [{}],
  [{ matchExpressions: [{ key: 'loop', operator: 'In', values: ['yes'] }] }],
  [{ matchExpressions: [{ key: 'loop', operator: 'NotIn', values: ['yes'] }, { key: 'kubernetes.io/bootstrapping', operator: 'DoesNotExist' }] }],
  [{ matchExpressions: [{ key: 'loop', operator: 'Exists' }] }],
  [{ matchExpressions: [{ key: 'agg', operator: 'Like', values: ['yes'] }] }],
];
const selectors = fc.option(fc.constantFrom(...SELECTORS), { nil: undefined });
const aggregationRule = (chosen: unknown[] | undefined) => (chosen ? { aggregationRule: { clusterRoleSelectors: chosen } } : {});
const maybeNamespace = fc.option(fc.constantFrom('a', 'b', 'default'), { nil: undefined });

const subject = fc.oneof(
  fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('x', 'y', 'default'), namespace: maybeNamespace }, { requiredKeys: ['kind', 'name'] }),
  fc.record({ kind: fc.constant('User'), apiGroup: fc.constant(RBAC), name: fc.constantFrom('system:serviceaccount:a:x', 'system:serviceaccount:b:z', 'alice', 'system:serviceaccount:bad') }),
  fc.record({ kind: fc.constant('Group'), apiGroup: fc.constant(RBAC), name: fc.constantFrom('system:serviceaccounts', 'system:serviceaccounts:a', 'system:serviceaccounts:b', 'system:authenticated', 'devs') }),
);

const rbacManifests = fc.record({
  roles: fc.array(fc.record({ name: fc.constantFrom('r0', 'r1'), namespace: maybeNamespace, rules: fc.array(anyRule, { maxLength: 3 }) }), { maxLength: 3 }),
  clusterRoles: fc.array(fc.record({ name: fc.constantFrom('c0', 'c1', 'c2'), labels: fc.constantFrom(...LABELS), rules: fc.array(anyRule, { maxLength: 3 }), selectors }), { maxLength: 3 }),
  aggregated: selectors,
  bindings: fc.array(fc.record({
    kind: fc.constantFrom('RoleBinding', 'ClusterRoleBinding'),
    name: fc.constantFrom('b0', 'b1', 'b2'),
    namespace: maybeNamespace,
    roleRef: fc.oneof(
      fc.record({ kind: fc.constant('Role'), name: fc.constantFrom('r0', 'r1', 'missing') }),
      fc.record({ kind: fc.constant('ClusterRole'), name: fc.constantFrom('c0', 'c1', 'c2', 'agg', 'view', 'edit', 'cluster-admin', 'missing') }),
    ),
    subjects: fc.array(subject, { minLength: 1, maxLength: 3 }),
  }), { maxLength: 5 }),
  serviceAccounts: fc.subarray(['a/x', 'a/y', 'b/x', 'b/default', 'default/y']),
}).map((s) => [
  ...s.serviceAccounts.map((sa) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace: sa.split('/')[0], name: sa.split('/')[1] } })),
  ...s.roles.map((r) => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }, rules: r.rules })),
  ...s.clusterRoles.map((r) => ({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: r.name, labels: r.labels }, rules: r.rules, ...aggregationRule(r.selectors) })),
  ...(s.aggregated ? [{ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'agg', labels: { loop: 'yes' } }, ...aggregationRule(s.aggregated), rules: [] }] : []),
  ...s.bindings.map((b) => ({
    apiVersion: `${RBAC}/v1`,
    kind: b.kind,
    metadata: { name: b.name, ...(b.kind === 'RoleBinding' && b.namespace ? { namespace: b.namespace } : {}) },
    roleRef: { apiGroup: RBAC, ...b.roleRef },
    subjects: b.subjects,
  })),
]);

function fullTuple(g: AccessGrant): string {
  const binding = `${g.binding.kind}/${g.binding.namespace ?? ''}/${g.binding.name}`;
  const role = `${g.role.kind}/${g.role.name}/${g.role.builtIn}`;
  return `${g.namespace}|${g.apiGroup}|${g.resource}|${g.verb}|${(g.resourceNames ?? []).join(',')}|${g.nonResourceURL ?? ''}|${binding}|${role}`;
}

describe('EffectiveAccess.compute vs the naive reference', () => {
  test('every ServiceAccount gets exactly the reference tuples, with the binding and role they come from', () => {
    fc.assert(fc.property(rbacManifests, (manifests) => {
      const reference = referenceAccess(manifests);
      const computed = EffectiveAccess.compute(manifests as any);
      const accounts = computed.serviceAccounts();
      expect(accounts.map((a) => `${a.namespace}/${a.name}`).sort()).toEqual([...reference.keys()].sort());
      for (const account of accounts) {
        const actual = new Set(account.grants.map(fullTuple));
        expect([...actual].sort()).toEqual([...reference.get(`${account.namespace}/${account.name}`)!].sort());
      }
    }), PARAMS);
  });

  test('the result does not depend on the order of the input (ClusterRoles, cycles and empty selectors included)', () => {
    // Unique names: with two objects of one name, the last one wins, which an order change changes.
    const key = (m: { kind: string; metadata: { name: string; namespace?: string } }) => `${m.kind}/${m.metadata.namespace ?? 'default'}/${m.metadata.name}`;
    const unique = rbacManifests.map((manifests) => manifests.filter((m, i) => manifests.findIndex((o) => key(o) === key(m)) === i));
    const inTwoOrders = unique.chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    fc.assert(fc.property(inTwoOrders, ([manifests, shuffled]) => {
      const [a, b] = [EffectiveAccess.compute(manifests as any), EffectiveAccess.compute(shuffled as any)];
      const names = ['c0', 'c1', 'c2', 'agg', 'view', 'edit', 'admin'];
      // Roles are resolved in opposite orders too (a cycle must not be cut where the walk entered it).
      [...names].reverse().forEach((name) => b.resolveRole('ClusterRole', name));
      for (const name of names) {
        expect(b.resolveRole('ClusterRole', name)?.rules).toEqual(a.resolveRole('ClusterRole', name)?.rules);
      }
      const tuples = (access: EffectiveAccess) => access.serviceAccounts().map((sa) => `${sa.namespace}/${sa.name}: ${[...new Set(sa.grants.map(fullTuple))].sort().join(' ')}`);
      expect(tuples(b)).toEqual(tuples(a));
    }), PARAMS);
  });

  test('the input is not modified', () => {
    fc.assert(fc.property(rbacManifests, (manifests) => {
      const before = JSON.stringify(manifests);
      EffectiveAccess.compute(manifests as any).serviceAccounts();
      expect(JSON.stringify(manifests)).toBe(before);
    }), { numRuns: 30 });
  });
});

describe('EffectiveAccess.withBootstrapBindings', () => {
  test('equals compute with bootstrapBindings (accounts, users, missing roles), and leaves the access it extends unchanged', () => {
    fc.assert(fc.property(rbacManifests, (manifests) => {
      const tuples = (access: EffectiveAccess) => access.serviceAccounts().map((sa) => `${sa.namespace}/${sa.name}: ${sa.grants.map(fullTuple).join(' ')}`);
      const users = (access: EffectiveAccess) => access.namedUsersAndGroups().users.map((u) => `${u}: ${access.grantSetsOfUser(u).map((s) => s.key).join(' ')}`);
      const base = EffectiveAccess.compute(manifests as any);
      const before = tuples(base);
      const extended = base.withBootstrapBindings();
      const direct = EffectiveAccess.compute(manifests as any, { bootstrapBindings: true });
      expect(tuples(extended)).toEqual(tuples(direct));
      expect(users(extended)).toEqual(users(direct));
      expect(extended.missingRoles()).toEqual(direct.missingRoles());
      expect(tuples(base)).toEqual(before);
      expect(extended.withBootstrapBindings()).toBe(extended);
    }), PARAMS);
  });

  test('GIVEN an input binding to an account a bootstrap binding also binds THEN the extended access holds both, and the access it extends only the input one', () => {
    const manifests = [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'reader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'replicaset-controller', namespace: 'kube-system' }],
      },
    ];
    const roles = (access: EffectiveAccess) => access.rolesOf('kube-system', 'replicaset-controller').map((role) => role.name);
    const base = EffectiveAccess.compute(manifests as any);
    const extended = base.withBootstrapBindings();
    // Bound to the account itself: the input's role and the controller's (the baseline roles come through groups).
    expect(roles(extended).slice(0, 2)).toEqual(['reader', 'system:controller:replicaset-controller']);
    expect(roles(base)).toEqual(['reader']);
    expect(roles(EffectiveAccess.compute(manifests as any, { bootstrapBindings: true }))).toEqual(roles(extended));
  });
});

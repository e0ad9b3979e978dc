import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { RiskCatalogue } from '../../src/compliance/risk-catalogue';
import { CLUSTER_ADMIN_BINDING } from '../../src/compliance/rules/rbac/cluster-admin-binding';
import { DEFAULT_SERVICE_ACCOUNT_BINDING } from '../../src/compliance/rules/rbac/default-service-account-binding';
import { SYSTEM_GROUP_BINDING } from '../../src/compliance/rules/rbac/system-group-binding';
import { RoleGrant, RoleGrantProps } from '../../src/identity/role-grant';
import { KnownResources } from '../../src/k8s/known-resources';
import type { Manifest } from '../../src/k8s/manifest';
import { ApiResource } from '../../src/rbac/api-resource';
import { EffectiveAccess } from '../../src/rbac/effective-access';
import { GrantScope } from '../../src/rbac/grant-scope';
import { LeastPrivilege } from '../../src/rbac/least-privilege';
import { Permission } from '../../src/rbac/permission';
import { compareVerbs } from '../../src/rbac/policy-rule';
import { RbacSubject } from '../../src/rbac/rbac-subject';
import { mergeRules } from '../../src/rbac/rule-merger';
import { bindingContext } from '../compliance/rule-harness';
import { newChart } from '../helpers';

/**
 * Boundary cases of the RBAC model that mutation testing showed no other test pinned down: each
 * test fails if the condition it names is inverted, dropped or widened.
 */

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';

function clusterRole(name: string, options: { labels?: Record<string, string>; rules?: unknown[]; aggregationRule?: unknown } = {}): Manifest {
  const { labels, ...rest } = options;
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules: [], ...rest };
}
function rules(resource: string): unknown[] {
  return [{ apiGroups: [''], resources: [resource], verbs: ['get'] }];
}
function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: { kind: string; name: string }, subjects: unknown[], namespace?: string): Manifest {
  return { apiVersion: RBAC, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, roleRef: { apiGroup: RBAC_GROUP, ...roleRef }, subjects };
}
function serviceAccount(namespace: string, name: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { namespace, name } };
}
/** The resources a ServiceAccount can `get`, sorted. */
function readable(access: EffectiveAccess, namespace: string, name: string): string[] {
  return [...new Set((access.forServiceAccount(namespace, name)?.grants ?? []).map((g) => g.resource))].sort();
}

describe('ApiResource names', () => {
  test.each([
    ['nosuchthings', /'nosuchthings' is not a well-known Kubernetes resource; use ApiResource.custom/],
    ['pods/log/extra', /'pods\/log\/extra' is not a well-known/],
    ['deployment', /\(did you mean 'deployments'\?\)/],
  ])('ApiResource.of(%s) is refused with a hint', (name, message) => {
    expect(() => ApiResource.of(name)).toThrow(message);
  });

  test('ApiResource.of finds the group and keeps a subresource', () => {
    expect([ApiResource.of('deployments'), ApiResource.of('pods/log'), ApiResource.of('nodes')].map((r) => [r.toString(), r.clusterScoped]))
      .toEqual([['apps/deployments', false], ['core/pods/log', false], ['core/nodes', true]]);
  });

  test.each([
    // [apiGroup, resource, expected problem or '' when valid]
    ['example.com', 'widgets', ''],
    ['', 'pods/log', ''],
    ['*', 'widgets', ''],
    ['', '*', ''],
    ['', '*/status', ''],
    ['Example.com', 'widgets', "apiGroup 'Example.com' is not a valid API group"],
    ['', 'pods/*', "resource 'pods/*' must be a lowercase plural resource name"],
    ['', 'a/b/c', "resource 'a/b/c' must be a lowercase plural"],
    ['', 'Deployment', "(did you mean 'deployments'?)"],
    ['', 'deployment', "resource 'deployment' must be the plural resource name: did you mean 'deployments'?"],
  ])('custom(%j, %j): %s', (apiGroup, resource, problem) => {
    const problems = ApiResource.custom({ apiGroup, resource })._problems();
    if (problem === '') expect(problems).toEqual([]);
    else expect(problems).toEqual([expect.stringContaining(problem)]);
  });

  test('no hint repeats the name itself (three segments of a known resource)', () => {
    expect(ApiResource.custom({ apiGroup: '', resource: 'pods/log/x' })._problems()[0]).not.toMatch(/did you mean/);
  });
});

describe('KnownResources', () => {
  test('cluster scope depends on the group, with * matching any group', () => {
    expect([
      KnownResources.isClusterScoped('', 'nodes'),
      KnownResources.isClusterScoped('*', 'nodes'),
      KnownResources.isClusterScoped('', 'nodes/proxy'),
      KnownResources.isClusterScoped('apps', 'nodes'),
      KnownResources.isClusterScoped('', 'pods'),
      KnownResources.isClusterScoped('', 'widgets'),
    ]).toEqual([true, true, true, false, false, false]);
  });

  test('all() lists the table', () => {
    expect(KnownResources.all().map((r) => r.resource)).toEqual(expect.arrayContaining(['pods', 'deployments', 'nodes', 'leases']));
  });
});

describe('Permission descriptions and problems (they are what error messages quote)', () => {
  test('each factory describes what was asked for', () => {
    const widgets = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });
    expect([
      Permission.read(ApiResource.PODS, ApiResource.CONFIG_MAPS),
      Permission.manage(ApiResource.SERVICES),
      Permission.reconcile(widgets),
      Permission.updateStatus(widgets),
      Permission.events(),
      Permission.leaderElection(),
      Permission.getNamed(ApiResource.CONFIG_MAPS, 'a', 'b'),
      Permission.custom({ resources: [ApiResource.PODS, ApiResource.SERVICES], verbs: ['get', 'delete'] }),
    ].map((p) => p.description)).toEqual([
      'read(pods, configmaps)', 'manage(services)', 'reconcile(widgets)', 'updateStatus(widgets)', 'events()', 'leaderElection()',
      'getNamed(configmaps: a, b)', 'custom(pods, services: get, delete)',
    ]);
  });

  test.each([
    [['x', ''], "resourceNames ['x', ''] must list object names, none empty or '*'"],
    [['*'], "resourceNames ['*'] must list object names"],
    [[], 'resourceNames [] must list object names'],
  ])('resourceNames %j are refused', (names, problem) => {
    expect(Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get'], resourceNames: names })._problems()).toEqual([expect.stringContaining(problem)]);
  });

  test('valid names limit every verb the authorizer names: create (by POST) and deletecollection are refused with them', () => {
    expect(Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['a'] })._problems()).toEqual([]);
    expect(Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', 'list', '*'], resourceNames: ['a'], wildcardJustification: 'x' })._problems()).toEqual([]);
    expect(Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', 'create', 'deletecollection'], resourceNames: ['a'] })._problems())
      .toEqual([expect.stringContaining("resourceNames never match verbs 'create', 'deletecollection': a create (by POST) or deletecollection request names no object")]);
  });

  test('a wildcard is described in the problem, and its justification is kept trimmed only when there is a wildcard', () => {
    expect(Permission.custom({ resources: [ApiResource.custom({ apiGroup: '*', resource: '*' })], verbs: ['get'] })._problems())
      .toEqual([expect.stringContaining("apiGroup '*', resource '*' is a wildcard: name the exact resources and verbs, or give a written reason")]);
    expect(Permission.custom({ resources: [ApiResource.PODS], verbs: ['*'], wildcardJustification: '  debugging tool  ' }).wildcardJustification).toBe('debugging tool');
    expect(Permission.custom({ resources: [ApiResource.PODS], verbs: ['get'], wildcardJustification: 'not needed' }).wildcardJustification).toBeUndefined();
    expect(Permission.read(ApiResource.SECRETS).withJustification('  reads its own TLS secret ').justification).toBe('reads its own TLS secret');
  });

  test('LeastPrivilege.rules names each bad permission and never emits names for an unrestricted request', () => {
    expect(() => LeastPrivilege.rules([Permission.read(ApiResource.PODS), Permission.custom({ resources: [ApiResource.PODS], verbs: ['fetch'] })]))
      .toThrow(/^LeastPrivilege\.rules: permissions\[1\] custom\(pods: fetch\): verbs 'fetch' is not a Kubernetes verb/);
    expect(LeastPrivilege.rules([Permission.read(ApiResource.PODS)])).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }]);
  });
});

describe('RbacSubject', () => {
  test('toString names the kind, and the namespace of a ServiceAccount', () => {
    expect([RbacSubject.serviceAccount('ops', 'ctl'), RbacSubject.user('alice'), RbacSubject.group('devs')].map(String))
      .toEqual(['ServiceAccount ops/ctl', 'User alice', 'Group devs']);
  });
});

describe('EffectiveAccess boundaries', () => {
  test.each([
    // [selector, labels of the candidate role, selected?]
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, { tier: 'a' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, { tier: 'b' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, { tier: 'b' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, { tier: 'a' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: 'x' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { other: 'x' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { other: 'x' }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { tier: 'x' }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'Like', values: ['x'] }] }, { tier: 'x' }, false],
    [{ matchLabels: { tier: 'a' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, { tier: 'a' }, false],
  ])('aggregation selector %j on labels %j selects: %s', (selector: any, labels, selected) => {
    // `group: x` keeps the built-in ClusterRoles (which NotIn and DoesNotExist would match) out.
    // (The empty selector, which selects every ClusterRole, is covered in test/rbac/effective-access.test.ts.)
    const scoped = { ...selector, matchLabels: { group: 'x', ...selector.matchLabels } };
    const access = EffectiveAccess.compute([
      clusterRole('part', { labels: { group: 'x', ...labels }, rules: rules('configmaps') }),
      clusterRole('aggregate', { aggregationRule: { clusterRoleSelectors: [scoped] } }),
    ]);
    expect(access.resolveRole('ClusterRole', 'aggregate')!.rules).toEqual(selected ? rules('configmaps') : []);
  });

  test('one matching selector out of several is enough; an aggregation cycle ends', () => {
    const access = EffectiveAccess.compute([
      clusterRole('a', { labels: { 'in-b': 'yes' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'in-a': 'yes' } }] } }),
      clusterRole('b', { labels: { 'in-a': 'yes' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { nothing: 'x' } }, { matchLabels: { 'in-b': 'yes' } }] } }),
      clusterRole('leaf', { labels: { 'in-a': 'yes' }, rules: rules('pods') }),
    ]);
    // Inside a cycle both hold everything the cycle reaches (see test/rbac/effective-access.test.ts).
    expect(access.resolveRole('ClusterRole', 'a')!.rules).toEqual(rules('pods'));
    expect(access.resolveRole('ClusterRole', 'b')!.rules).toEqual(rules('pods'));
    expect(access.resolveRole('Group', 'a')).toBeUndefined();
    expect(access.resolveRole('ClusterRole', 'missing')).toBeUndefined();
  });

  test('a role is selected when any one of several selectors matches it', () => {
    const access = EffectiveAccess.compute([
      clusterRole('part', { labels: { group: 'x' }, rules: rules('configmaps') }),
      clusterRole('aggregate', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { nothing: 'x' } }, { matchLabels: { group: 'x' } }] } }),
    ]);
    expect(access.resolveRole('ClusterRole', 'aggregate')!.rules).toEqual(rules('configmaps'));
  });

  test('serviceAccounts() is sorted by namespace, then name, whatever the input order', () => {
    const access = EffectiveAccess.compute([serviceAccount('b', 'a'), serviceAccount('a', 'z'), serviceAccount('a', 'b'), serviceAccount('c', 'a')]);
    expect(access.serviceAccounts().map((s) => `${s.namespace}/${s.name}`)).toEqual(['a/b', 'a/z', 'b/a', 'c/a']);
  });

  test('serviceAccountNames() orders accounts as their keys namespace/name sort, also for namespaces that prefix others or hold "-", "." or "/"', () => {
    // Sorting namespace by namespace must give the order of the joined keys: "a-b" < "a" < "ab" as keys ("a-b/", "a/", "ab/").
    const part = fc.stringMatching(/^[ab/.A0-]{1,4}$/);
    fc.assert(fc.property(fc.array(fc.tuple(part, part, fc.boolean()), { minLength: 1, maxLength: 30 }), (accounts) => {
      const manifests = accounts.map(([namespace, name, declared], i) => (declared
        ? serviceAccount(namespace, name)
        : { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `b${i}`, namespace: 'x' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name, namespace }] }));
      const keys = [...new Set(accounts.map(([namespace, name]) => `${namespace}/${name}`))].sort();
      const names = EffectiveAccess.compute(manifests as Manifest[]).serviceAccountNames();
      expect(names.map((sa) => `${sa.namespace}/${sa.name}`)).toEqual(keys);
    }), { numRuns: 300 });
    expect(EffectiveAccess.compute([serviceAccount('a', 'x'), serviceAccount('ab', 'x'), serviceAccount('a-b', 'x'), serviceAccount('a.b', 'x')]).serviceAccountNames()
      .map((sa) => sa.namespace)).toEqual(['a-b', 'a.b', 'a', 'ab']);
  });

  test('a binding to a role without rules makes its subjects known but grants nothing, also through groups', () => {
    const access = EffectiveAccess.compute([
      serviceAccount('ops', 'ctl'),
      clusterRole('empty'),
      binding('RoleBinding', 'direct', { kind: 'ClusterRole', name: 'empty' }, [{ kind: 'ServiceAccount', name: 'other', namespace: 'ops' }], 'ops'),
      binding('ClusterRoleBinding', 'everyone', { kind: 'ClusterRole', name: 'empty' }, [{ kind: 'Group', name: 'system:serviceaccounts' }]),
      binding('RoleBinding', 'ns-group', { kind: 'ClusterRole', name: 'empty' }, [{ kind: 'Group', name: 'system:serviceaccounts:ops' }], 'ops'),
    ]);
    expect(access.hasGrants('ops', 'ctl')).toBe(false);
    expect(access.hasGrants('ops', 'other')).toBe(false);
    expect(access.isKnown('ops', 'other')).toBe(true);
    expect(access.forServiceAccount('ops', 'other')).toEqual({ namespace: 'ops', name: 'other', declared: false, grants: [] });
  });

  test('only system:serviceaccount users and system:serviceaccounts groups reach ServiceAccounts', () => {
    const access = EffectiveAccess.compute([
      serviceAccount('ops', 'ctl'),
      clusterRole('reader', { rules: rules('configmaps') }),
      binding('ClusterRoleBinding', 'people', { kind: 'ClusterRole', name: 'reader' }, [
        { kind: 'User', name: 'alice' },
        { kind: 'User', name: 'system:serviceaccount:broken' },
        { kind: 'Group', name: 'devs' },
        { kind: 'Group', name: 'system:serviceaccounts:other' },
        null,
        { kind: 'ServiceAccount', name: 42 },
      ]),
    ]);
    expect(access.serviceAccounts().map((s) => `${s.namespace}/${s.name}`)).toEqual(['ops/ctl']);
    expect(access.hasGrants('ops', 'ctl')).toBe(false);
    expect(access.hasGrants('other', 'anyone')).toBe(true);
  });

  test('a missing Role is reported with the namespace it was looked up in; a missing ClusterRole without one', () => {
    const access = EffectiveAccess.compute([
      binding('RoleBinding', 'to-role', { kind: 'Role', name: 'gone' }, [{ kind: 'ServiceAccount', name: 'ctl' }], 'ops'),
      binding('ClusterRoleBinding', 'to-cluster-role', { kind: 'ClusterRole', name: 'gone' }, [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' }]),
      binding('ClusterRoleBinding', 'to-a-role', { kind: 'Role', name: 'gone' }, [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' }]),
    ]);
    expect(access.missingRoles()).toEqual([
      { binding: { kind: 'RoleBinding', name: 'to-role', namespace: 'ops' }, roleRef: { kind: 'Role', name: 'gone' }, namespace: 'ops' },
      { binding: { kind: 'ClusterRoleBinding', name: 'to-cluster-role' }, roleRef: { kind: 'ClusterRole', name: 'gone' } },
    ]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants).toEqual([]);
  });

  test('objects without a name, null entries and non-RBAC kinds are skipped', () => {
    const access = EffectiveAccess.compute([
      null as any,
      { apiVersion: 'v1', kind: 'ServiceAccount' } as any,
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: {} } as any,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ops' } },
      serviceAccount('ops', 'ctl'),
    ]);
    expect(access.serviceAccounts().map((s) => `${s.namespace}/${s.name}`)).toEqual(['ops/ctl']);
  });

  test('two roles bound to one ServiceAccount keep their own rules (no mix-up between roles)', () => {
    const access = EffectiveAccess.compute([
      serviceAccount('ops', 'ctl'),
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r1', namespace: 'ops' }, rules: rules('configmaps') },
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r2', namespace: 'ops' }, rules: rules('services') },
      clusterRole('c1', { rules: rules('endpoints') }),
      binding('RoleBinding', 'b1', { kind: 'Role', name: 'r1' }, [{ kind: 'ServiceAccount', name: 'ctl' }], 'ops'),
      binding('RoleBinding', 'b2', { kind: 'Role', name: 'r2' }, [{ kind: 'ServiceAccount', name: 'ctl' }], 'ops'),
      binding('RoleBinding', 'b3', { kind: 'ClusterRole', name: 'c1' }, [{ kind: 'ServiceAccount', name: 'ctl' }], 'ops'),
      binding('ClusterRoleBinding', 'b4', { kind: 'ClusterRole', name: 'c1' }, [{ kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' }]),
    ]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants.map((g) => `${g.binding.name}:${g.role.name}:${g.namespace}:${g.resource}`);
    expect(grants.sort()).toEqual(['b1:r1:ops:configmaps', 'b2:r2:ops:services', 'b3:c1:ops:endpoints', 'b4:c1:*:endpoints']);
    expect(readable(access, 'ops', 'ctl')).toEqual(['configmaps', 'endpoints', 'services']);
  });
});

describe('least-privilege merge boundaries', () => {
  const entry = (apiGroup: string, resource: string, verbs: string[], resourceNames?: string[]) =>
    ({ apiGroup, resource, clusterScoped: false, verbs, ...(resourceNames ? { resourceNames } : {}) });

  test('grouping keys cannot collide when names run into each other', () => {
    // 'x.io'+'widgets' and 'x.iowidget'+'s' spell the same text; so do 'x'+'get' and 'xg'+'et'.
    expect(mergeRules([entry('x.io', 'widgets', ['get']), entry('x.iowidget', 's', ['list'])])).toEqual([
      { apiGroups: ['x.io'], resources: ['widgets'], verbs: ['get'] },
      { apiGroups: ['x.iowidget'], resources: ['s'], verbs: ['list'] },
    ]);
    expect(mergeRules([entry('x', 'a', ['get']), entry('xg', 'a', ['et'])])).toEqual([
      { apiGroups: ['x'], resources: ['a'], verbs: ['get'] },
      { apiGroups: ['xg'], resources: ['a'], verbs: ['et'] },
    ]);
    expect(mergeRules([entry('g1', 'a', ['get']), entry('g2', 'ag', ['et'])])).toEqual([
      { apiGroups: ['g1'], resources: ['a'], verbs: ['get'] },
      { apiGroups: ['g2'], resources: ['ag'], verbs: ['et'] },
    ]);
  });

  test('rules are ordered by their whole group list, not only its first group', () => {
    const merged = mergeRules([entry('', 'a', ['get']), entry('batch', 'a', ['get']), entry('', 'b', ['list']), entry('apps', 'b', ['list'])]);
    expect(merged.map((r) => r.apiGroups)).toEqual([['', 'apps'], ['', 'batch']]);
  });

  test('an empty resourceNames list is no restriction', () => {
    expect(mergeRules([entry('', 'configmaps', ['get'], [])])).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
  });

  test('verbs sort in Kubernetes order, * first and unknown verbs last, alphabetically', () => {
    expect(['zz', 'list', '*', 'get', 'aa', 'use'].sort(compareVerbs)).toEqual(['*', 'get', 'list', 'use', 'aa', 'zz']);
  });
});

describe('risk catalogue boundaries', () => {
  const risks = (rule: any) => [...new Set(RiskCatalogue.assess(rule).map((m) => m.riskId))].sort();

  test.each([
    [{ apiGroups: [''], resources: ['*/exec'], verbs: ['get'] }, ['rbac/exec-attach', 'rbac/wildcard']],
    [{ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] }, []],
    [{ apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] }, []],
    [{ apiGroups: ['authentication.k8s.io'], resources: ['userextrasx'], verbs: ['impersonate'] }, []],
    [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }, []],
    [{ nonResourceURLs: ['*'], verbs: ['get'] }, ['rbac/wildcard']],
    [{ nonResourceURLs: ['/metrics'], verbs: ['*'] }, ['rbac/wildcard']],
    [undefined, []],
    [{ verbs: 'get' }, []],
  ])('assess(%j) = %j', (rule, expected) => {
    expect(risks(rule)).toEqual(expected);
  });

  test('a non-resource wildcard match says which URL and verb', () => {
    expect(RiskCatalogue.assess({ nonResourceURLs: ['/metrics'], verbs: ['*'] })[0].message).toContain("non-resource URL '/metrics' with verb '*'");
  });

  test('risk(id) finds exactly that risk', () => {
    expect(RiskCatalogue.risk('rbac/nodes-proxy')?.id).toBe('rbac/nodes-proxy');
    expect(RiskCatalogue.risk('rbac/none')).toBeUndefined();
  });

  test('binding risks: kind and name both matter, and the message names the subject', () => {
    const matches = (b: any) => [CLUSTER_ADMIN_BINDING, SYSTEM_GROUP_BINDING, DEFAULT_SERVICE_ACCOUNT_BINDING]
      .flatMap((rule) => rule.match(b, bindingContext(b)).map((m) => `${rule.id} ${m.field}: ${m.message}`));
    expect(matches({ roleRef: { kind: 'Role', name: 'cluster-admin' }, subjects: [] })).toEqual([]);
    expect(matches({ roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } })).toEqual(['rbac/cluster-admin-binding roleRef: binds the ClusterRole cluster-admin (every verb on every resource)']);
    expect(matches({
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'ServiceAccount', name: 'system:masters' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'ops' },
        { kind: 'ServiceAccount', name: 'default' },
        { kind: 'User', name: 42 },
        null,
      ],
    })).toEqual([
      "rbac/system-group-binding subjects/0: binds Group 'system:authenticated'",
      "rbac/default-service-account-binding subjects/2: grants to the ServiceAccount 'default' in namespace 'ops', which every pod without a ServiceAccount runs as",
      "rbac/default-service-account-binding subjects/3: grants to the ServiceAccount 'default', which every pod without a ServiceAccount runs as",
    ]);
    expect(matches(undefined)).toEqual([]);
  });
});

describe('RoleGrant boundaries', () => {
  const subject = RbacSubject.serviceAccount('ops', 'controller');
  function grant(props: Partial<RoleGrantProps>) {
    const chart = newChart('ops');
    const roleGrant = new RoleGrant(chart, 'grant', { subjects: [subject], permissions: [Permission.read(ApiResource.CONFIG_MAPS)], ...props });
    return { roleGrant, manifests: Testing.synth(chart) };
  }
  const suppressionsOf = (m: any) => JSON.parse(m.metadata.annotations?.['guardrails.cdk8s.io/suppress'] ?? '[]');

  test('justifications become one suppression per rule, sorted by rule, each reason once, only on the objects that carry the risk', () => {
    const { roleGrant, manifests } = grant({
      permissions: [
        Permission.read(ApiResource.SECRETS).withJustification('reads its TLS secret'),
        Permission.manage(ApiResource.DEPLOYMENTS).withJustification('rolls out the worker deployments'),
        Permission.custom({ resources: [ApiResource.PERSISTENT_VOLUMES], verbs: ['create'] }).withJustification('provisions volumes for tenants'),
        Permission.custom({ resources: [ApiResource.PODS], verbs: ['*'], wildcardJustification: 'a debug shell for on-call' }).withJustification('a debug shell for on-call'),
      ],
    });
    const role = manifests.find((m) => m.kind === 'Role')!;
    const clusterWideRole = manifests.find((m) => m.kind === 'ClusterRole')!;
    expect(suppressionsOf(role)).toEqual([
      { rule: 'rbac/create-pods', reason: 'rolls out the worker deployments; a debug shell for on-call' },
      { rule: 'rbac/secrets-access', reason: 'reads its TLS secret' },
      { rule: 'rbac/wildcard', reason: 'a debug shell for on-call' },
      { rule: 'rbac/workload-write', reason: 'rolls out the worker deployments; a debug shell for on-call' },
    ]);
    expect(suppressionsOf(clusterWideRole)).toEqual([{ rule: 'rbac/persistent-volume-create', reason: 'provisions volumes for tenants' }]);
    expect(roleGrant.risks).toEqual([...roleGrant.risks].sort());
    expect(roleGrant.risks).toEqual(expect.arrayContaining(['rbac/create-pods', 'rbac/persistent-volume-create', 'rbac/secrets-access', 'rbac/wildcard']));
  });

  test('the granted rules keep resourceNames; bindings describe their subjects', () => {
    const { roleGrant } = grant({
      subjects: [subject, RbacSubject.group('devs')],
      permissions: [Permission.getNamed(ApiResource.CONFIG_MAPS, 'settings')],
      grantScope: GrantScope.namespace('ops'),
    });
    expect(roleGrant.rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['settings'] }]);
    expect(roleGrant.bindings[0].subjects).toEqual(['ServiceAccount ops/controller', 'Group devs']);
    expect(GrantScope.allNamespaces().namespaceNames).toEqual([]);
  });

  test.each([
    [{ name: 'edit' }, /name 'edit' is refused/],
    [{ name: 'cluster-admin' }, /name 'cluster-admin' is refused/],
    [{ name: 'system:controller' }, /name 'system:controller' is refused/],
    [{ name: 'Bad_Name' }, /name 'Bad_Name' is not a valid object name/],
    [{ name: 'a'.repeat(254) }, /is not a valid object name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters/],
    [{ grantScope: GrantScope.namespace('a'.repeat(64)) }, /namespace 'a{64}' is not a valid namespace name/],
    [{ subjects: [RbacSubject.group('  ')] }, /^RoleGrant 'test\/grant': subjects\[0\] Group name '' is empty: name the group$/],
    [{ subjects: [RbacSubject.serviceAccount('ops', 'default')] }, /subjects\[0\] ServiceAccount 'ops\/default' is refused/],
    [{ subjects: [RbacSubject.serviceAccount('a', 'x'), RbacSubject.serviceAccount('b', 'y')] }, /grantScope is required here \(ServiceAccounts in 'a', 'b'\)/],
    [{ subjects: [RbacSubject.group('devs')] }, /grantScope is required here \(no ServiceAccount subject\)/],
  ])('%j is refused', (props, message) => {
    expect(() => grant(props as Partial<RoleGrantProps>)).toThrow(message);
  });

  test('the longest valid names are accepted', () => {
    expect(grant({ name: 'a'.repeat(253), grantScope: GrantScope.namespace('b'.repeat(63)) }).roleGrant.namespaces).toEqual(['b'.repeat(63)]);
  });
});

import type { Manifest } from '../../src/k8s/manifest';
import { AccessGrant, EffectiveAccess } from '../../src/rbac/effective-access';

const RBAC = 'rbac.authorization.k8s.io/v1';

function sa(namespace: string, name: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}
function role(namespace: string, name: string, rules: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules };
}
function clusterRole(name: string, rules: unknown[], extra: Record<string, unknown> = {}, labels?: Record<string, string>): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules, ...extra };
}
function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
}
function clusterRoleBinding(name: string, roleName: string, subjects: unknown[]): Manifest {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects };
}
const saSubject = (namespace: string, name: string) => ({ kind: 'ServiceAccount', name, namespace });

/** Grants as `namespace group/resource:verb` strings, sorted and deduplicated. */
function compact(grants: AccessGrant[] | undefined): string[] {
  return [...new Set((grants ?? []).map((g) => `${g.namespace} ${g.nonResourceURL ?? `${g.apiGroup}/${g.resource}`}:${g.verb}${g.resourceNames ? `[${g.resourceNames}]` : ''}`))].sort();
}

describe('EffectiveAccess', () => {
  test('a RoleBinding to a Role grants its rules in the binding namespace, with where they come from', () => {
    // GIVEN
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      role('ops', 'reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['cfg'] }]),
      roleBinding('ops', 'reader', { kind: 'Role', name: 'reader' }, [saSubject('ops', 'ctl')]),
    ]);
    // WHEN
    const ctl = access.forServiceAccount('ops', 'ctl')!;
    // THEN
    expect(ctl.declared).toBe(true);
    expect(access.hasGrants('ops', 'ctl')).toBe(true);
    expect(ctl.grants).toEqual([{
      namespace: 'ops',
      apiGroup: '',
      resource: 'configmaps',
      verb: 'get',
      resourceNames: ['cfg'],
      binding: { kind: 'RoleBinding', name: 'reader', namespace: 'ops' },
      role: { kind: 'Role', name: 'reader', builtIn: false },
      subject: { kind: 'ServiceAccount', name: 'ctl', namespace: 'ops' },
    }]);
  });

  test('a RoleBinding to a ClusterRole grants only in its namespace, and never the cluster-scoped resources', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      clusterRole('pod-reader', [{ apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list'] }]),
      roleBinding('team-a', 'read-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [saSubject('ops', 'ctl')]),
    ]);
    expect(compact(access.forServiceAccount('ops', 'ctl')!.grants)).toEqual(['team-a /pods:get', 'team-a /pods:list']);
  });

  test('a ClusterRoleBinding grants in every namespace (*), non-resource URLs included', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      clusterRole('node-metrics', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }]),
      clusterRoleBinding('node-metrics', 'node-metrics', [saSubject('ops', 'ctl')]),
    ]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants;
    expect(compact(grants)).toEqual(['* /metrics:get', '* /nodes:get']);
    expect(grants[0].binding).toEqual({ kind: 'ClusterRoleBinding', name: 'node-metrics' });
  });

  test('an aggregated ClusterRole holds the rules of every ClusterRole its selectors match, and its own until the controller reconciles', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      clusterRole('monitoring', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], {
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] },
      }),
      clusterRole('monitoring-pods', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }], {}, { 'example.com/aggregate-to-monitoring': 'true' }),
      clusterRole('monitoring-svc', [{ apiGroups: [''], resources: ['services'], verbs: ['list'] }], {}, { 'example.com/aggregate-to-monitoring': 'true' }),
      clusterRole('unrelated', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }], {}, { 'example.com/aggregate-to-monitoring': 'false' }),
      roleBinding('ops', 'monitoring', { kind: 'ClusterRole', name: 'monitoring' }, [saSubject('ops', 'ctl')]),
    ]);
    expect(compact(access.forServiceAccount('ops', 'ctl')!.grants)).toEqual(['ops /pods:list', 'ops /secrets:get', 'ops /services:list']);
  });

  test('matchExpressions selectors are honoured', () => {
    const access = EffectiveAccess.compute([
      clusterRole('agg', [], { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }] } }),
      clusterRole('tier-a', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], {}, { tier: 'a' }),
      clusterRole('tier-b', [{ apiGroups: [''], resources: ['services'], verbs: ['get'] }], {}, { tier: 'b' }),
      clusterRoleBinding('agg', 'agg', [saSubject('ops', 'ctl')]),
    ]);
    expect(compact(access.forServiceAccount('ops', 'ctl')!.grants)).toEqual(['* /pods:get']);
  });

  test('built-in view is known without being in the input, and CRD roles labelled aggregate-to-view extend it', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      clusterRole('widgets-view', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }], {}, { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
      roleBinding('ops', 'view', { kind: 'ClusterRole', name: 'view' }, [saSubject('ops', 'ctl')]),
    ]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants;
    const lines = compact(grants);
    expect(lines).toContain('ops example.com/widgets:get');
    expect(lines).toContain('ops apps/deployments:list');
    expect(lines).toContain('ops /pods/log:get');
    expect(lines).not.toContain('ops /secrets:get'); // view never reads Secrets
    expect(lines.some((l) => l.endsWith(':create'))).toBe(false);
    expect(grants[0].role).toEqual({ kind: 'ClusterRole', name: 'view', builtIn: true });
    expect(access.missingRoles()).toEqual([]);
  });

  test('built-in edit includes view, admin includes edit', () => {
    const access = EffectiveAccess.compute([
      roleBinding('ops', 'edit', { kind: 'ClusterRole', name: 'edit' }, [saSubject('ops', 'editor')]),
      roleBinding('ops', 'admin', { kind: 'ClusterRole', name: 'admin' }, [saSubject('ops', 'admin')]),
    ]);
    const edit = compact(access.forServiceAccount('ops', 'editor')!.grants);
    expect(edit).toEqual(expect.arrayContaining(['ops /secrets:get', 'ops /pods:create', 'ops /pods/exec:create', 'ops apps/deployments:list']));
    expect(edit).not.toContain('ops rbac.authorization.k8s.io/roles:create');
    const admin = compact(access.forServiceAccount('ops', 'admin')!.grants);
    expect(admin).toEqual(expect.arrayContaining(['ops rbac.authorization.k8s.io/roles:create', 'ops /secrets:get', 'ops apps/deployments:list']));
  });

  test('built-in cluster-admin is every verb on everything', () => {
    const access = EffectiveAccess.compute([clusterRoleBinding('root', 'cluster-admin', [saSubject('ops', 'ctl')])]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants;
    expect(compact(grants)).toEqual(['* */*:*', '* *:*']);
    expect(grants.every((g) => g.role.builtIn)).toBe(true);
  });

  test('a binding whose role is missing grants nothing and is reported', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'ctl'),
      roleBinding('ops', 'dangling', { kind: 'Role', name: 'gone' }, [saSubject('ops', 'ctl')]),
      clusterRoleBinding('dangling-cluster', 'also-gone', [saSubject('ops', 'ctl')]),
    ]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants).toEqual([]);
    expect(access.hasGrants('ops', 'ctl')).toBe(false);
    expect(access.missingRoles()).toEqual([
      { binding: { kind: 'RoleBinding', name: 'dangling', namespace: 'ops' }, roleRef: { kind: 'Role', name: 'gone' }, namespace: 'ops' },
      { binding: { kind: 'ClusterRoleBinding', name: 'dangling-cluster' }, roleRef: { kind: 'ClusterRole', name: 'also-gone' } },
    ]);
  });

  test('a Role in another namespace does not satisfy a RoleBinding', () => {
    const access = EffectiveAccess.compute([
      role('other', 'reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      roleBinding('ops', 'reader', { kind: 'Role', name: 'reader' }, [saSubject('ops', 'ctl')]),
    ]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants).toEqual([]);
    expect(access.missingRoles()).toHaveLength(1);
  });

  test('a group subject system:serviceaccounts:<ns> reaches every ServiceAccount of that namespace only', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'a'), sa('ops', 'b'), sa('other', 'c'),
      role('ops', 'reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      roleBinding('ops', 'all-ops', { kind: 'Role', name: 'reader' }, [{ kind: 'Group', name: 'system:serviceaccounts:ops', apiGroup: 'rbac.authorization.k8s.io' }]),
    ]);
    expect(compact(access.forServiceAccount('ops', 'a')!.grants)).toEqual(['ops /pods:get']);
    expect(compact(access.forServiceAccount('ops', 'b')!.grants)).toEqual(['ops /pods:get']);
    expect(access.forServiceAccount('other', 'c')!.grants).toEqual([]);
    expect(access.forServiceAccount('ops', 'a')!.grants[0].subject).toEqual({ kind: 'Group', name: 'system:serviceaccounts:ops' });
  });

  test('system:serviceaccounts and system:authenticated reach every ServiceAccount; other groups reach none', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'a'), sa('other', 'c'),
      clusterRole('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      clusterRoleBinding('all-sa', 'r', [{ kind: 'Group', name: 'system:serviceaccounts' }]),
      clusterRoleBinding('authn', 'r', [{ kind: 'Group', name: 'system:authenticated' }]),
      clusterRoleBinding('humans', 'r', [{ kind: 'Group', name: 'developers' }]),
    ]);
    for (const [ns, name] of [['ops', 'a'], ['other', 'c']]) {
      expect(access.forServiceAccount(ns, name)!.grants.map((g) => g.binding.name)).toEqual(['all-sa', 'authn']);
    }
  });

  test('a User subject system:serviceaccount:<ns>:<name> is that ServiceAccount', () => {
    const access = EffectiveAccess.compute([
      clusterRole('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      clusterRoleBinding('as-user', 'r', [{ kind: 'User', name: 'system:serviceaccount:ops:ctl' }]),
    ]);
    expect(compact(access.forServiceAccount('ops', 'ctl')!.grants)).toEqual(['* /pods:get']);
  });

  test('every ServiceAccount of the input and every ServiceAccount subject is listed, sorted; unknown ones are undefined', () => {
    const access = EffectiveAccess.compute([
      sa('ops', 'z'), sa('ops', 'a'),
      role('ops', 'r', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      roleBinding('ops', 'r', { kind: 'Role', name: 'r' }, [saSubject('ops', 'ghost')]),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ignored', namespace: 'ops' } },
    ]);
    expect(access.serviceAccounts().map((s) => `${s.namespace}/${s.name} declared=${s.declared} grants=${s.grants.length}`)).toEqual([
      'ops/a declared=true grants=0', 'ops/ghost declared=false grants=1', 'ops/z declared=true grants=0',
    ]);
    expect(access.forServiceAccount('ops', 'nobody')).toBeUndefined();
  });

  test('an input role named like a reconciled built-in does not replace it: the API server adds the built-in back (union)', () => {
    // Changed with the bootstrap policy model: kube-apiserver reconciles `view` (annotated
    // autoupdate "true") on every start, keeping the input's extra rules and the aggregation.
    const access = EffectiveAccess.compute([
      clusterRole('view', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get'] }]),
      clusterRoleBinding('v', 'view', [saSubject('ops', 'ctl')]),
    ]);
    const grants = compact(access.forServiceAccount('ops', 'ctl')!.grants);
    expect(grants).toContain('* example.com/widgets:get');
    expect(grants).toContain('* /pods:list');
    expect(grants).toContain('* apps/deployments:watch');
    expect(grants).not.toContain('* /secrets:get');
    const view = access.resolveRole('ClusterRole', 'view')!;
    expect(view).toMatchObject({ builtIn: false, reconciled: true });
    expect(access.forServiceAccount('ops', 'ctl')!.grants[0].role).toMatchObject({ name: 'view', builtIn: false, reconciled: true });
    expect(access.reconciledRoles().map((r) => r.name)).toEqual(['view']);
  });

  test('an input role that opts out of reconciliation (autoupdate "false") replaces the built-in as written', () => {
    const view = clusterRole('view', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
    const access = EffectiveAccess.compute([
      { ...view, metadata: { ...view.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } } },
      clusterRoleBinding('v', 'view', [saSubject('ops', 'ctl')]),
    ]);
    const grants = access.forServiceAccount('ops', 'ctl')!.grants;
    expect(compact(grants)).toEqual(['* /pods:get']);
    expect(grants[0].role.builtIn).toBe(false);
    expect(grants[0].role.reconciled).toBeUndefined();
    expect(access.reconciledRoles()).toEqual([]);
  });

  test('malformed objects are skipped, not a crash', () => {
    const access = EffectiveAccess.compute([
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'no-ref', namespace: 'ops' }, subjects: [saSubject('ops', 'ctl')] } as Manifest,
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'bad', namespace: 'ops' }, rules: ['nope', { apiGroups: '', resources: [7], verbs: 'get' }] } as Manifest,
      roleBinding('ops', 'b', { kind: 'Role', name: 'bad' }, [null, { kind: 'ServiceAccount' }, saSubject('ops', 'ctl')]),
    ]);
    expect(access.forServiceAccount('ops', 'ctl')!.grants).toEqual([]);
  });

  test('GIVEN 20,000 objects THEN every ServiceAccount gets exactly its own Role and view, nothing from its neighbours (speed: npx projen bench)', () => {
    const manifests: Manifest[] = [];
    for (let i = 0; i < 5000; i++) {
      const ns = `ns-${i % 100}`;
      manifests.push(sa(ns, `sa-${i}`));
      manifests.push(role(ns, `role-${i}`, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }]));
      manifests.push(roleBinding(ns, `rb-${i}`, { kind: 'Role', name: `role-${i}` }, [saSubject(ns, `sa-${i}`)]));
      manifests.push(roleBinding(ns, `rb-view-${i}`, { kind: 'ClusterRole', name: 'view' }, [saSubject(ns, `sa-${i}`)]));
    }
    const access = EffectiveAccess.compute(manifests);
    expect(access.serviceAccounts()).toHaveLength(5000);
    const grants = access.forServiceAccount('ns-17', 'sa-4217')!.grants;
    expect([...new Set(grants.map((g) => `${g.namespace} ${g.binding.name} ${g.role.name}`))].sort())
      .toEqual(['ns-17 rb-4217 role-4217', 'ns-17 rb-view-4217 view']);
  });
});

/** A ClusterRole granting `get` on one resource, with labels and, optionally, aggregation selectors. */
function part(name: string, resource: string, labels: Record<string, string> = {}, selectors?: unknown[]): Manifest {
  return clusterRole(name, [{ apiGroups: [''], resources: [resource], verbs: ['get'] }], selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}, labels);
}
/** The resources of a resolved ClusterRole's rules, sorted (the built-ins' wildcards included). */
function resourcesOf(access: EffectiveAccess, name: string): string[] {
  return [...new Set(access.resolveRole('ClusterRole', name)!.rules.flatMap((rule) => rule.resources ?? []))].sort();
}
/** Every order of a list. */
function permutations<T>(list: readonly T[]): T[][] {
  if (list.length <= 1) return [[...list]];
  return list.flatMap((item, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('EffectiveAccess aggregation', () => {
  test('GIVEN two ClusterRoles that aggregate each other THEN, in any input order, each holds both own rules and the leaves of both', () => {
    // GIVEN a selects b and its leaf, b selects a and its leaf
    const roles = [
      part('a', 'configmaps', { 'in-b': 'yes' }, [{ matchLabels: { 'in-a': 'yes' } }]),
      part('b', 'secrets', { 'in-a': 'yes' }, [{ matchLabels: { 'in-b': 'yes' } }]),
      part('leaf-a', 'pods', { 'in-a': 'yes' }),
      part('leaf-b', 'services', { 'in-b': 'yes' }),
    ];
    for (const order of permutations(roles)) {
      // WHEN resolved from every input order, a first or b first
      for (const first of ['a', 'b']) {
        const access = EffectiveAccess.compute(order);
        access.resolveRole('ClusterRole', first);
        // THEN both hold everything the cycle reaches, in the same order whatever the input order
        expect(resourcesOf(access, 'a')).toEqual(['configmaps', 'pods', 'secrets', 'services']);
        expect(resourcesOf(access, 'b')).toEqual(['configmaps', 'pods', 'secrets', 'services']);
        expect(access.resolveRole('ClusterRole', 'a')!.rules).toEqual(EffectiveAccess.compute(roles).resolveRole('ClusterRole', 'a')!.rules);
      }
    }
  });

  test('GIVEN a chain top -> middle -> leaf THEN top holds the rules of middle (as given) and of leaf; leaf is not aggregated', () => {
    const access = EffectiveAccess.compute([
      part('top', 'configmaps', {}, [{ matchLabels: { tier: 'middle' } }]),
      part('middle', 'secrets', { tier: 'middle' }, [{ matchLabels: { tier: 'leaf' } }]),
      part('leaf', 'pods', { tier: 'leaf' }),
      part('other', 'nodes', { tier: 'other' }),
    ]);
    expect(resourcesOf(access, 'top')).toEqual(['configmaps', 'pods', 'secrets']);
    expect(resourcesOf(access, 'middle')).toEqual(['pods', 'secrets']);
    expect(resourcesOf(access, 'leaf')).toEqual(['pods']);
  });

  test('GIVEN a role reached through two paths THEN its rules are held once, own rules first then the others by name', () => {
    const access = EffectiveAccess.compute([
      part('top', 'configmaps', {}, [{ matchLabels: { tier: 'middle' } }, { matchLabels: { tier: 'leaf' } }]),
      part('z-middle', 'secrets', { tier: 'middle' }, [{ matchLabels: { tier: 'leaf' } }]),
      part('leaf', 'pods', { tier: 'leaf' }),
    ]);
    expect(access.resolveRole('ClusterRole', 'top')!.rules.map((rule) => rule.resources![0])).toEqual(['configmaps', 'pods', 'secrets']);
  });

  test('GIVEN an aggregated ClusterRole selecting only itself THEN it holds its own rules once', () => {
    const access = EffectiveAccess.compute([part('self', 'pods', { me: 'yes' }, [{ matchLabels: { me: 'yes' } }])]);
    expect(access.resolveRole('ClusterRole', 'self')!.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]);
  });

  test('GIVEN an empty selector {} THEN it selects every ClusterRole, built-in cluster-admin included: the role is cluster-admin', () => {
    // GIVEN an aggregated ClusterRole with an empty selector, bound cluster-wide
    const access = EffectiveAccess.compute([
      clusterRole('everything', [], { aggregationRule: { clusterRoleSelectors: [{}] } }),
      part('unlabelled', 'pods'),
      clusterRoleBinding('everything', 'everything', [saSubject('ops', 'ctl')]),
    ]);
    // THEN it holds every built-in's rules and the input's, and grants what cluster-admin grants
    expect(resourcesOf(access, 'everything')).toEqual(expect.arrayContaining(['*', 'pods', 'secrets', 'roles']));
    expect(compact(access.forServiceAccount('ops', 'ctl')!.grants)).toEqual(expect.arrayContaining(['* */*:*', '* *:*']));
    // AND so does an empty selector written with empty fields, and a null one (decoded as empty by the API server)
    for (const selector of [{ matchLabels: {}, matchExpressions: [] }, null]) {
      const other = EffectiveAccess.compute([clusterRole('everything', [], { aggregationRule: { clusterRoleSelectors: [selector] } })]);
      expect(resourcesOf(other, 'everything')).toContain('*');
    }
  });

  test('GIVEN no selectors or a selector that is not an object THEN nothing is selected; only the own rules are held', () => {
    for (const selectors of [[], ['tier'], [['tier']], [7]]) {
      const access = EffectiveAccess.compute([part('agg', 'configmaps', {}, selectors), part('leaf', 'pods', { tier: 'a' })]);
      expect(resourcesOf(access, 'agg')).toEqual(['configmaps']);
    }
  });

  test('GIVEN values: null (decoded as no values) THEN Exists and NotIn hold, In does not', () => {
    const selected = (operator: string) => resourcesOf(EffectiveAccess.compute([
      part('agg', 'configmaps', {}, [{ matchLabels: { group: 'x' }, matchExpressions: [{ key: 'tier', operator, values: null }] }]),
      part('leaf', 'pods', { group: 'x', tier: 'a' }),
    ]), 'agg').includes('pods');
    expect(['Exists', 'NotIn', 'In'].map(selected)).toEqual([true, true, false]);
  });

  test('GIVEN malformed matchExpressions or labels THEN the selector matches nothing, not a crash', () => {
    for (const matchExpressions of [7, 'In', [null], [7], [{ operator: 'DoesNotExist' }], [{ key: 'tier', operator: 'In', values: 'a' }], [{ key: 'tier', operator: 'NotIn', values: 'b' }]]) {
      const access = EffectiveAccess.compute([
        part('agg', 'configmaps', {}, [{ matchLabels: { group: 'x' }, matchExpressions }]),
        part('leaf', 'pods', { group: 'x', tier: 'a' }),
      ]);
      expect(resourcesOf(access, 'agg')).toEqual(['configmaps']);
    }
    const labelless = EffectiveAccess.compute([
      part('agg', 'configmaps', {}, [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }, { key: 'kubernetes.io/bootstrapping', operator: 'DoesNotExist' }] }]),
      { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'odd', labels: 'tier' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] } as unknown as Manifest,
    ]);
    expect(resourcesOf(labelless, 'agg')).toEqual(['configmaps', 'pods']);
  });
});

describe('EffectiveAccess.aggregatedFrom', () => {
  test('GIVEN a chain top -> middle -> leaf THEN top takes rules from middle and leaf (by name, own rules apart), leaf from nobody', () => {
    const access = EffectiveAccess.compute([
      part('top', 'pods', {}, [{ matchLabels: { tier: 'middle' } }]),
      part('middle', 'services', { tier: 'middle' }, [{ matchLabels: { tier: 'leaf' } }]),
      part('leaf', 'secrets', { tier: 'leaf' }),
    ]);
    expect(access.aggregatedFrom('top').map((r) => [r.name, r.builtIn, r.rules.map((rule) => rule.resources?.[0])]))
      .toEqual([['leaf', false, ['secrets']], ['middle', false, ['services']]]);
    expect(access.aggregatedFrom('leaf')).toEqual([]);
  });

  test('GIVEN an unknown ClusterRole THEN nothing; GIVEN the built-in view THEN its system:aggregate-to-view source, marked built in', () => {
    const access = EffectiveAccess.compute([]);
    expect(access.aggregatedFrom('ghost')).toEqual([]);
    expect(access.aggregatedFrom('view').map((r) => [r.kind, r.name, r.builtIn])).toEqual([['ClusterRole', 'system:aggregate-to-view', true]]);
  });
});

describe('EffectiveAccess subject namespaces', () => {
  test.each([
    ['unset', undefined],
    ['empty (as templating tools often render it)', ''],
  ])('GIVEN a ServiceAccount subject whose namespace is %s THEN it is the RoleBinding\'s namespace, as the authorizer reads it', (_, namespace) => {
    const access = EffectiveAccess.compute([
      role('apps', 'reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
      roleBinding('apps', 'reader', { kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'web', namespace }]),
    ]);
    expect(access.hasGrants('apps', 'web')).toBe(true);
    expect(access.isKnown('', 'web')).toBe(false);
  });
});

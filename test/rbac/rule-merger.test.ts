import * as fc from 'fast-check';
import { expandRule, PolicyRuleJson } from '../../src/rbac/policy-rule';
import { mergeRules, PermissionEntry } from '../../src/rbac/rule-merger';

const ALL = '<every object>';

/** What a rule set grants: (group, resource, verb) -> every object, or the set of names. */
type Triple = { apiGroup: string; resource: string; verb: string; resourceNames?: readonly string[] };

function grantsOf(rules: readonly Triple[]): Map<string, string[]> {
  const result = new Map<string, Set<string>>();
  for (const triple of rules) {
    const key = `${triple.apiGroup}|${triple.resource}|${triple.verb}`;
    const names = result.get(key) ?? new Set<string>();
    if (!triple.resourceNames) names.add(ALL);
    else triple.resourceNames.forEach((n) => names.add(n));
    result.set(key, names);
  }
  // Every object covers every name: only the unrestricted grant counts then.
  return new Map([...result].map(([key, names]) => [key, names.has(ALL) ? [ALL] : [...names].sort()]));
}

function requested(entries: PermissionEntry[]): Map<string, string[]> {
  const triples = entries.flatMap((e) => e.verbs.map((verb) => ({
    apiGroup: e.apiGroup, resource: e.resource, verb, resourceNames: e.resourceNames,
  })));
  return grantsOf(triples);
}

function granted(rules: PolicyRuleJson[]): Map<string, string[]> {
  return grantsOf(rules.flatMap(expandRule));
}

const entryArb: fc.Arbitrary<PermissionEntry> = fc.record({
  apiGroup: fc.constantFrom('', 'apps', 'example.com'),
  resource: fc.constantFrom('configmaps', 'deployments', 'widgets', 'widgets/status', 'pods/log'),
  clusterScoped: fc.constant(false),
  verbs: fc.uniqueArray(fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'patch', 'delete'), { minLength: 1 }),
  resourceNames: fc.option(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1 }), { nil: undefined }),
});

describe('rule merging', () => {
  test('GIVEN resources of one group with identical verbs WHEN merged THEN they share one rule', () => {
    const rules = mergeRules([
      { apiGroup: '', resource: 'pods', clusterScoped: false, verbs: ['get', 'list', 'watch'] },
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['watch', 'get', 'list'] },
    ]);
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('GIVEN two groups with different resources WHEN merged THEN they stay apart (no apps/configmaps)', () => {
    const rules = mergeRules([
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get'] },
      { apiGroup: 'apps', resource: 'deployments', clusterScoped: false, verbs: ['get'] },
    ]);
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
    ]);
  });

  test('GIVEN two groups with the same resources and verbs WHEN merged THEN the groups share one rule', () => {
    const rules = mergeRules([
      { apiGroup: 'extensions', resource: 'ingresses', clusterScoped: false, verbs: ['get'] },
      { apiGroup: 'networking.k8s.io', resource: 'ingresses', clusterScoped: false, verbs: ['get'] },
    ]);
    expect(rules).toEqual([{ apiGroups: ['extensions', 'networking.k8s.io'], resources: ['ingresses'], verbs: ['get'] }]);
  });

  test('GIVEN a verb asked with and without resourceNames WHEN merged THEN the unrestricted request wins, other verbs keep their names', () => {
    const rules = mergeRules([
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get', 'update'], resourceNames: ['cfg'] },
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get'] },
    ]);
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['update'], resourceNames: ['cfg'] },
    ]);
  });

  test('GIVEN names asked twice WHEN merged THEN they are united', () => {
    const rules = mergeRules([
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get'], resourceNames: ['b'] },
      { apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get'], resourceNames: ['a'] },
    ]);
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['a', 'b'] }]);
  });

  test('order is canonical: core group first, verbs in Kubernetes order', () => {
    const rules = mergeRules([
      { apiGroup: 'coordination.k8s.io', resource: 'leases', clusterScoped: false, verbs: ['update', 'create', 'get'] },
      { apiGroup: '', resource: 'events', clusterScoped: false, verbs: ['patch', 'create'] },
    ]);
    expect(rules.map((r) => `${r.apiGroups}/${r.resources}:${r.verbs}`)).toEqual(['/events:create,patch', 'coordination.k8s.io/leases:get,create,update']);
  });

  test('property: the merged rules grant exactly the union of the requested permissions (never wider)', () => {
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
      expect(granted(mergeRules(entries))).toEqual(requested(entries));
    }), { numRuns: 500 });
  });

  test('property: each (group, resource, verb) is written in one rule only', () => {
    fc.assert(fc.property(fc.array(entryArb, { maxLength: 12 }), (entries) => {
      const triples = mergeRules(entries).flatMap(expandRule).map((t) => `${t.apiGroup}|${t.resource}|${t.verb}`);
      expect(new Set(triples).size).toBe(triples.length);
    }), { numRuns: 300 });
  });

  test('property: the output does not depend on the order of the input', () => {
    const entriesAndShuffle = fc.array(entryArb, { maxLength: 10 })
      .chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })));
    fc.assert(fc.property(entriesAndShuffle,
      ([entries, shuffled]) => {
        expect(mergeRules(shuffled)).toEqual(mergeRules(entries));
      }), { numRuns: 300 });
  });

  test('the property check itself fails on a widened rule set', () => {
    // GIVEN a request for get on configmaps and a rule set that also grants list
    const entries: PermissionEntry[] = [{ apiGroup: '', resource: 'configmaps', clusterScoped: false, verbs: ['get'] }];
    const widened: PolicyRuleJson[] = [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }];
    // THEN the comparison used by the property tells them apart
    expect(granted(widened)).not.toEqual(requested(entries));
  });
});

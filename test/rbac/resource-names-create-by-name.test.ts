import type { Manifest } from '../../src/k8s/manifest';
import { CanBecome } from '../../src/rbac/can-become';
import { EffectiveAccess } from '../../src/rbac/effective-access';
import { nameLimit, unmatchableByName, writableNames } from '../../src/rbac/resource-names';

/**
 * A create by name: a POST names no object, but a server-side apply (PATCH .../NAME) or a PUT of
 * a missing object is authorized as `create` WITH the name (`createAuthorizerAttributes` in
 * staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go and update.go). So create with
 * resourceNames grants the names its holder may also patch or update.
 */
const RBAC = 'rbac.authorization.k8s.io/v1';

function roleOf(rules: unknown[]): Manifest[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ctl', namespace: 'ops' } },
    { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'ops' }, rules },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'ops' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'ctl' }],
    },
  ];
}
const creates = (rules: unknown[]) => EffectiveAccess.compute(roleOf(rules)).forServiceAccount('ops', 'ctl')!.grants
  .filter((g) => g.verb === 'create').map((g) => `${g.resource}[${g.resourceNames ?? '*'}]`);

describe('nameLimit and writableNames: a create by name', () => {
  test('GIVEN create by name and what the holder may patch or update THEN the names it can create by apply or PUT, else never', () => {
    expect(nameLimit('create', 'configmaps', ['a', 'b'], [])).toEqual({ kind: 'never', names: ['a', 'b'] });
    expect(nameLimit('create', 'configmaps', ['a', 'b'], ['b', 'c'])).toEqual({ kind: 'names', names: ['b'], byFieldSelector: false, createdByName: true });
    expect(nameLimit('create', 'configmaps', ['a', 'b'], 'all')).toEqual({ kind: 'names', names: ['a', 'b'], byFieldSelector: false, createdByName: true });
    // deletecollection never names an object, whatever else is granted.
    expect(nameLimit('deletecollection', 'configmaps', ['a'], 'all').kind).toBe('never');
  });

  test('GIVEN a role THEN writableNames is what patch, update or * grant on the resource: all, some names, or none', () => {
    const rules = [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch'], resourceNames: ['a'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['update'], resourceNames: ['b'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'create'] },
      { apiGroups: ['apps'], resources: ['*'], verbs: ['*'] },
      null,
    ];
    expect(writableNames(rules, '', 'configmaps')).toEqual(['a', 'b']);
    expect(writableNames(rules, '', 'secrets')).toEqual([]);
    expect(writableNames(rules, 'apps', 'deployments')).toBe('all');
    expect(writableNames([{ apiGroups: ['*'], resources: ['configmaps'], verbs: ['patch'] }], '', 'configmaps')).toBe('all');
  });

  test('GIVEN create by name alone THEN unmatchable; with patch on those names in another rule of the role THEN matchable', () => {
    const create = { apiGroups: [''], resources: ['configmaps'], verbs: ['create'], resourceNames: ['cfg'] };
    expect(unmatchableByName(create)).toEqual([{ apiGroup: '', resource: 'configmaps', verb: 'create', resourceNames: ['cfg'] }]);
    expect(unmatchableByName(create, [create, { apiGroups: [''], resources: ['configmaps'], verbs: ['patch'], resourceNames: ['cfg'] }])).toEqual([]);
    expect(unmatchableByName(create, [create, { apiGroups: [''], resources: ['configmaps'], verbs: ['patch'], resourceNames: ['other'] }])).toHaveLength(1);
  });
});

describe('effective access and "can become" with a create by name', () => {
  test('GIVEN create + patch by name THEN a create grant of those names (main and the model granted nothing)', () => {
    expect(creates([{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'patch'], resourceNames: ['cfg'] }])).toEqual(['configmaps[cfg]']);
    expect(creates([{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get'], resourceNames: ['cfg'] }])).toEqual([]);
    expect(creates([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'], resourceNames: ['a', 'b'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['update'], resourceNames: ['b'] },
    ])).toEqual(['configmaps[b]']);
  });

  test('GIVEN create + patch of one Secret by name THEN a token Secret for any account of the namespace (apply a service-account-token Secret, patch reads it)', () => {
    const graph = CanBecome.compute(roleOf([{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'patch'], resourceNames: ['tok'] }]));
    expect(graph.edgesOf('ops', 'ctl').map((e) => `${e.how}->${e.to}`)).toEqual(['token-secret->ns:ops']);
    const alone = CanBecome.compute(roleOf([{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'get'], resourceNames: ['tok'] }]));
    expect(alone.edgesOf('ops', 'ctl')).toEqual([]);
  });

  test('GIVEN a defaultNamespace THEN "can become" places namespace-less accounts and bindings there, as effective access does', () => {
    const manifests: Manifest[] = roleOf([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }])
      .map((m) => ({ ...m, metadata: { name: m.metadata.name } }));
    const graph = CanBecome.compute(manifests, { defaultNamespace: 'team-a' });
    expect(graph.edgesOf('team-a', 'ctl').map((e) => `${e.how}->${e.to}`)).toEqual(['pod-create->ns:team-a']);
    expect(graph.edgesOf('default', 'ctl')).toEqual([]);
  });
});

import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';
import { nameLimit, unmatchableByName } from '../../src/rbac/resource-names';

const RBAC = 'rbac.authorization.k8s.io/v1';

function access(rules: unknown[]): EffectiveAccess {
  const manifests: Manifest[] = [
    { apiVersion: RBAC, kind: 'Role', metadata: { name: 'r', namespace: 'ops' }, rules },
    {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'ops' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'ctl' }],
    },
  ];
  return EffectiveAccess.compute(manifests);
}
const grants = (rules: unknown[]) => access(rules).forServiceAccount('ops', 'ctl')!.grants.map((g) => `${g.resource}:${g.verb}${g.resourceNames ? `[${g.resourceNames}]` : ''}`);

describe('resourceNames as the RBAC authorizer applies them', () => {
  test('GIVEN create with resourceNames on a resource THEN no grant (a create request has no name at authorization time)', () => {
    expect(grants([{ apiGroups: [''], resources: ['pods', 'configmaps'], verbs: ['create'], resourceNames: ['x'] }])).toEqual([]);
    expect(access([{ apiGroups: [''], resources: ['pods'], verbs: ['create'], resourceNames: ['x'] }]).hasGrants('ops', 'ctl')).toBe(false);
  });

  test('GIVEN deletecollection with resourceNames THEN no grant; get/update/patch/delete with names THEN only those names', () => {
    expect(grants([{ apiGroups: [''], resources: ['secrets'], verbs: ['deletecollection', 'get', 'update', 'patch', 'delete'], resourceNames: ['tls'] }]))
      .toEqual(['secrets:get[tls]', 'secrets:update[tls]', 'secrets:patch[tls]', 'secrets:delete[tls]']);
  });

  test('GIVEN create on a subresource with names THEN a grant limited to those parents (POST .../serviceaccounts/NAME/token names it)', () => {
    expect(grants([{ apiGroups: [''], resources: ['serviceaccounts/token', 'pods/exec'], verbs: ['create'], resourceNames: ['builder'] }]))
      .toEqual(['serviceaccounts/token:create[builder]', 'pods/exec:create[builder]']);
  });

  test('GIVEN list and watch with names THEN grants limited to those names, by a metadata.name field selector', () => {
    const [grant] = access([{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'], resourceNames: ['cfg'] }]).forServiceAccount('ops', 'ctl')!.grants;
    expect(EffectiveAccess.nameLimitOf(grant)).toEqual({ kind: 'names', names: ['cfg'], byFieldSelector: true });
    expect(EffectiveAccess.nameLimitOf({ verb: 'get', resource: 'configmaps', resourceNames: ['cfg'] })).toEqual({ kind: 'names', names: ['cfg'], byFieldSelector: false });
    expect(EffectiveAccess.nameLimitOf({ verb: 'get', resource: 'configmaps' })).toEqual({ kind: 'all' });
  });

  test('GIVEN the verb * or the resource * with names THEN kept, limited (they also cover named verbs and named subresources)', () => {
    expect(grants([{ apiGroups: [''], resources: ['secrets'], verbs: ['*'], resourceNames: ['tls'] }])).toEqual(['secrets:*[tls]']);
    expect(grants([{ apiGroups: [''], resources: ['*'], verbs: ['create'], resourceNames: ['tls'] }])).toEqual(['*:create[tls]']);
  });

  test.each([
    ['create', 'pods', 'never'], ['deletecollection', 'pods', 'never'], ['create', 'pods/exec', 'names'], ['list', 'pods', 'names'],
    ['get', 'pods', 'names'], ['create', '*', 'names'], ['create', '*/scale', 'names'], ['bind', 'clusterroles', 'names'],
  ])('GIVEN %s on %s with names THEN %s', (verb, resource, kind) => {
    expect(nameLimit(verb, resource, ['x']).kind).toBe(kind);
    expect(nameLimit(verb, resource, []).kind).toBe('all');
  });

  test('GIVEN a rule THEN unmatchableByName lists exactly the (group, resource, verb) its names make impossible', () => {
    expect(unmatchableByName({ apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['create', 'get', 'deletecollection'], resourceNames: ['mine'] }))
      .toEqual([
        { apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', verb: 'create', resourceNames: ['mine'] },
        { apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', verb: 'deletecollection', resourceNames: ['mine'] },
      ]);
    expect(unmatchableByName({ apiGroups: [''], resources: ['pods'], verbs: ['create'] })).toEqual([]);
    expect(unmatchableByName('junk')).toEqual([]);
  });
});

import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';
import { onlyOfKind } from '../helpers';
import { errorOf, roleRules, synthGrant } from './synth-util';

const WIDGETS = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });

describe('Permission factories emit exactly the documented verbs', () => {
  test('read = get, list, watch', () => {
    // GIVEN / WHEN
    const rules = roleRules(synthGrant([Permission.read(ApiResource.CONFIG_MAPS)]));
    // THEN
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('manage = read + create, update, patch, delete (no deletecollection)', () => {
    const rules = roleRules(synthGrant([Permission.manage(ApiResource.DEPLOYMENTS).withJustification('the operator owns the Deployments of its Widgets')]));
    expect(rules).toEqual([{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }]);
  });

  test('reconcile grants the same verbs as manage', () => {
    const rules = roleRules(synthGrant([Permission.reconcile(WIDGETS)]));
    expect(rules).toEqual([{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }]);
  });

  test('updateStatus = get, update, patch on <resource>/status only', () => {
    const rules = roleRules(synthGrant([Permission.updateStatus(WIDGETS)]));
    expect(rules).toEqual([{ apiGroups: ['example.com'], resources: ['widgets/status'], verbs: ['get', 'update', 'patch'] }]);
  });

  test('events = create, patch on core events', () => {
    const rules = roleRules(synthGrant([Permission.events()]));
    expect(rules).toEqual([{ apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] }]);
  });

  test('leaderElection = leases get/create/update + events create/patch, and nothing on configmaps', () => {
    const rules = roleRules(synthGrant([Permission.leaderElection()]));
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
  });

  test('getNamed = get on the named objects only', () => {
    const rules = roleRules(synthGrant([Permission.getNamed(ApiResource.CONFIG_MAPS, 'operator-config')]));
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['operator-config'] }]);
  });

  test('custom keeps resourceNames exactly', () => {
    const rules = roleRules(synthGrant([Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', 'update'], resourceNames: ['b', 'a'] })]));
    expect(rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update'], resourceNames: ['a', 'b'] }]);
  });

  test('well-known resources carry their API group; subresources keep it', () => {
    const rules = roleRules(synthGrant([Permission.read(ApiResource.of('cronjobs'), ApiResource.of('pods/log'), ApiResource.LEASES)]));
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch'] },
    ]);
  });
});

describe('Permission validation: the error names the construct path, the field, the value and what is allowed', () => {
  test('an unknown verb is refused', () => {
    const message = errorOf(() => [Permission.custom({ resources: [ApiResource.PODS], verbs: ['gett'] })]);
    expect(message).toContain("RoleGrant 'test/grant': permissions[0]");
    expect(message).toContain("verbs 'gett' is not a Kubernetes verb: use get, list, watch, create");
  });

  test('a known verb passes', () => {
    expect(() => synthGrant([Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['deletecollection'] })])).not.toThrow();
  });

  test('a singular resource name is refused with the plural suggested', () => {
    const message = errorOf(() => [Permission.read(ApiResource.custom({ apiGroup: 'apps', resource: 'deployment' }))]);
    expect(message).toContain("RoleGrant 'test/grant': permissions[0] read(deployment):");
    expect(message).toContain("resource 'deployment' must be the plural resource name: did you mean 'deployments'?");
  });

  test('an uppercase (Kind-like) resource name is refused', () => {
    const message = errorOf(() => [Permission.read(ApiResource.custom({ apiGroup: 'example.com', resource: 'Widget' }))]);
    expect(message).toContain("resource 'Widget' must be a lowercase plural resource name, optionally with one '/subresource'");
  });

  test('an invalid API group is refused', () => {
    const message = errorOf(() => [Permission.read(ApiResource.custom({ apiGroup: 'Example_Com', resource: 'widgets' }))]);
    expect(message).toContain("apiGroup 'Example_Com' is not a valid API group: use \"\" for core or a lowercase DNS name");
  });

  test.each(['create', 'deletecollection'])('resourceNames with %s is refused (the request names no object, so the rule would grant nothing)', (verb) => {
    const message = errorOf(() => [Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', verb], resourceNames: ['cfg'] })]);
    expect(message).toContain(`resourceNames never match verbs '${verb}': a create (by POST) or deletecollection request names no object`);
  });

  test.each(['list', 'watch'])('resourceNames with %s is accepted (answered for a metadata.name field selector, as the authorizer does)', (verb) => {
    const rules = roleRules(synthGrant([Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', verb], resourceNames: ['cfg'] })]));
    expect(rules[0]).toMatchObject({ verbs: ['get', verb], resourceNames: ['cfg'] });
  });

  test('resourceNames with create together with patch, or on a subresource, is accepted (server-side apply and token requests name their object)', () => {
    const apply = roleRules(synthGrant([Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['create', 'patch'], resourceNames: ['cfg'] })]));
    expect(apply[0]).toMatchObject({ verbs: ['create', 'patch'], resourceNames: ['cfg'] });
    const exec = roleRules(synthGrant([Permission.custom({ resources: [ApiResource.of('pods/exec')], verbs: ['create'], resourceNames: ['debug'] })
      .withJustification('the debugger execs into its own pod only')]));
    expect(exec[0]).toMatchObject({ resources: ['pods/exec'], verbs: ['create'], resourceNames: ['debug'] });
  });

  test('resourceNames with get, update, patch, delete is accepted', () => {
    const rules = roleRules(synthGrant([Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: ['cfg'] })]));
    expect(rules[0].resourceNames).toEqual(['cfg']);
  });

  test('an empty verbs list is refused', () => {
    const message = errorOf(() => [Permission.custom({ resources: [ApiResource.PODS], verbs: [] })]);
    expect(message).toContain('verbs is empty: name at least one of get, list');
  });

  test('a permission on no resource is refused', () => {
    const message = errorOf(() => [Permission.read()]);
    expect(message).toContain("RoleGrant 'test/grant': permissions[0] read(): resources is empty");
  });

  test('ApiResource.of refuses an unknown name and suggests the plural', () => {
    expect(() => ApiResource.of('deployment')).toThrow("ApiResource.of: resource 'deployment' is not a well-known Kubernetes resource (did you mean 'deployments'?)");
    expect(ApiResource.of('deployments').apiGroup).toBe('apps');
  });
});

describe('wildcards are refused unless a written reason is given', () => {
  test.each([
    ['verbs', () => Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['*'] }), "verbs '*'"],
    ['resources', () => Permission.custom({ resources: [ApiResource.custom({ apiGroup: 'example.com', resource: '*' })], verbs: ['get'] }), "resource '*'"],
    ['apiGroups', () => Permission.read(ApiResource.custom({ apiGroup: '*', resource: 'widgets' })), "apiGroup '*'"],
  ])('* in %s without a reason is refused', (_field, build, value) => {
    const message = errorOf(() => [build()]);
    expect(message).toContain("RoleGrant 'test/grant': permissions[0]");
    expect(message).toContain(`${value} is a wildcard: name the exact resources and verbs, or give a written reason in wildcardJustification`);
  });

  test('* with a reason is emitted and the reason becomes an rbac/wildcard suppression on the Role and its binding', () => {
    // GIVEN
    const permission = Permission.custom({
      resources: [ApiResource.custom({ apiGroup: 'example.com', resource: '*' })],
      verbs: ['get', 'list', 'watch'],
      wildcardJustification: 'reads every kind of its own API group, which grows with each release',
    });
    // WHEN
    const manifests = synthGrant([permission]);
    // THEN
    const role = onlyOfKind(manifests, 'Role');
    expect(role.rules).toEqual([{ apiGroups: ['example.com'], resources: ['*'], verbs: ['get', 'list', 'watch'] }]);
    const expected = [{ rule: 'rbac/wildcard', reason: 'reads every kind of its own API group, which grows with each release' }];
    expect(JSON.parse(role.metadata.annotations['guardrails.cdk8s.io/suppress'])).toEqual(expected);
    const binding = onlyOfKind(manifests, 'RoleBinding');
    expect(JSON.parse(binding.metadata.annotations['guardrails.cdk8s.io/suppress'])).toEqual(expected);
  });

  test('a blank reason does not count', () => {
    const message = errorOf(() => [Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: ['*'], wildcardJustification: '  ' })]);
    expect(message).toContain("verbs '*' is a wildcard");
  });

  test('a grant without wildcard carries no suppression annotation', () => {
    const role = onlyOfKind(synthGrant([Permission.read(ApiResource.CONFIG_MAPS)]), 'Role');
    expect(role.metadata.annotations).toBeUndefined();
  });
});

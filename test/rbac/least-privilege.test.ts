import { ApiResource } from '../../src/rbac/api-resource';
import { LeastPrivilege } from '../../src/rbac/least-privilege';
import { Permission } from '../../src/rbac/permission';

describe('LeastPrivilege.rules', () => {
  test('GIVEN overlapping intents WHEN built THEN each verb is granted once, merged by identical verbs', () => {
    const rules = LeastPrivilege.rules([
      Permission.read(ApiResource.CONFIG_MAPS, ApiResource.PODS),
      Permission.manage(ApiResource.CONFIG_MAPS),
      Permission.leaderElection(),
      Permission.events(),
    ]);
    expect(rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
  });

  test('an invalid permission is refused with its reason', () => {
    expect(() => LeastPrivilege.rules([Permission.custom({ resources: [ApiResource.PODS], verbs: ['gett'] })]))
      .toThrow("LeastPrivilege.rules: permissions[0] custom(pods: gett): verbs 'gett' is not a Kubernetes verb");
  });
});

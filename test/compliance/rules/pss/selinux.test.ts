import { pod } from './pods';
import { seLinuxRule } from '../../../../src/compliance/rules/pss/selinux';
import { check, paths } from '../../rule-harness';

describe('pss/selinux', () => {
  test('GIVEN a custom type at pod level and user and role on a container THEN each field is reported', () => {
    const violations = check(seLinuxRule, [pod({
      securityContext: { seLinuxOptions: { type: 'spc_t' } },
      containers: [{ name: 'app', securityContext: { seLinuxOptions: { user: 'system_u', role: 'system_r', level: 's0:c1' } } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/securityContext/seLinuxOptions/type',
      '/spec/containers/0/securityContext/seLinuxOptions/user',
      '/spec/containers/0/securityContext/seLinuxOptions/role',
    ]);
    expect(violations[0].message).toContain('"spc_t"');
  });

  test('GIVEN container_engine_t THEN it passes at latest but fails at v1.30 (allowed since v1.31)', () => {
    const manifests = [pod({ containers: [{ name: 'app', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }] })];
    expect(check(seLinuxRule, manifests)).toEqual([]);
    expect(paths(check(seLinuxRule, manifests, { podSecurityVersion: 'v1.30' })))
      .toEqual(['/spec/containers/0/securityContext/seLinuxOptions/type']);
  });

  test('GIVEN the allowed types and a level only THEN nothing is reported', () => {
    expect(check(seLinuxRule, [pod({
      securityContext: { seLinuxOptions: { level: 's0:c123,c456' } },
      initContainers: [{ name: 'i', securityContext: { seLinuxOptions: { type: 'container_init_t' } } }],
      containers: [{ name: 'a', securityContext: { seLinuxOptions: { type: 'container_t' } } }, { name: 'k', securityContext: { seLinuxOptions: { type: 'container_kvm_t' } } }],
    })])).toEqual([]);
  });

  test('GIVEN a custom type THEN the message lists the allowed types', () => {
    const [violation] = check(seLinuxRule, [pod({ securityContext: { seLinuxOptions: { type: 'spc_t' } }, containers: [] })]);
    expect(violation.message).toBe('The pod sets seLinuxOptions.type "spc_t"; remove it or use one of container_t, container_init_t, container_kvm_t, container_engine_t.');
  });

  test('GIVEN a custom user on a container THEN the message names the container and the field', () => {
    const [violation] = check(seLinuxRule, [pod({ containers: [{ name: 'app', securityContext: { seLinuxOptions: { user: 'system_u' } } }] })]);
    expect(violation.message).toBe('The container \'app\' sets seLinuxOptions.user "system_u"; remove it (a custom SELinux user is forbidden).');
  });

  test('GIVEN type, user and role empty or null THEN they count as unset', () => {
    expect(check(seLinuxRule, [pod({
      securityContext: { seLinuxOptions: { type: '', user: '', role: '' } },
      containers: [{ name: 'app', securityContext: { seLinuxOptions: { type: null, user: null, role: null } } }],
    })])).toEqual([]);
  });
});

import { pod } from './pods';
import { capabilitiesRule } from '../../../../src/compliance/rules/pss/capabilities';
import { check, paths } from '../../rule-harness';

describe('pss/capabilities', () => {
  test('GIVEN containers that do not drop ALL THEN each is reported at capabilities.drop', () => {
    const violations = check(capabilitiesRule, [pod({
      initContainers: [{ name: 'init' }],
      containers: [{ name: 'app', securityContext: { capabilities: { drop: ['NET_RAW'] } } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/initContainers/0/securityContext/capabilities/drop', '/spec/containers/0/securityContext/capabilities/drop']);
    expect(violations[0].message).toContain('drop: ["ALL"]');
  });

  test('GIVEN drop ALL and add CHOWN THEN the added default capability is reported', () => {
    expect(paths(check(capabilitiesRule, [pod({ containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] } } }] })])))
      .toEqual(['/spec/containers/0/securityContext/capabilities/add/1']);
  });

  test('GIVEN add SYS_ADMIN THEN it is left to pss/capabilities-baseline (reported once in the pack)', () => {
    expect(check(capabilitiesRule, [pod({ containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } } }] })])).toEqual([]);
  });

  test('GIVEN drop ALL and add only NET_BIND_SERVICE THEN it passes', () => {
    expect(check(capabilitiesRule, [pod({ containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }] })])).toEqual([]);
  });

  test('GIVEN a Windows pod THEN the Linux-only control does not apply', () => {
    expect(check(capabilitiesRule, [pod({ os: { name: 'windows' }, containers: [{ name: 'app' }] })])).toEqual([]);
  });

  test('GIVEN an added default capability THEN the message says only NET_BIND_SERVICE may be added', () => {
    const [violation] = check(capabilitiesRule, [pod({ containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'], add: ['CHOWN'] } } }] })]);
    expect(violation.message).toBe('The container \'app\' adds capability "CHOWN"; remove it (Restricted allows adding only NET_BIND_SERVICE).');
  });
});

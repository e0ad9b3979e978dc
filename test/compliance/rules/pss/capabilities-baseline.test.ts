import { pod } from './pods';
import { capabilitiesBaselineRule } from '../../../../src/compliance/rules/pss/capabilities-baseline';
import { check, paths } from '../../rule-harness';

describe('pss/capabilities-baseline', () => {
  test('GIVEN SYS_ADMIN and NET_RAW added beside CHOWN THEN only the two non-default capabilities are reported', () => {
    const violations = check(capabilitiesBaselineRule, [pod({
      containers: [{ name: 'app', securityContext: { capabilities: { add: ['CHOWN', 'SYS_ADMIN', 'NET_RAW'] } } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/containers/0/securityContext/capabilities/add/1',
      '/spec/containers/0/securityContext/capabilities/add/2',
    ]);
    expect(violations[0].message).toContain('"SYS_ADMIN"');
  });

  test('GIVEN an ephemeral container adding SYS_PTRACE THEN it is reported', () => {
    expect(paths(check(capabilitiesBaselineRule, [pod({
      containers: [{ name: 'app' }],
      ephemeralContainers: [{ name: 'debug', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }],
    })]))).toEqual(['/spec/ephemeralContainers/0/securityContext/capabilities/add/0']);
  });

  test('GIVEN only default capabilities added THEN nothing is reported (Baseline does not require a drop)', () => {
    expect(check(capabilitiesBaselineRule, [pod({
      containers: [{ name: 'app', securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SETUID', 'SYS_CHROOT'] } } }],
    })])).toEqual([]);
  });

  test('GIVEN a forbidden capability THEN the message lists the allowed set', () => {
    const [violation] = check(capabilitiesBaselineRule, [pod({ containers: [{ name: 'app', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }] })]);
    expect(violation.message).toBe('The container \'app\' adds capability "SYS_ADMIN"; remove it (Baseline allows only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, '
      + 'FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).');
  });
});

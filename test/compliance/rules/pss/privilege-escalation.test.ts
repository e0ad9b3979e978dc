import { cronJob, pod } from './pods';
import { privilegeEscalationRule } from '../../../../src/compliance/rules/pss/privilege-escalation';
import { check, paths } from '../../rule-harness';

describe('pss/privilege-escalation', () => {
  test('GIVEN containers with the field unset or true THEN each is reported at the field to set', () => {
    const violations = check(privilegeEscalationRule, [cronJob({
      initContainers: [{ name: 'init' }],
      containers: [{ name: 'ok', securityContext: { allowPrivilegeEscalation: false } }, { name: 'app', securityContext: { allowPrivilegeEscalation: true } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation',
      '/spec/jobTemplate/spec/template/spec/containers/1/securityContext/allowPrivilegeEscalation',
    ]);
    expect(violations[0].message).toContain("init container 'init' does not set securityContext.allowPrivilegeEscalation; set it to false");
  });

  test('GIVEN an ephemeral container without the field THEN it is reported', () => {
    expect(paths(check(privilegeEscalationRule, [pod({
      containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false } }],
      ephemeralContainers: [{ name: 'debug' }],
    })]))).toEqual(['/spec/ephemeralContainers/0/securityContext/allowPrivilegeEscalation']);
  });

  test('GIVEN a Windows pod (spec.os.name windows) THEN the Linux-only control does not apply', () => {
    expect(check(privilegeEscalationRule, [pod({ os: { name: 'windows' }, containers: [{ name: 'app' }] })])).toEqual([]);
  });

  test('GIVEN allowPrivilegeEscalation true THEN the message quotes the value', () => {
    const [violation] = check(privilegeEscalationRule, [pod({ containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: true } }] })]);
    expect(violation.message).toBe("The container 'app' sets true for securityContext.allowPrivilegeEscalation; set it to false.");
  });
});

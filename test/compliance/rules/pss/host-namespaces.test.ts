import { cronJob, deployment, pod } from './pods';
import { hostNamespacesRule } from '../../../../src/compliance/rules/pss/host-namespaces';
import { check, paths } from '../../rule-harness';

describe('pss/host-namespaces', () => {
  test('GIVEN hostNetwork, hostPID and hostIPC true THEN each field is reported with what to set', () => {
    const violations = check(hostNamespacesRule, [pod({ hostNetwork: true, hostPID: true, hostIPC: true, containers: [{ name: 'app' }] })]);
    expect(paths(violations)).toEqual(['/spec/hostNetwork', '/spec/hostPID', '/spec/hostIPC']);
    expect(violations[0]).toMatchObject({ objectIndex: 0, message: expect.stringContaining('remove hostNetwork or set it to false') });
    expect(violations[0].target).toBeUndefined();
  });

  test('GIVEN a CronJob pod template with hostNetwork THEN the pointer goes through the job template', () => {
    expect(paths(check(hostNamespacesRule, [cronJob({ hostNetwork: true, containers: [] })])))
      .toEqual(['/spec/jobTemplate/spec/template/spec/hostNetwork']);
  });

  test('GIVEN the fields false or unset THEN nothing is reported', () => {
    expect(check(hostNamespacesRule, [
      deployment({ hostNetwork: false, hostPID: false, containers: [{ name: 'app' }] }),
      pod({ containers: [{ name: 'app' }] }),
    ])).toEqual([]);
  });

  test('GIVEN the fields null THEN they count as unset', () => {
    expect(check(hostNamespacesRule, [pod({ hostNetwork: null, hostPID: null, hostIPC: null, containers: [{ name: 'app' }] })])).toEqual([]);
  });
});

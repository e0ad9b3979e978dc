import { pod } from './pods';
import { procMountRule } from '../../../../src/compliance/rules/pss/proc-mount';
import { check, paths } from '../../rule-harness';

describe('pss/proc-mount', () => {
  test('GIVEN procMount Unmasked THEN it is reported, even with hostUsers false (no cluster-dependent relaxation)', () => {
    const violations = check(procMountRule, [pod({ hostUsers: false, containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }] })]);
    expect(paths(violations)).toEqual(['/spec/containers/0/securityContext/procMount']);
    expect(violations[0].message).toContain('set it to Default');
  });

  test('GIVEN procMount Default or unset THEN nothing is reported', () => {
    expect(check(procMountRule, [pod({ containers: [{ name: 'a', securityContext: { procMount: 'Default' } }, { name: 'b' }] })])).toEqual([]);
  });

  test('GIVEN procMount null THEN it counts as unset', () => {
    expect(check(procMountRule, [pod({ containers: [{ name: 'a', securityContext: { procMount: null } }] })])).toEqual([]);
  });
});

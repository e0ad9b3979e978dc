import { pod } from './pods';
import { procMountRule } from '../../../../src/compliance/rules/pss/proc-mount';
import { check, paths } from '../../rule-harness';

const unmasked = { name: 'app', securityContext: { procMount: 'Unmasked' } };

describe('pss/proc-mount', () => {
  test('GIVEN procMount Unmasked in a pod in the host user namespace THEN it is reported, at every version', () => {
    for (const podSecurityVersion of ['v1.25', 'v1.35', 'latest']) {
      const violations = check(procMountRule, [pod({ containers: [unmasked] })], { podSecurityVersion });
      expect(paths(violations)).toEqual(['/spec/containers/0/securityContext/procMount']);
      expect(violations[0].message).toContain('set it to Default');
    }
  });

  test('GIVEN procMount Unmasked with hostUsers false THEN baseline reports it at v1.34 and allows it from v1.35 (check_procMount_baseline.go)', () => {
    const userNamespaced = pod({ hostUsers: false, containers: [unmasked, { name: 'init-like', securityContext: { procMount: 'Anything' } }] });
    expect(paths(check(procMountRule, [userNamespaced], { podSecurityVersion: 'v1.34' }))).toEqual([
      '/spec/containers/0/securityContext/procMount', '/spec/containers/1/securityContext/procMount',
    ]);
    expect(check(procMountRule, [userNamespaced], { podSecurityVersion: 'v1.35' })).toEqual([]);
    expect(check(procMountRule, [userNamespaced], { podSecurityVersion: 'latest' })).toEqual([]);
  });

  test('GIVEN hostUsers true or unset THEN no relaxation at v1.35', () => {
    expect(check(procMountRule, [pod({ hostUsers: true, containers: [unmasked] })], { podSecurityVersion: 'v1.35' })).toHaveLength(1);
  });

  test('GIVEN procMount Default or unset THEN nothing is reported', () => {
    expect(check(procMountRule, [pod({ containers: [{ name: 'a', securityContext: { procMount: 'Default' } }, { name: 'b' }] })])).toEqual([]);
  });

  test('GIVEN procMount null THEN it counts as unset', () => {
    expect(check(procMountRule, [pod({ containers: [{ name: 'a', securityContext: { procMount: null } }] })])).toEqual([]);
  });
});

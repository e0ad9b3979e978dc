import { pod } from './pods';
import { procMountRule } from '../../../../src/compliance/rules/pss/proc-mount';
import { procMountRestrictedRule } from '../../../../src/compliance/rules/pss/proc-mount-restricted';
import { check, paths, runRule } from '../../rule-harness';

const unmasked = { name: 'app', securityContext: { procMount: 'Unmasked' } };

describe('pss/proc-mount-restricted', () => {
  test('GIVEN procMount Unmasked with hostUsers false THEN restricted reports it from v1.35, where baseline lets it through (check_procMount_restricted.go)', () => {
    const userNamespaced = pod({ hostUsers: false, containers: [unmasked] });
    for (const podSecurityVersion of ['v1.35', 'latest']) {
      const violations = check(procMountRestrictedRule, [userNamespaced], { podSecurityVersion });
      expect(paths(violations)).toEqual(['/spec/containers/0/securityContext/procMount']);
      expect(violations[0]).toMatchObject({ target: 'app', message: "The container 'app' sets securityContext.procMount: \"Unmasked\"; remove it or set it to Default." });
      expect(check(procMountRule, [userNamespaced], { podSecurityVersion })).toEqual([]);
    }
  });

  test('GIVEN procMount Unmasked where baseline reports it (before v1.35, or in the host user namespace) THEN restricted adds nothing: one finding per problem', () => {
    expect(check(procMountRestrictedRule, [pod({ hostUsers: false, containers: [unmasked] })], { podSecurityVersion: 'v1.34' })).toEqual([]);
    expect(check(procMountRestrictedRule, [pod({ containers: [unmasked] })])).toEqual([]);
  });

  test('GIVEN the pss-restricted pack THEN an unmasked /proc is reported once at every version', () => {
    for (const podSecurityVersion of ['v1.34', 'latest']) {
      const findings = [...runRule('pss/proc-mount', [pod({ hostUsers: false, containers: [unmasked] })], { podSecurityVersion }),
        ...runRule('pss/proc-mount-restricted', [pod({ hostUsers: false, containers: [unmasked] })], { podSecurityVersion })];
      expect(findings).toHaveLength(1);
    }
  });

  test('GIVEN procMount Default or unset with hostUsers false THEN nothing is reported', () => {
    expect(check(procMountRestrictedRule, [pod({ hostUsers: false, containers: [{ name: 'a', securityContext: { procMount: 'Default' } }, { name: 'b' }] })])).toEqual([]);
  });
});

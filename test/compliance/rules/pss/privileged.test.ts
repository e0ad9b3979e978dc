import { deployment } from './pods';
import { privilegedRule } from '../../../../src/compliance/rules/pss/privileged';
import { check, paths } from '../../rule-harness';

describe('pss/privileged', () => {
  test('GIVEN a privileged init container and a privileged regular container THEN both are reported by name', () => {
    const violations = check(privilegedRule, [deployment({
      initContainers: [{ name: 'setup', securityContext: { privileged: true } }],
      containers: [{ name: 'ok' }, { name: 'app', securityContext: { privileged: true } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/template/spec/initContainers/0/securityContext/privileged',
      '/spec/template/spec/containers/1/securityContext/privileged',
    ]);
    expect(violations.map(v => v.target)).toEqual(['setup', 'app']);
    expect(violations[0].message).toContain("init container 'setup'");
  });

  test('GIVEN privileged false or unset THEN nothing is reported', () => {
    expect(check(privilegedRule, [deployment({ containers: [{ name: 'a', securityContext: { privileged: false } }, { name: 'b' }] })])).toEqual([]);
  });

  test('GIVEN privileged null THEN it counts as unset', () => {
    expect(check(privilegedRule, [deployment({ containers: [{ name: 'a', securityContext: { privileged: null } }] })])).toEqual([]);
  });
});

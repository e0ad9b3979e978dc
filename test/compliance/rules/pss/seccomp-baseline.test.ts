import { pod } from './pods';
import { seccompBaselineRule } from '../../../../src/compliance/rules/pss/seccomp-baseline';
import { check, paths } from '../../rule-harness';

describe('pss/seccomp-baseline', () => {
  test('GIVEN Unconfined at pod level and on an init container THEN both are reported', () => {
    const violations = check(seccompBaselineRule, [pod({
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      initContainers: [{ name: 'init', securityContext: { seccompProfile: { type: 'Unconfined' } } }],
      containers: [{ name: 'app' }],
    })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/seccompProfile/type', '/spec/initContainers/0/securityContext/seccompProfile/type']);
    expect(violations[0].message).toContain('"Unconfined"');
  });

  test('GIVEN no profile at all THEN Baseline passes (only Restricted requires one)', () => {
    expect(check(seccompBaselineRule, [pod({ containers: [{ name: 'app' }] })])).toEqual([]);
  });

  test('GIVEN RuntimeDefault and Localhost THEN nothing is reported', () => {
    expect(check(seccompBaselineRule, [pod({
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/app.json' } } }],
    })])).toEqual([]);
  });

  test('GIVEN a container seccompProfile without a type THEN it is forbidden and reported as (unset)', () => {
    const [violation] = check(seccompBaselineRule, [pod({ containers: [{ name: 'app', securityContext: { seccompProfile: {} } }] })]);
    expect(violation.message).toBe("The container 'app' sets securityContext.seccompProfile.type (unset); set it to RuntimeDefault or Localhost.");
  });

  test('GIVEN seccompProfile null THEN it counts as unset', () => {
    expect(check(seccompBaselineRule, [pod({
      securityContext: { seccompProfile: null },
      containers: [{ name: 'app', securityContext: { seccompProfile: null } }],
    })])).toEqual([]);
  });

  test('GIVEN a scalar seccompProfile THEN it is forbidden', () => {
    expect(paths(check(seccompBaselineRule, [pod({ containers: [{ name: 'app', securityContext: { seccompProfile: 'RuntimeDefault' } }] })])))
      .toEqual(['/spec/containers/0/securityContext/seccompProfile/type']);
  });
});

import { deployment, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/service-account-exists';

describe(RULE, () => {
  test('GIVEN the pod\'s ServiceAccount in the input THEN no finding', () => {
    expect(runRule(RULE, [serviceAccount('web'), deployment('web', securePodSpec())])).toEqual([]);
  });

  test('GIVEN an unset namespace on one side and default on the other THEN they match', () => {
    expect(runRule(RULE, [serviceAccount('web', { automountServiceAccountToken: false }, 'default'), deployment('web', securePodSpec())])).toEqual([]);
  });

  test('GIVEN no such ServiceAccount THEN a warning', () => {
    expect(runRule(RULE, [deployment('web', securePodSpec())])).toMatchObject([
      { severity: 'warning', path: '/spec/template/spec/serviceAccountName', message: expect.stringContaining("ServiceAccount 'web' is not defined") },
    ]);
  });

  test('GIVEN the ServiceAccount in another namespace THEN a warning', () => {
    expect(runRule(RULE, [serviceAccount('web', { automountServiceAccountToken: false }, 'other'), deployment('web', securePodSpec(), 'apps')])).toHaveLength(1);
  });

  test('GIVEN the pod runs as default THEN no warning here (default always exists)', () => {
    expect(runRule(RULE, [deployment('web', securePodSpec({ serviceAccountName: 'default' }))])).toEqual([]);
  });

  test('GIVEN a pod in namespace prod and its ServiceAccount only without a namespace (that is, in default) THEN a warning', () => {
    expect(runRule(RULE, [serviceAccount('web'), deployment('web', securePodSpec(), 'prod')]).map((f) => f.message)).toEqual([
      "ServiceAccount 'web' is not defined in namespace 'prod' of the input. Add it, or fix serviceAccountName.",
    ]);
  });
});

import { serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/automount-service-account';

describe(RULE, () => {
  test('GIVEN a ServiceAccount with automountServiceAccountToken: false THEN no finding', () => {
    expect(runRule(RULE, [serviceAccount('web')])).toEqual([]);
  });

  test('GIVEN a ServiceAccount that leaves it unset THEN a finding (Kubernetes defaults to true)', () => {
    const findings = runRule(RULE, [serviceAccount('web', {})]);
    expect(findings).toMatchObject([{ severity: 'error', object: { kind: 'ServiceAccount', name: 'web' }, path: '/automountServiceAccountToken' }]);
  });

  test('GIVEN a ServiceAccount with automountServiceAccountToken: true THEN a finding', () => {
    expect(runRule(RULE, [serviceAccount('web', { automountServiceAccountToken: true })])).toHaveLength(1);
  });
});

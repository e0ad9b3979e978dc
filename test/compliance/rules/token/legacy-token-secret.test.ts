import { runRule } from '../../rule-harness';

const RULE = 'token/legacy-token-secret';

describe(RULE, () => {
  test('GIVEN a Secret of type kubernetes.io/service-account-token THEN an error naming the ServiceAccount', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-token', annotations: { 'kubernetes.io/service-account.name': 'web' } },
      type: 'kubernetes.io/service-account-token',
    };
    expect(runRule(RULE, [secret])).toMatchObject([{ severity: 'error', path: '/type', message: expect.stringContaining("ServiceAccount 'web'") }]);
  });

  test('GIVEN an Opaque Secret THEN no finding', () => {
    expect(runRule(RULE, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque' }])).toEqual([]);
  });
});

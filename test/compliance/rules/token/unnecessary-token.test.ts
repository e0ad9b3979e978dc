import { binding, deployment, projectedTokenVolume, role, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/unnecessary-token';

const readConfigMaps = role('read-config', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
const bindWeb = binding('web-read-config', { kind: 'Role', name: 'read-config' }, [{ kind: 'ServiceAccount', name: 'web' }]);

function withApiToken(audience?: string) {
  const token = audience ? { audience, expirationSeconds: 600 } : { expirationSeconds: 600 };
  return deployment('web', securePodSpec({ volumes: [projectedTokenVolume('api-token', token)] }));
}

describe(RULE, () => {
  test('GIVEN an API token for a ServiceAccount that is bound to a Role THEN no finding', () => {
    expect(runRule(RULE, [serviceAccount('web'), readConfigMaps, bindWeb, withApiToken()])).toEqual([]);
  });

  test('GIVEN an API token for a ServiceAccount with no binding THEN a warning on the projection', () => {
    expect(runRule(RULE, [serviceAccount('web'), withApiToken()])).toMatchObject([
      { severity: 'warning', target: 'api-token', path: '/spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken' },
    ]);
  });

  test('GIVEN an automounted token for a ServiceAccount with no permissions THEN a warning on automount', () => {
    expect(runRule(RULE, [serviceAccount('web'), deployment('web', securePodSpec({ automountServiceAccountToken: true }))]))
      .toMatchObject([{ target: 'automount', path: '/spec/template/spec/automountServiceAccountToken' }]);
  });

  test('GIVEN a token with another audience (not the API server) THEN no finding', () => {
    expect(runRule(RULE, [serviceAccount('web'), withApiToken('vault')])).toEqual([]);
  });

  test('GIVEN a binding to a Role with no rules THEN the ServiceAccount holds nothing and the token is unnecessary', () => {
    const empty = role('read-config', []);
    expect(runRule(RULE, [serviceAccount('web'), empty, bindWeb, withApiToken()])).toHaveLength(1);
  });
});

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

  test.each([
    ['https://kubernetes.default.svc'],
    ['https://kubernetes.default.svc.cluster.local'],
    ['kubernetes.default.svc'],
    ['https://oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D'],
  ])('GIVEN a token whose explicit audience is the API server\'s own (%s) THEN it is an API token and still unnecessary', (audience) => {
    const findings = runRule(RULE, [serviceAccount('web'), withApiToken(audience)]);
    expect(findings).toMatchObject([{ target: 'api-token' }]);
    expect(findings[0].message).toContain(`(audience '${audience}' is the API server's own)`);
  });

  test('GIVEN a ServiceAccount bound only to system:auth-delegator (TokenReview, SubjectAccessReview) THEN its token is needed: no finding', () => {
    const authDelegator = { ...binding('metrics-auth', { kind: 'ClusterRole', name: 'system:auth-delegator' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], 'ClusterRoleBinding') };
    expect(runRule(RULE, [serviceAccount('web'), authDelegator, withApiToken()])).toEqual([]);
  });

  test.each([
    ['system:basic-user'], ['system:discovery'], ['system:public-info-viewer'], ['system:service-account-issuer-discovery'],
  ])('GIVEN a ServiceAccount bound only to the baseline role %s THEN it holds nothing beyond what every account holds: the token is unnecessary', (name) => {
    const baseline = binding(`web-${name}`, { kind: 'ClusterRole', name }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], 'ClusterRoleBinding');
    expect(runRule(RULE, [serviceAccount('web'), baseline, withApiToken()])).toHaveLength(1);
  });

  test('GIVEN an input ClusterRole named system:discovery with extra rules THEN it is not the baseline one: the token is needed', () => {
    const shadow = { ...role('system:discovery', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'ClusterRole') };
    const bind = binding('web-discovery', { kind: 'ClusterRole', name: 'system:discovery' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], 'ClusterRoleBinding');
    expect(runRule(RULE, [serviceAccount('web'), shadow, bind, withApiToken()])).toEqual([]);
  });
});

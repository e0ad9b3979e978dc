import { binding, inNamespace, role } from '../helpers';
import { runRule } from '../rule-harness';

/**
 * resourceNames in the role-risk rules, exactly as the authorizer applies them: a permission
 * limited to named objects is reported one level less serious and names them; one that names can
 * never match (create or deletecollection by name) is no risk (rbac/unmatchable-permission says so).
 */
describe('role risk rules with resourceNames', () => {
  test('GIVEN get limited to named Secrets (the form the remediation recommends) THEN info, not warning, and the names are in the message', () => {
    const [finding] = runRule('rbac/secrets-access', [role('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls', 'db'] }])]);
    expect(finding).toMatchObject({ severity: 'info', target: 'get secrets' });
    expect(finding.message).toContain("verb 'get' on 'secrets' in apiGroup '', limited to the objects named 'tls', 'db'.");
    expect(runRule('rbac/secrets-access', [role('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }])])).toMatchObject([{ severity: 'warning' }]);
  });

  test('GIVEN list and watch limited by name THEN lowered, and the message says a metadata.name field selector is needed (they CAN be limited by name)', () => {
    const findings = runRule('rbac/secrets-access', [role('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'], resourceNames: ['tls'] }])]);
    expect(findings.map((f) => [f.target, f.severity])).toEqual([['list secrets', 'info'], ['watch secrets', 'info']]);
    expect(findings[0].message).toContain("limited to the objects named 'tls' (only for requests with a metadata.name field selector)");
    expect(findings[0].message).not.toContain('cannot be limited by name');
  });

  test('GIVEN create by name on a resource THEN no risk finding (it grants nothing); on a subresource THEN a lowered one (the parent is named)', () => {
    expect(runRule('rbac/webhook-config-write', [role('r', [{
      apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['create'], resourceNames: ['mine'],
    }], 'ClusterRole')])).toEqual([]);
    expect(runRule('rbac/token-request', [role('r', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] }])]))
      .toMatchObject([{ severity: 'warning', target: 'create serviceaccounts/token' }]);
  });

  test('GIVEN create by name with patch on the same names elsewhere in the role THEN a lowered risk (server-side apply creates it by name)', () => {
    const findings = runRule('rbac/webhook-config-write', [role('r', [
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['create'], resourceNames: ['mine'] },
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'patch'], resourceNames: ['mine'] },
    ], 'ClusterRole')]);
    expect(findings.map((f) => [f.path, f.target, f.severity])).toEqual([
      ['/rules/0', 'create validatingwebhookconfigurations.admissionregistration.k8s.io', 'warning'],
      ['/rules/1', 'patch validatingwebhookconfigurations.admissionregistration.k8s.io', 'warning'],
    ]);
    expect(findings[0].message).toContain('(created only by server-side apply or PUT: a POST names no object)');
  });

  test('GIVEN the same named rule in two roles, one of which can also patch THEN each role is judged with its own rules', () => {
    const create = { apiGroups: [''], resources: ['secrets'], verbs: ['create'], resourceNames: ['tok'] };
    const findings = runRule('rbac/secret-token-minting', [
      role('alone', [create]),
      role('with-patch', [create, { apiGroups: [''], resources: ['secrets'], verbs: ['patch'], resourceNames: ['tok'] }]),
    ]);
    expect(findings.map((f) => [f.object.name, f.severity])).toEqual([['with-patch', 'info']]);
  });

  test('GIVEN a binding to the built-in system:auth-delegator THEN rbac/auth-delegation reports it through the role (info)', () => {
    const findings = runRule('rbac/auth-delegation', [inNamespace(binding('delegate', { kind: 'ClusterRole', name: 'system:auth-delegator' },
      [{ kind: 'ServiceAccount', name: 'api', namespace: 'apps' }], 'ClusterRoleBinding'), 'apps')]);
    expect(findings.map((f) => [f.path, f.target, f.severity])).toEqual([
      ['/roleRef', 'create subjectaccessreviews.authorization.k8s.io', 'info'],
      ['/roleRef', 'create tokenreviews.authentication.k8s.io', 'info'],
    ]);
  });
});

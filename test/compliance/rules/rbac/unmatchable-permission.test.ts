import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/unmatchable-permission';

describe(RULE, () => {
  test('GIVEN create and deletecollection by name THEN an info finding on resourceNames for each, saying it grants nothing', () => {
    const findings = runRule(RULE, [role('r', [
      { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], verbs: ['get', 'create', 'deletecollection'], resourceNames: ['mine'] },
    ], 'ClusterRole')]);
    expect(findings.map((f) => [f.severity, f.path, f.target])).toEqual([
      ['info', '/rules/0/resourceNames', 'create validatingwebhookconfigurations.admissionregistration.k8s.io'],
      ['info', '/rules/0/resourceNames', 'deletecollection validatingwebhookconfigurations.admissionregistration.k8s.io'],
    ]);
    expect(findings[0].message).toMatch(/^resourceNames \['mine'\] never match verb 'create' on 'validatingwebhookconfigurations'.*so this grants nothing\./);
  });

  test('GIVEN create by name with patch on the names (server-side apply), or on a subresource THEN no finding', () => {
    expect(runRule(RULE, [role('r', [
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'], resourceNames: ['cfg'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['patch'], resourceNames: ['cfg'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] },
    ])])).toEqual([]);
  });

  test('GIVEN pods/* or */* THEN a finding on that resource: RBAC matches them literally (a subresource named *)', () => {
    const findings = runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['pods', 'pods/*', '*/*'], verbs: ['get'] }])]);
    expect(findings.map((f) => [f.path, f.target])).toEqual([['/rules/0/resources/1', 'pods/*'], ['/rules/0/resources/2', '*/*']]);
    expect(findings[0].message).toContain("Resource 'pods/*' is not a pattern");
  });

  test('GIVEN *, */scale and exact resources, or junk THEN no finding and no crash', () => {
    expect(runRule(RULE, [role('r', [
      { apiGroups: ['*'], resources: ['*', '*/scale', 'pods/log'], verbs: ['get'] },
      null,
      { resources: 'pods/*', verbs: ['get'] },
      { apiGroups: [''], resources: [7, 'pods'], verbs: ['create'], resourceNames: 'x' },
    ])])).toEqual([]);
  });
});

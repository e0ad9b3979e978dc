import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/escalate-bind-impersonate';
const RBAC = 'rbac.authorization.k8s.io';

describe(RULE, () => {
  test('GIVEN bind on roles THEN an error', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [RBAC], resources: ['roles'], verbs: ['bind'] }])]))
      .toMatchObject([{ severity: 'error', target: `bind roles.${RBAC}` }]);
  });

  test('GIVEN bind on rolebindings (not a real risk: bind is checked on the role) THEN no finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [RBAC], resources: ['rolebindings'], verbs: ['bind', 'create'] }])])).toEqual([]);
  });

  test('GIVEN escalate on clusterroles THEN an error', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['escalate'] }], 'ClusterRole')])).toHaveLength(1);
  });

  test('GIVEN impersonate on users, groups and serviceaccounts THEN one finding that covers each, in the rule\'s order', () => {
    const findings = runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] }], 'ClusterRole')]);
    expect(findings.map((f) => f.targets)).toEqual([['impersonate users', 'impersonate groups', 'impersonate serviceaccounts']]);
  });

  test('GIVEN get on serviceaccounts THEN no finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] }])])).toEqual([]);
  });
});

import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

/** Rules that flag one permission: a failing and a passing rule for each. */
const CASES: Array<[string, object, object, string]> = [
  ['rbac/token-request',
    { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] },
    'create serviceaccounts/token'],
  ['rbac/nodes-proxy',
    { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] },
    { apiGroups: [''], resources: ['nodes'], verbs: ['get'] },
    'get nodes/proxy'],
  ['rbac/webhook-config-write',
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'] },
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['get', 'list', 'watch'] },
    'patch mutatingwebhookconfigurations.admissionregistration.k8s.io'],
  ['rbac/csr-approval',
    { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
    { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get'] },
    'update certificatesigningrequests/approval.certificates.k8s.io'],
  ['rbac/persistent-volume-create',
    { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] },
    { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] },
    'create persistentvolumes'],
];

describe.each(CASES)('%s', (ruleId, failing, passing, target) => {
  test('GIVEN the dangerous permission THEN an error targeting it', () => {
    expect(runRule(ruleId, [role('r', [failing], 'ClusterRole')])).toMatchObject([{ severity: 'error', path: '/rules/0', target }]);
  });

  test('GIVEN a nearby harmless permission THEN no finding', () => {
    expect(runRule(ruleId, [role('r', [passing], 'ClusterRole')])).toEqual([]);
  });
});

test('GIVEN approve on certificates.k8s.io signers THEN rbac/csr-approval reports it', () => {
  expect(runRule('rbac/csr-approval', [role('r', [{ apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] }], 'ClusterRole')]))
    .toHaveLength(1);
});

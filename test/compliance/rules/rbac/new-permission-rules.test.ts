import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

/**
 * The escalation paths main did not see, one rule each: a failing permission (with its severity
 * and target), a nearby harmless one, and the edge where tools disagree.
 */
const CASES: Array<[string, object, object, string, string]> = [
  ['rbac/workload-write',
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] },
    { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['patch'] },
    'patch deployments.apps', 'warning'],
  ['rbac/ephemeral-containers',
    { apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update'] },
    { apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['get'] },
    'update pods/ephemeralcontainers', 'error'],
  ['rbac/secret-token-minting',
    { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['update', 'delete'] },
    'create secrets', 'warning'],
  ['rbac/admission-policy-write',
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingadmissionpolicybindings'], verbs: ['delete'] },
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingadmissionpolicies/status'], verbs: ['update'] },
    'delete mutatingadmissionpolicybindings.admissionregistration.k8s.io', 'error'],
  ['rbac/apiservice-write',
    { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['update'] },
    { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['get', 'list', 'watch'] },
    'update apiservices.apiregistration.k8s.io', 'error'],
  ['rbac/namespace-write',
    { apiGroups: [''], resources: ['namespaces'], verbs: ['patch'] },
    { apiGroups: [''], resources: ['namespaces'], verbs: ['create', 'delete'] },
    'patch namespaces', 'error'],
  ['rbac/status-write',
    { apiGroups: [''], resources: ['services/status'], verbs: ['patch'] },
    { apiGroups: ['example.com'], resources: ['widgets/status'], verbs: ['update', 'patch'] },
    'patch services/status', 'warning'],
  ['rbac/auth-delegation',
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    'create tokenreviews.authentication.k8s.io', 'info'],
];

describe.each(CASES)('%s', (ruleId, failing, passing, target, severity) => {
  test(`GIVEN the permission THEN a ${severity} targeting it`, () => {
    expect(runRule(ruleId, [role('r', [failing], 'ClusterRole')])).toMatchObject([{ severity, path: '/rules/0', target }]);
  });

  test('GIVEN a nearby harmless permission THEN no finding', () => {
    expect(runRule(ruleId, [role('r', [passing], 'ClusterRole')])).toEqual([]);
  });

  test('GIVEN `*` in verbs THEN the rule reports it too (a wildcard covers the risky verb)', () => {
    expect(runRule(ruleId, [role('r', [{ ...failing, verbs: ['*'] }], 'ClusterRole')]).map((f) => f.severity)).toEqual([severity]);
  });
});

describe('rbac/workload-write covers every kind that carries a pod spec, pods included', () => {
  test.each([
    ['', 'pods'], ['', 'replicationcontrollers'], ['', 'podtemplates'], ['apps', 'deployments'], ['apps', 'statefulsets'], ['apps', 'daemonsets'],
    ['apps', 'replicasets'], ['extensions', 'deployments'], ['batch', 'jobs'], ['batch', 'cronjobs'],
  ])('GIVEN update on %s/%s THEN reported', (group, resource) => {
    expect(runRule('rbac/workload-write', [role('r', [{ apiGroups: [group], resources: [resource], verbs: ['update'] }])])).toHaveLength(1);
  });

  test('GIVEN pod status or pod log access THEN not reported (the image and template are not reachable)', () => {
    expect(runRule('rbac/workload-write', [role('r', [{ apiGroups: [''], resources: ['pods/status', 'pods/log'], verbs: ['get', 'patch'] }])])).toEqual([]);
  });
});

describe('rbac/status-write', () => {
  test('GIVEN pods/status and nodes/status writes THEN each reported; */status (every status) too', () => {
    expect(runRule('rbac/status-write', [role('r', [{ apiGroups: [''], resources: ['pods/status', 'nodes/status'], verbs: ['update'] }], 'ClusterRole')]).map((f) => f.target))
      .toEqual(['update nodes/status', 'update pods/status']);
    expect(runRule('rbac/status-write', [role('r', [{ apiGroups: [''], resources: ['*/status'], verbs: ['patch'] }], 'ClusterRole')])).toHaveLength(1);
  });
});

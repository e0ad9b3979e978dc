import { binding, inNamespace } from '../helpers';
import { runRule } from '../rule-harness';

/** What the binding rules share (src/compliance/rules/rbac/binding-risk.ts): messages, targets and paths. */
describe('binding risk rules', () => {
  test('GIVEN a ClusterRoleBinding to cluster-admin THEN the message names the binding kind and the risk (the remediation is the rule\'s, printed once per rule)', () => {
    const findings = runRule('rbac/cluster-admin-binding', [binding('root', { kind: 'ClusterRole', name: 'cluster-admin' }, [{ kind: 'User', name: 'alice' }], 'ClusterRoleBinding')]);
    expect(findings).toMatchObject([{ object: { kind: 'ClusterRoleBinding', name: 'root' }, path: '/roleRef', target: 'cluster-admin' }]);
    expect(findings[0].message).toBe('The ClusterRoleBinding binds the ClusterRole cluster-admin (every verb on every resource).');
  });

  test('GIVEN risky subjects at several positions THEN each finding points at its own subject and names it', () => {
    const subjects = [
      { kind: 'ServiceAccount', name: 'web', namespace: 'apps' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'apps' },
      { kind: 'Group', name: 'system:authenticated' },
    ];
    const manifests = [inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'apps')];
    expect(runRule('rbac/default-service-account-binding', manifests)).toMatchObject([{
      path: '/subjects/1',
      target: 'default',
      message: "The RoleBinding grants to the ServiceAccount 'default' in namespace 'apps', which every pod without a ServiceAccount runs as.",
    }]);
    expect(runRule('rbac/system-group-binding', manifests)).toMatchObject([{
      path: '/subjects/2',
      target: 'system:authenticated',
      message: "The RoleBinding binds Group 'system:authenticated'.",
    }]);
  });

  test('GIVEN bindings with no risk of the rule (and one without roleRef or subjects) THEN no finding and no crash', () => {
    const bare = { ...binding('bare', { kind: 'ClusterRole', name: 'view' }, []), roleRef: undefined, subjects: undefined };
    const manifests = [bare, binding('b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'alice' }], 'ClusterRoleBinding')];
    for (const ruleId of ['rbac/cluster-admin-binding', 'rbac/system-group-binding', 'rbac/default-service-account-binding']) {
      expect(runRule(ruleId, manifests)).toEqual([]);
    }
  });
});

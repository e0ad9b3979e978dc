import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { RuleRunner } from '../../../src/compliance/rule-runner';
import { BindingRiskDefinition, bindingRiskRule } from '../../../src/compliance/rules/binding-risks';
import { binding, inNamespace } from '../helpers';
import { OPTIONS, runRule } from '../rule-harness';

/** A binding-risk definition for these tests: it reports every binding's roleRef with its name, or throws. */
function definition(id: string, match: BindingRiskDefinition['match']): BindingRiskDefinition {
  return {
    id, title: id, defaultSeverity: 'warning', rationale: 'test', remediation: 'test', references: [], examples: { failing: [], passing: [] }, match,
  };
}
const byRoleRef: BindingRiskDefinition['match'] = (b) => [{ field: 'roleRef', target: String(b.roleRef?.name), message: `binds ${b.roleRef?.name}` }];

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

  describe('one pass over the bindings for every binding-risk rule', () => {
    const manifests = [
      inNamespace(binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'User', name: 'alice' }]), 'apps'),
      binding('b', { kind: 'ClusterRole', name: 'edit' }, [{ kind: 'User', name: 'bob' }], 'ClusterRoleBinding'),
      inNamespace(binding('c', { kind: 'Role', name: 'reader' }, [{ kind: 'User', name: 'carol' }]), 'db'),
    ];

    test('GIVEN a definition that throws THEN only its rule reports the error, and the rules judged in the same pass find what they find', () => {
      const throws = bindingRiskRule(definition('test/throws', () => {
        throw new Error('boom');
      }));
      const finds = bindingRiskRule(definition('test/finds', byRoleRef));
      const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })));
      const outcomes = RuleRunner.run([throws, finds], index, OPTIONS);
      expect(outcomes.get(throws)).toEqual({ error: new Error('boom') });
      // RoleBindings first, then ClusterRoleBindings, each in input order: as each rule read them on its own.
      expect(outcomes.get(finds)).toEqual({
        violations: [
          { objectIndex: 0, path: '/roleRef', target: 'view', message: 'The RoleBinding binds view.' },
          { objectIndex: 2, path: '/roleRef', target: 'reader', message: 'The RoleBinding binds reader.' },
          { objectIndex: 1, path: '/roleRef', target: 'edit', message: 'The ClusterRoleBinding binds edit.' },
        ],
      });
    });

    test('GIVEN a rule built after an index already made its pass THEN it still judges every binding of that index', () => {
      const first = bindingRiskRule(definition('test/first', byRoleRef));
      const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })));
      expect(first.check!(index, OPTIONS)).toHaveLength(3);
      const late = bindingRiskRule(definition('test/late', (b, context) => (b.roleRef?.name === 'edit' ? byRoleRef(b, context) : [])));
      expect(late.check!(index, OPTIONS)).toEqual([{ objectIndex: 1, path: '/roleRef', target: 'edit', message: 'The ClusterRoleBinding binds edit.' }]);
    });
  });
});

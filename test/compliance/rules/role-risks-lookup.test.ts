import * as fc from 'fast-check';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { RuleRunner } from '../../../src/compliance/rule-runner';
import { ALL_RULES } from '../../../src/compliance/rules';
import { assessRisk, RoleRiskRule } from '../../../src/compliance/rules/role-risks';
import type { PolicyRuleJson } from '../../../src/rbac/policy-rule';
import { RiskPatterns } from '../../../src/rbac/risk-pattern';
import { role } from '../helpers';
import { OPTIONS } from '../rule-harness';

/**
 * The role-risk rules assess only the policy rules that name a resource their risk needs
 * (`RiskPatterns.resourcesCovering`, looked up by resource). These tests hold that lookup to the
 * full assessment of every policy rule, so a resource it leaves out would show as a lost finding.
 */

const RISK_RULES = ALL_RULES.filter((rule): rule is RoleRiskRule => 'matches' in rule && 'risk' in rule);

/** Every resource the risk patterns name, their wildcard forms, and resources no pattern names. */
const RESOURCES = [
  ...new Set(RISK_RULES.flatMap((rule) => (rule.matches === 'wildcards' ? [] : rule.matches.flatMap((p) => p.resources)))),
  '*', '*/*', '*/exec', '*/status', '*/proxy', 'pods/*', 'widgets', 'widgets/status', 'configmaps', '',
];
const GROUPS = ['', '*', 'apps', 'batch', 'rbac.authorization.k8s.io', 'admissionregistration.k8s.io', 'certificates.k8s.io', 'team.example.com'];
const VERBS = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'bind', 'escalate', 'approve', 'sign'];

const policyRule: fc.Arbitrary<PolicyRuleJson> = fc.record({
  apiGroups: fc.array(fc.constantFrom(...GROUPS), { minLength: 1, maxLength: 3 }),
  resources: fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 4 }),
  verbs: fc.array(fc.constantFrom(...VERBS), { minLength: 1, maxLength: 4 }),
}, { requiredKeys: ['apiGroups', 'resources', 'verbs'] });

describe('role risk rules look policy rules up by resource', () => {
  test('GIVEN every pattern target and the resources a rule may name THEN resourcesCovering lists exactly those that cover it, as the authorizer matches', () => {
    const targets = [...new Set(RESOURCES.filter((r) => r !== '' && !r.startsWith('*')))];
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) {
      const pattern = { groups: [''], resources: [target], verbs: ['get'] };
      const covering = RESOURCES.filter((resource) => RiskPatterns.covers(pattern, '', resource, 'get'));
      expect([...RiskPatterns.resourcesCovering(target)].sort()).toEqual(expect.arrayContaining(covering.sort()));
      // Each listed resource does cover the target (nothing is looked up that cannot match).
      for (const resource of RiskPatterns.resourcesCovering(target)) expect(RiskPatterns.covers(pattern, '', resource, 'get')).toBe(true);
    }
  });

  test('GIVEN random roles THEN each risk rule reports exactly the policy rules whose full assessment finds its risk', () => {
    fc.assert(fc.property(fc.array(fc.array(policyRule, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (rolesRules) => {
      const manifests = rolesRules.map((rules, i) => role(`team-${i}`, rules, i % 2 ? 'ClusterRole' : 'Role'));
      const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })), 'apps');
      const outcomes = RuleRunner.run(RISK_RULES, index, OPTIONS);
      for (const rule of RISK_RULES) {
        const outcome = outcomes.get(rule)!;
        if ('error' in outcome) throw new Error(`rule ${rule.id} crashed`);
        // Sorted: sources are visited Roles first, then ClusterRoles.
        const reported = [...new Set(outcome.violations.map((v) => `${v.objectIndex}${v.path}`))].sort();
        const expected = rolesRules.flatMap((rules, i) => rules.flatMap((r, k) => (assessRisk(rule, r).length > 0 ? [`${i}/rules/${k}`] : []))).sort();
        expect({ rule: rule.id, reported }).toEqual({ rule: rule.id, reported: expected });
      }
    }), { numRuns: 200 });
  });
});

import { RuleSelectors } from '../../src/compliance/rule-selector';
import { RuleRegistry } from '../../src/compliance/rules';

describe('RuleSelectors', () => {
  const ids = RuleRegistry.ids();

  test('GIVEN the catalogue THEN each family is a selector once, in catalogue order', () => {
    expect(RuleSelectors.families(ids)).toEqual(['token/*', 'rbac/*', 'pss/*', 'hardening/*', 'guardrails/*']);
  });

  test('GIVEN a family THEN it matches the rules of that family only; an id matches itself only', () => {
    expect(RuleSelectors.matches('pss/*', 'pss/privileged')).toBe(true);
    expect(RuleSelectors.matches('pss/*', 'pssx/privileged')).toBe(false);
    expect(RuleSelectors.matches('rbac/secrets-access', 'rbac/secrets-access')).toBe(true);
    expect(RuleSelectors.matches('rbac/secrets-access', 'rbac/secrets-access-2')).toBe(false);
  });

  test('GIVEN an unknown id or family THEN the problem names the closest valid selectors', () => {
    expect(RuleSelectors.problem('rbac/secret-access', ids)).toBe("unknown rule id or family 'rbac/secret-access'; did you mean 'rbac/secrets-access'?");
    expect(RuleSelectors.problem('harden/*', ids)).toBe("unknown rule id or family 'harden/*'; did you mean 'hardening/*'?");
    expect(RuleSelectors.problem('', ids)).toMatch(/required/);
    expect(RuleSelectors.problem('token/*', ids)).toBeUndefined();
  });
});

import { LabelSelectors } from '../../src/k8s/label-selector';

const labels = { app: 'web', tier: 'front' };

describe('LabelSelectors.matches', () => {
  test.each([
    [{}, true], [null, true],
    [{ matchLabels: { app: 'web' } }, true], [{ matchLabels: { app: 'db' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, true],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'Like', values: ['web'] }] }, false],
    [{ matchExpressions: 'app' }, false], ['app=web', false], [[], false],
  ])('GIVEN selector %j THEN it selects {app: web, tier: front}: %s', (selector, expected) => {
    expect(LabelSelectors.matches(selector, labels)).toBe(expected);
  });

  test('GIVEN requirements THEN requirementProblem says what the API server would reject', () => {
    expect(LabelSelectors.requirementProblem('In', [])).toEqual({ field: 'values', problem: 'is empty: operator In needs at least one value' });
    expect(LabelSelectors.requirementProblem('Exists', ['a'])).toEqual({ field: 'values', problem: '[a] must be empty with operator Exists' });
    expect(LabelSelectors.requirementProblem('Like', [])).toEqual({ field: 'operator', problem: "'Like' is not one of In, NotIn, Exists, DoesNotExist" });
    expect([LabelSelectors.requirementProblem('NotIn', ['a']), LabelSelectors.requirementProblem('DoesNotExist', [])]).toEqual([undefined, undefined]);
  });
});

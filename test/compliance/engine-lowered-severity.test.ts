import { role, runEngine } from './helpers';
import type { Severity } from '../../src/compliance/model';

/**
 * `Violation.lowered`: a violation one level less serious than its rule's effective severity
 * (error -> warning -> info; info stays info), after packs and overrides. The RBAC rules use it
 * for permissions that resourceNames limit to named objects.
 */
const namedTokenRequest = role('r', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'], resourceNames: ['builder'] }]);
const anyTokenRequest = role('r', [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }]);

function severities(manifests: any[], overrides: Record<string, Severity | 'off'> = {}): Array<[string, Severity]> {
  return runEngine(manifests, { packs: ['rbac'], severityOverrides: overrides })
    .findings.filter((f) => f.ruleId === 'rbac/token-request').map((f) => [f.target!, f.severity]);
}

describe('ComplianceEngine: lowered violations', () => {
  test('GIVEN an error rule WHEN the violation is lowered THEN a warning; unlowered THEN the error', () => {
    expect(severities([namedTokenRequest])).toEqual([['create serviceaccounts/token', 'warning']]);
    expect(severities([anyTokenRequest])).toEqual([['create serviceaccounts/token', 'error']]);
  });

  test.each<[Severity, Severity]>([['error', 'warning'], ['warning', 'info'], ['info', 'info']])(
    'GIVEN the rule overridden to %s WHEN lowered THEN %s (the override is the effective severity that is lowered)', (override, expected) => {
      expect(severities([namedTokenRequest], { 'rbac/token-request': override })).toEqual([['create serviceaccounts/token', expected]]);
      expect(severities([anyTokenRequest], { 'rbac/token-request': override })).toEqual([['create serviceaccounts/token', override]]);
    });

  test('GIVEN lowered findings THEN the summary counts them at their lowered severity', () => {
    const report = runEngine([namedTokenRequest], { packs: [], severityOverrides: { 'rbac/token-request': 'warning' } });
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 1 });
  });
});

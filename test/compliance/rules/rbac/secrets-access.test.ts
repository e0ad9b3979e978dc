import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/secrets-access';

describe(RULE, () => {
  test('GIVEN get/list/watch on secrets THEN one warning on the rule entry, covering each verb as a target `<verb> secrets`', () => {
    const findings = runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }])]);
    expect(findings.map((f) => [f.severity, f.path, f.targets])).toEqual([['warning', '/rules/0', ['get secrets', 'list secrets', 'watch secrets']]]);
  });

  test('GIVEN only create/delete on secrets, or get on configmaps THEN no finding', () => {
    expect(runRule(RULE, [
      role('a', [{ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] }]),
      role('b', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
    ])).toEqual([]);
  });
});

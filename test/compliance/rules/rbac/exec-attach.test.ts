import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/exec-attach';

describe(RULE, () => {
  test('GIVEN only `get` on pods/exec THEN an error (WebSocket exec is a GET)', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }])]))
      .toMatchObject([{ severity: 'error', target: 'get pods/exec' }]);
  });

  test('GIVEN create on pods/attach and pods/portforward THEN one finding on the rule entry that covers each', () => {
    const findings = runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['pods/attach', 'pods/portforward'], verbs: ['create'] }])]);
    expect(findings.map((f) => f.targets)).toEqual([['create pods/attach', 'create pods/portforward']]);
  });

  test('GIVEN get on pods and pods/log THEN no finding', () => {
    expect(runRule(RULE, [role('r', [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get'] }])])).toEqual([]);
  });
});

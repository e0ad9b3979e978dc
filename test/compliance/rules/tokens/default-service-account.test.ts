import { deployment, runRule, securePodSpec } from '../../helpers';

const RULE = 'token/default-service-account';

describe(RULE, () => {
  test('GIVEN a pod with its own ServiceAccount THEN no finding', () => {
    expect(runRule(RULE, [deployment('web', securePodSpec())])).toEqual([]);
  });

  test('GIVEN a pod with no serviceAccountName THEN a finding for the implied default', () => {
    const { serviceAccountName: _, ...spec } = securePodSpec();
    const findings = runRule(RULE, [deployment('web', spec)]);
    expect(findings).toMatchObject([{ severity: 'error', path: '/spec/template/spec/serviceAccountName' }]);
    expect(findings[0].message).toContain('sets no serviceAccountName');
  });

  test('GIVEN a pod that names default explicitly (also through the deprecated serviceAccount field) THEN a finding', () => {
    expect(runRule(RULE, [deployment('a', securePodSpec({ serviceAccountName: 'default' }))])).toHaveLength(1);
    const { serviceAccountName: _, ...spec } = securePodSpec({ serviceAccount: 'default' });
    expect(runRule(RULE, [deployment('b', spec)]).map((f) => f.path)).toEqual(['/spec/template/spec/serviceAccount']);
  });
});

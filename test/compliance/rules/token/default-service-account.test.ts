import { deployment, securePodSpec } from '../../helpers';
import { runRule } from '../../rule-harness';

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

  const NAMED = 'The pod runs as the namespace\'s default ServiceAccount. Give the workload its own ServiceAccount.';
  const IMPLIED = 'The pod spec sets no serviceAccountName, so it runs as the namespace\'s default ServiceAccount. Give the workload its own ServiceAccount and set serviceAccountName.';

  test.each([
    [{ serviceAccountName: 'default' }, 'serviceAccountName', NAMED],
    [{ serviceAccount: 'default' }, 'serviceAccount', NAMED],
    [{ serviceAccountName: 'default', serviceAccount: 'default' }, 'serviceAccountName', NAMED],
    [{ serviceAccountName: '', serviceAccount: 'default' }, 'serviceAccountName', NAMED],
    [{}, 'serviceAccountName', IMPLIED],
    [{ serviceAccountName: '' }, 'serviceAccountName', IMPLIED],
  ])('GIVEN a pod spec with %j THEN the finding points at %s and says whether default is named or implied', (fields, field, message) => {
    const { serviceAccountName: _, ...spec } = securePodSpec();
    expect(runRule(RULE, [deployment('web', { ...spec, ...fields })]).map((f) => [f.path, f.message])).toEqual([
      [`/spec/template/spec/${field}`, message],
    ]);
  });
});

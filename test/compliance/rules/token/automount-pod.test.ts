import { deployment, securePodSpec, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/automount-pod';

describe(RULE, () => {
  test('GIVEN a pod spec that sets automountServiceAccountToken: false THEN no finding', () => {
    expect(runRule(RULE, [deployment('web', securePodSpec())])).toEqual([]);
  });

  test('GIVEN the pod field unset WHEN the ServiceAccount sets false THEN it is still a finding (strict, like checkov and Kyverno)', () => {
    const { automountServiceAccountToken: _, ...spec } = securePodSpec();
    const findings = runRule(RULE, [serviceAccount('web'), deployment('web', spec)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      object: { kind: 'Deployment', name: 'web' },
      path: '/spec/template/spec/automountServiceAccountToken',
    });
    expect(findings[0].message).toContain('does not set');
  });

  test('GIVEN automountServiceAccountToken: true THEN a finding', () => {
    const findings = runRule(RULE, [deployment('web', securePodSpec({ automountServiceAccountToken: true }))]);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('sets automountServiceAccountToken: true')]);
  });

  test('GIVEN a CronJob whose job template leaves automount unset THEN the finding points into the job template', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: { spec: { serviceAccountName: 'web', containers: [{ name: 'c', image: 'busybox:1' }] } } } } },
    };
    expect(runRule(RULE, [cronJob]).map((f) => f.path)).toEqual(['/spec/jobTemplate/spec/template/spec/automountServiceAccountToken']);
  });

  test('GIVEN a bare Pod and a custom kind whose spec.template.spec is a pod (containers with images) THEN both are checked', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } };
    const custom = { apiVersion: 'example.com/v1', kind: 'Rollout', metadata: { name: 'r' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } } };
    expect(runRule(RULE, [pod, custom]).map((f) => `${f.object.kind} ${f.path}`)).toEqual([
      'Pod /spec/automountServiceAccountToken',
      'Rollout /spec/template/spec/automountServiceAccountToken',
    ]);
  });
});

test('GIVEN a core/v1 PodTemplate THEN its top-level template is checked', () => {
  const podTemplate = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { containers: [{ name: 'c', image: 'x:1' }] } } };
  expect(runRule(RULE, [podTemplate]).map((f) => f.path)).toEqual(['/template/spec/automountServiceAccountToken']);
});

import { deployment, pod } from './pods';
import { runAsNonRootRule } from '../../../../src/compliance/rules/pss/run-as-non-root';
import { check, paths } from '../../rule-harness';

describe('pss/run-as-non-root', () => {
  test('GIVEN pod-level true and containers unset THEN it passes', () => {
    expect(check(runAsNonRootRule, [deployment({
      securityContext: { runAsNonRoot: true },
      initContainers: [{ name: 'init' }],
      containers: [{ name: 'app' }],
    })])).toEqual([]);
  });

  test('GIVEN pod-level true but one container sets false THEN only that container is reported', () => {
    const violations = check(runAsNonRootRule, [deployment({
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'app' }, { name: 'legacy', securityContext: { runAsNonRoot: false } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/template/spec/containers/1/securityContext/runAsNonRoot']);
    expect(violations[0]).toMatchObject({ target: 'legacy', message: expect.stringContaining('set it to true') });
  });

  test('GIVEN nothing set anywhere THEN every container is reported and told where to set it', () => {
    const violations = check(runAsNonRootRule, [pod({ containers: [{ name: 'a' }], ephemeralContainers: [{ name: 'debug' }] })]);
    expect(paths(violations)).toEqual(['/spec/containers/0/securityContext/runAsNonRoot', '/spec/ephemeralContainers/0/securityContext/runAsNonRoot']);
    expect(violations[0].message).toContain('set runAsNonRoot: true on the pod or the container');
  });

  test('GIVEN pod-level false THEN the pod is reported, and containers setting true still pass', () => {
    const violations = check(runAsNonRootRule, [pod({
      securityContext: { runAsNonRoot: false },
      containers: [{ name: 'a', securityContext: { runAsNonRoot: true } }, { name: 'b' }],
    })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/runAsNonRoot', '/spec/containers/1/securityContext/runAsNonRoot']);
  });

  test('GIVEN every container sets true and the pod sets nothing THEN it passes', () => {
    expect(check(runAsNonRootRule, [pod({ containers: [{ name: 'a', securityContext: { runAsNonRoot: true } }] })])).toEqual([]);
  });

  test('GIVEN pod-level true and a container with runAsNonRoot null THEN null counts as unset and it passes', () => {
    expect(check(runAsNonRootRule, [pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'a', securityContext: { runAsNonRoot: null } }] })])).toEqual([]);
  });

  test('GIVEN pod-level false THEN the pod message says what to set', () => {
    const [violation] = check(runAsNonRootRule, [pod({ securityContext: { runAsNonRoot: false }, containers: [] })]);
    expect(violation.message).toBe('The pod sets securityContext.runAsNonRoot: false; set it to true.');
  });

  test('GIVEN nothing set in a pod with hostUsers false THEN it is reported at v1.34 and not from v1.35 (check_runAsNonRoot.go)', () => {
    const userNamespaced = pod({ hostUsers: false, securityContext: { runAsNonRoot: false }, containers: [{ name: 'app' }] });
    expect(paths(check(runAsNonRootRule, [userNamespaced], { podSecurityVersion: 'v1.34' }))).toEqual(['/spec/securityContext/runAsNonRoot', '/spec/containers/0/securityContext/runAsNonRoot']);
    expect(check(runAsNonRootRule, [userNamespaced], { podSecurityVersion: 'v1.35' })).toEqual([]);
    expect(check(runAsNonRootRule, [userNamespaced])).toEqual([]);
  });
});

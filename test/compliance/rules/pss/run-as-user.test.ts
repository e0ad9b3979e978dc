import { pod } from './pods';
import { runAsUserRule } from '../../../../src/compliance/rules/pss/run-as-user';
import { check, paths } from '../../rule-harness';

describe('pss/run-as-user', () => {
  test('GIVEN runAsUser 0 on the pod and an init container THEN both are reported', () => {
    const violations = check(runAsUserRule, [pod({
      securityContext: { runAsUser: 0 },
      initContainers: [{ name: 'init', securityContext: { runAsUser: 0 } }],
      containers: [{ name: 'app', securityContext: { runAsUser: 1000 } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/runAsUser', '/spec/initContainers/0/securityContext/runAsUser']);
    expect(violations[1]).toMatchObject({ target: 'init', message: expect.stringContaining('set a non-zero UID') });
  });

  test('GIVEN runAsUser unset or non-zero THEN nothing is reported', () => {
    expect(check(runAsUserRule, [pod({ securityContext: { runAsUser: 65532 }, containers: [{ name: 'a' }, { name: 'b', securityContext: { runAsUser: 1 } }] })])).toEqual([]);
  });

  test('GIVEN runAsUser 0 on the pod THEN the message says what to change', () => {
    const [violation] = check(runAsUserRule, [pod({ securityContext: { runAsUser: 0 }, containers: [] })]);
    expect(violation.message).toBe('The pod sets securityContext.runAsUser: 0 (root); set a non-zero UID or remove it.');
  });

  test('GIVEN runAsUser 0 in a pod with hostUsers false THEN it is reported at v1.34 and not from v1.35 (root in a user namespace is not root on the node)', () => {
    const userNamespaced = pod({ hostUsers: false, securityContext: { runAsUser: 0 }, containers: [{ name: 'app', securityContext: { runAsUser: 0 } }] });
    expect(paths(check(runAsUserRule, [userNamespaced], { podSecurityVersion: 'v1.34' }))).toEqual(['/spec/securityContext/runAsUser', '/spec/containers/0/securityContext/runAsUser']);
    expect(check(runAsUserRule, [userNamespaced], { podSecurityVersion: 'v1.35' })).toEqual([]);
    expect(check(runAsUserRule, [userNamespaced])).toEqual([]);
    // hostUsers true is no relaxation.
    expect(check(runAsUserRule, [pod({ hostUsers: true, securityContext: { runAsUser: 0 }, containers: [] })])).toHaveLength(1);
  });
});

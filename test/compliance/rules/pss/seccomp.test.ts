import { cronJob, pod } from './pods';
import { seccompRule } from '../../../../src/compliance/rules/pss/seccomp';
import { check, paths } from '../../rule-harness';

describe('pss/seccomp', () => {
  test('GIVEN no profile anywhere THEN every container is reported at the field to set', () => {
    const violations = check(seccompRule, [cronJob({ initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] })]);
    expect(paths(violations)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/seccompProfile',
      '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/seccompProfile',
    ]);
    expect(violations[0].message).toContain('RuntimeDefault');
  });

  test('GIVEN RuntimeDefault at pod level THEN containers without a profile pass', () => {
    expect(check(seccompRule, [pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'a' }, { name: 'b' }] })])).toEqual([]);
  });

  test('GIVEN Localhost on every container and nothing at pod level THEN it passes', () => {
    expect(check(seccompRule, [pod({
      containers: [{ name: 'a', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'a.json' } } }],
      ephemeralContainers: [{ name: 'd', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }],
    })])).toEqual([]);
  });

  test('GIVEN only some containers set a profile THEN the others are reported', () => {
    expect(paths(check(seccompRule, [pod({ containers: [{ name: 'a', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, { name: 'b' }] })])))
      .toEqual(['/spec/containers/1/securityContext/seccompProfile']);
  });

  test('GIVEN Unconfined at pod level THEN containers without a profile are reported (Unconfined itself is pss/seccomp-baseline)', () => {
    const violations = check(seccompRule, [pod({
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a' }, { name: 'b', securityContext: { seccompProfile: { type: 'Unconfined' } } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/containers/0/securityContext/seccompProfile']);
  });

  test('GIVEN a Windows pod THEN the Linux-only control does not apply', () => {
    expect(check(seccompRule, [pod({ os: { name: 'windows' }, containers: [{ name: 'a' }] })])).toEqual([]);
  });
});

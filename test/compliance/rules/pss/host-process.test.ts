import { deployment, pod } from './pods';
import { hostProcessRule } from '../../../../src/compliance/rules/pss/host-process';
import { check, paths } from '../../rule-harness';

describe('pss/host-process', () => {
  test('GIVEN hostProcess true at pod and container level THEN both fields are reported', () => {
    const violations = check(hostProcessRule, [deployment({
      os: { name: 'windows' },
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [{ name: 'agent', image: 'a:1', securityContext: { windowsOptions: { hostProcess: true } } }],
    })]);
    expect(paths(violations)).toEqual([
      '/spec/template/spec/securityContext/windowsOptions/hostProcess',
      '/spec/template/spec/containers/0/securityContext/windowsOptions/hostProcess',
    ]);
    expect(violations[1].target).toBe('agent');
    expect(violations[1].message).toContain('remove it or set it to false');
  });

  test('GIVEN an ephemeral container with hostProcess THEN it is reported', () => {
    const violations = check(hostProcessRule, [pod({
      containers: [{ name: 'app', image: 'a:1' }],
      ephemeralContainers: [{ name: 'debug', image: 'd:1', securityContext: { windowsOptions: { hostProcess: true } } }],
    })]);
    expect(paths(violations)).toEqual(['/spec/ephemeralContainers/0/securityContext/windowsOptions/hostProcess']);
  });

  test('GIVEN hostProcess false or unset THEN nothing is reported', () => {
    expect(check(hostProcessRule, [pod({
      securityContext: { windowsOptions: { hostProcess: false } },
      containers: [{ name: 'app', image: 'a:1', securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } } }],
    })])).toEqual([]);
  });

  test('GIVEN hostProcess null THEN it counts as unset', () => {
    expect(check(hostProcessRule, [pod({
      securityContext: { windowsOptions: { hostProcess: null } },
      containers: [{ name: 'app', securityContext: { windowsOptions: { hostProcess: null } } }],
    })])).toEqual([]);
  });

  test('GIVEN hostProcess at pod level THEN the message says what to change', () => {
    const [violation] = check(hostProcessRule, [pod({ securityContext: { windowsOptions: { hostProcess: true } }, containers: [] })]);
    expect(violation.message).toBe('The pod sets securityContext.windowsOptions.hostProcess; remove it or set it to false.');
  });
});

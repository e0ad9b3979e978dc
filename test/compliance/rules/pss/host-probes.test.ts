import { pod } from './pods';
import { hostProbesRule } from '../../../../src/compliance/rules/pss/host-probes';
import { check, paths } from '../../rule-harness';

describe('pss/host-probes', () => {
  const probing = pod({
    containers: [{
      name: 'app',
      livenessProbe: { httpGet: { host: '169.254.169.254', path: '/', port: 80 } },
      readinessProbe: { tcpSocket: { port: 80 } },
      lifecycle: { preStop: { httpGet: { host: 'internal.example', port: 80 } } },
    }],
  });

  test('GIVEN a probe and a preStop hook with a host THEN both host fields are reported', () => {
    const violations = check(hostProbesRule, [probing]);
    expect(paths(violations)).toEqual(['/spec/containers/0/livenessProbe/httpGet/host', '/spec/containers/0/lifecycle/preStop/httpGet/host']);
    expect(violations[1].message).toContain('lifecycle.preStop.httpGet.host');
  });

  test('GIVEN podSecurityVersion v1.33 THEN the control does not apply yet (added in v1.34)', () => {
    expect(check(hostProbesRule, [probing], { podSecurityVersion: 'v1.33' })).toEqual([]);
  });

  test('GIVEN probes without host (or an empty host) THEN nothing is reported', () => {
    expect(check(hostProbesRule, [pod({ containers: [{ name: 'app', startupProbe: { httpGet: { host: '', port: 80 } }, readinessProbe: { tcpSocket: { port: 80 } } }] })])).toEqual([]);
  });

  test('GIVEN a probe host null THEN it counts as unset', () => {
    expect(check(hostProbesRule, [pod({ containers: [{ name: 'app', livenessProbe: { tcpSocket: { host: null, port: 80 } } }] })])).toEqual([]);
  });
});

import { check, paths, pod } from './pods';
import { sysctlsRule } from '../../../../src/compliance/rules/pss/sysctls';

describe('pss/sysctls', () => {
  test('GIVEN an unsafe sysctl THEN its name field is reported with the sysctl as target', () => {
    const violations = check(sysctlsRule, [pod({
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '65536' }] },
      containers: [{ name: 'app' }],
    })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/sysctls/1/name']);
    expect(violations[0]).toMatchObject({ target: 'kernel.msgmax', message: expect.stringContaining('not in the safe set') });
  });

  test('GIVEN tcp_keepalive_time THEN it passes at latest and fails at v1.28 (safe since v1.29)', () => {
    const manifests = [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] }, containers: [] })];
    expect(check(sysctlsRule, manifests)).toEqual([]);
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.28' })).toHaveLength(1);
  });

  test('GIVEN ip_local_reserved_ports THEN it passes at v1.27 and fails at v1.26', () => {
    const manifests = [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }] }, containers: [] })];
    expect(check(sysctlsRule, manifests, { podSecurityVersion: '1.27' })).toEqual([]);
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.26' })).toHaveLength(1);
  });

  test('GIVEN every safe sysctl THEN nothing is reported', () => {
    const names = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
      'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
    expect(check(sysctlsRule, [pod({ securityContext: { sysctls: names.map(name => ({ name, value: '1' })) }, containers: [] })])).toEqual([]);
  });

  test('GIVEN an unsupported podSecurityVersion THEN a clear error names the value and what is allowed', () => {
    const manifests = [pod({ containers: [] })];
    expect(() => check(sysctlsRule, manifests, { podSecurityVersion: 'v1.20' })).toThrow("podSecurityVersion 'v1.20' is not supported: use 'latest' or v1.25 or later");
    expect(() => check(sysctlsRule, manifests, { podSecurityVersion: 'banana' })).toThrow("podSecurityVersion 'banana' is not valid: use 'latest' or a Kubernetes minor version such as 'v1.30'");
  });
});

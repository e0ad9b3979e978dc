import { pod } from './pods';
import { ComplianceEngine } from '../../../../src/compliance/engine';
import { sysctlsRule } from '../../../../src/compliance/rules/pss/sysctls';
import { check, paths } from '../../rule-harness';

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

  test('GIVEN tcp_slow_start_after_idle and tcp_notsent_lowat THEN they fail at v1.36 and pass from v1.37 (sysctlsAllowedV1Dot37) and at latest', () => {
    const manifests = [pod({
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }, { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }] },
      containers: [],
    })];
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.36' }).map((v) => v.target)).toEqual(['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']);
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.37' })).toEqual([]);
    expect(check(sysctlsRule, manifests)).toEqual([]);
  });

  test('GIVEN ip_local_reserved_ports THEN it passes at v1.27 and fails at v1.26', () => {
    const manifests = [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }] }, containers: [] })];
    expect(check(sysctlsRule, manifests, { podSecurityVersion: '1.27' })).toEqual([]);
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.26' })).toHaveLength(1);
  });

  test('GIVEN every safe sysctl THEN nothing is reported', () => {
    const names = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
      'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
      'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];
    expect(check(sysctlsRule, [pod({ securityContext: { sysctls: names.map(name => ({ name, value: '1' })) }, containers: [] })])).toEqual([]);
  });

  test('GIVEN an unsupported podSecurityVersion THEN the engine refuses it with a clear error naming the value and what is allowed', () => {
    expect(() => new ComplianceEngine({ podSecurityVersion: 'v1.20' })).toThrow("podSecurityVersion 'v1.20' is not supported: use 'latest' or v1.25 or later");
    expect(() => new ComplianceEngine({ podSecurityVersion: 'banana' })).toThrow("podSecurityVersion 'banana' is not valid: use 'latest' or a Kubernetes minor version such as 'v1.30'");
  });

  test('GIVEN tcp_rmem and tcp_wmem THEN they pass at v1.32 and fail at v1.31 (safe since v1.32)', () => {
    const manifests = [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }, { name: 'net.ipv4.tcp_wmem', value: '4096 16384 4194304' }] }, containers: [] })];
    expect(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.32' })).toEqual([]);
    expect(paths(check(sysctlsRule, manifests, { podSecurityVersion: 'v1.31' })))
      .toEqual(['/spec/securityContext/sysctls/0/name', '/spec/securityContext/sysctls/1/name']);
  });

  test('GIVEN an unsafe sysctl at v1.26 THEN the message lists that version\'s safe set', () => {
    const [violation] = check(sysctlsRule, [pod({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }, containers: [] })], { podSecurityVersion: 'v1.26' });
    expect(violation.message).toBe('The pod sets sysctl "kernel.msgmax", which is not in the safe set; remove it (safe: kernel.shm_rmid_forced, '
      + 'net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range).');
  });

  test('GIVEN a malformed sysctl entry and a non-string name THEN both are reported without a target and nothing crashes', () => {
    const violations = check(sysctlsRule, [pod({ securityContext: { sysctls: [null, { name: 5 }] }, containers: [] })]);
    expect(paths(violations)).toEqual(['/spec/securityContext/sysctls/0/name', '/spec/securityContext/sysctls/1/name']);
    expect(violations.map(v => v.target)).toEqual([undefined, undefined]);
  });
});

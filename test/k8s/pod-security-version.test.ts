import { PodSecurityVersion } from '../../src/k8s/pod-security-version';

describe('PodSecurityVersion', () => {
  test('GIVEN latest, an empty string or nothing THEN the version is the newest (Infinity)', () => {
    expect(PodSecurityVersion.minor('latest')).toBe(Infinity);
    expect(PodSecurityVersion.minor('')).toBe(Infinity);
    expect(PodSecurityVersion.minor(undefined)).toBe(Infinity);
  });

  test('GIVEN v1.N or 1.N THEN the minor version N', () => {
    expect(PodSecurityVersion.minor('v1.30')).toBe(30);
    expect(PodSecurityVersion.minor('1.27')).toBe(27);
  });

  test('GIVEN the oldest supported version v1.25 THEN it is accepted', () => {
    expect(PodSecurityVersion.minor('v1.25')).toBe(25);
    expect(() => PodSecurityVersion.minor('v1.24')).toThrow("podSecurityVersion 'v1.24' is not supported: use 'latest' or v1.25 or later");
  });

  test('GIVEN text before or after the version THEN it is rejected', () => {
    expect(() => PodSecurityVersion.minor('xv1.30')).toThrow("podSecurityVersion 'xv1.30' is not valid");
    expect(() => PodSecurityVersion.minor('v1.30.1')).toThrow("podSecurityVersion 'v1.30.1' is not valid");
  });

  test('GIVEN a version THEN atLeast compares minor versions, inclusively', () => {
    const options = { maxTokenTtlSeconds: 3600, podSecurityVersion: 'v1.29' };
    expect(PodSecurityVersion.atLeast(options, 29)).toBe(true);
    expect(PodSecurityVersion.atLeast(options, 30)).toBe(false);
  });
});

describe('PodSecurityVersion.isLabelValue (what Pod Security admission parses in a version label)', () => {
  test.each([['latest', true], ['v1.30', true], ['v1.0', true], ['1.30', false], ['v1.030', false], ['v2.1', false], ['Latest', false], ['', false], ['xlatest', false], ['latest1', false], ['v1.30x', false], ['av1.30', false]])('GIVEN %j THEN %s', (value, expected) => {
    expect(PodSecurityVersion.isLabelValue(value)).toBe(expected);
  });
});

describe('PodSecurityVersion.relaxesUserNamespacePod', () => {
  test('GIVEN hostUsers false THEN relaxed from v1.35 on (and at latest); GIVEN hostUsers true or unset THEN never', () => {
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'v1.34' }, { hostUsers: false })).toBe(false);
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'v1.35' }, { hostUsers: false })).toBe(true);
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'latest' }, { hostUsers: false })).toBe(true);
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'latest' }, { hostUsers: true })).toBe(false);
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'latest' }, {})).toBe(false);
    expect(PodSecurityVersion.relaxesUserNamespacePod({ podSecurityVersion: 'latest' }, { hostUsers: 'false' })).toBe(false);
  });
});

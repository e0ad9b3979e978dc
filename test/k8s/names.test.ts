import { KubernetesNames } from '../../src/k8s/names';

describe('KubernetesNames', () => {
  test.each([
    ['a', true], ['a-b', true], ['a1', true], ['1a', true], ['a'.repeat(63), true],
    ['', false], ['-a', false], ['a-', false], ['A', false], ['a_b', false], ['a.b', false], ['a'.repeat(64), false],
  ])('GIVEN %j THEN isDnsLabel is %s (RFC 1123 label, at most 63)', (value, expected) => {
    expect(KubernetesNames.isDnsLabel(value)).toBe(expected);
  });

  test.each([
    ['a.b', true], ['example.com', true], ['a-b.c-d', true], ['a'.repeat(253), true],
    ['a..b', false], ['.a', false], ['a.', false], ['A.b', false], ['a'.repeat(254), false],
  ])('GIVEN %j THEN isDnsSubdomain is %s (RFC 1123 subdomain, at most 253)', (value, expected) => {
    expect(KubernetesNames.isDnsSubdomain(value)).toBe(expected);
  });

  test.each([
    ['app', true], ['app.kubernetes.io/name', true], ['A_b.c', true], ['example.com/X-y', true],
    ['a/b/c', false], ['/a', false], ['Example.com/a', false], ['a!', false], ['_a', false], ['a'.repeat(63), true], ['a'.repeat(64), false], [`example.com/${'a'.repeat(63)}`, true],
  ])('GIVEN %j THEN isQualifiedKey is %s (an optional DNS prefix, then a qualified name)', (value, expected) => {
    expect(KubernetesNames.isQualifiedKey(value)).toBe(expected);
  });

  test.each([['', true], ['prod', true], ['v1.2_3', true], ['-a', false], ['a b', false], ['a'.repeat(63), true], ['a'.repeat(64), false]])('GIVEN %j THEN isLabelValue is %s', (value, expected) => {
    expect(KubernetesNames.isLabelValue(value)).toBe(expected);
  });

  test('GIVEN bad names THEN the problems name the value and the rule; good names have none', () => {
    expect(KubernetesNames.dnsLabelProblem('Team_A')).toBe("'Team_A' is not a DNS label (allowed: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
    expect(KubernetesNames.namespaceProblem('Team_A')).toBe("'Team_A' is not a valid namespace name (a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
    expect(KubernetesNames.objectNameProblem('My_Role')).toBe("'My_Role' is not a valid object name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters");
    expect([KubernetesNames.dnsLabelProblem('ok'), KubernetesNames.namespaceProblem('ok'), KubernetesNames.objectNameProblem('ok.example')]).toEqual([undefined, undefined, undefined]);
  });
});

import { CredentialValues } from '../../../src/compliance/rules/credential-values';
import { jwt } from '../helpers';

const SA_TOKEN_CLAIMS = { 'iss': 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'ci', 'sub': 'system:serviceaccount:ci:deployer' };

describe('CredentialValues.find', () => {
  test('GIVEN a legacy ServiceAccount token (no exp) THEN a ServiceAccount token for its account that never expires, and no part of the value', () => {
    const token = jwt(SA_TOKEN_CLAIMS);
    const found = CredentialValues.find(token);
    expect(found).toEqual({ description: "a Kubernetes ServiceAccount token for 'ci/deployer' that never expires (no exp claim)" });
    expect(JSON.stringify(found)).not.toContain(token.split('.')[1]);
  });

  test('GIVEN a bound token (kubernetes.io claim, exp) THEN a ServiceAccount token, without the expiry remark', () => {
    expect(CredentialValues.find(jwt({ 'iss': 'https://kubernetes.default.svc', 'sub': 'system:serviceaccount:apps:web', 'exp': 1900000000, 'kubernetes.io': { namespace: 'apps' } })))
      .toEqual({ description: "a Kubernetes ServiceAccount token for 'apps/web'" });
  });

  test('GIVEN a JWT of another issuer, alone, after Bearer, or inside a configuration file THEN a JWT bearer token', () => {
    const token = jwt({ iss: 'https://ci.example.com', sub: 'pipeline-42', exp: 1900000000 });
    for (const value of [token, `Bearer ${token}`, `endpoint: https://api.example.com\napiToken: "${token}"\n`]) {
      expect(CredentialValues.find(value)).toEqual({ description: 'a JWT bearer token' });
    }
  });

  test.each([
    ['three dotted base64 words that are not JSON', 'eyJhbGciOi.eyJzdWIiOi.abc'],
    ['a header without alg', jwt({ sub: 'x' }, { typ: 'JWT' })],
    ['a version string', '1.27.3'],
    ['a PEM certificate', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n'],
    ['a password', 'correct-horse-battery-staple'],
  ])('GIVEN %s THEN nothing', (_, value) => {
    expect(CredentialValues.find(value)).toBeUndefined();
  });

  test('GIVEN a kubeconfig whose user has a token, or a client key THEN a kubeconfig naming the user and how it authenticates', () => {
    const kubeconfig = (user: Record<string, unknown>) => JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'prod', cluster: { server: 'https://203.0.113.10:6443' } }],
      users: [{ name: 'no-auth', user: {} }, { name: 'ci', user }],
      contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'ci' } }],
    });
    expect(CredentialValues.find(kubeconfig({ token: jwt(SA_TOKEN_CLAIMS) }))).toEqual({ description: "a kubeconfig whose user 'ci' authenticates with a bearer token" });
    expect(CredentialValues.find(kubeconfig({ 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZ' })))
      .toEqual({ description: "a kubeconfig whose user 'ci' authenticates with a client certificate and its private key (client-key-data)" });
  });

  test('GIVEN a kubeconfig with an exec plugin or a token file THEN nothing: no standing credential in it', () => {
    const yaml = 'apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    exec:\n      command: aws\n      args: [eks, get-token]\n    tokenFile: /var/run/secrets/ci/token\n';
    expect(CredentialValues.find(yaml)).toBeUndefined();
  });

  test('GIVEN text that mentions users and token but is not YAML THEN nothing, and no crash', () => {
    expect(CredentialValues.find('users: [token: {')).toBeUndefined();
    expect(CredentialValues.find('users: 5\ntoken: x')).toBeUndefined();
  });

  test('GIVEN a value over 1 MiB THEN it is not read', () => {
    expect(CredentialValues.find(`${'x'.repeat(1024 * 1024)}${jwt(SA_TOKEN_CLAIMS)}`)).toBeUndefined();
  });
});

describe('CredentialValues.decodeBase64', () => {
  test('GIVEN base64 (with line breaks) THEN the text; GIVEN anything else THEN undefined', () => {
    expect(CredentialValues.decodeBase64('aGVs\nbG8=')).toBe('hello');
    expect(CredentialValues.decodeBase64('not base64!')).toBeUndefined();
    expect(CredentialValues.decodeBase64('abcde')).toBeUndefined();
    expect(CredentialValues.decodeBase64(42)).toBeUndefined();
  });
});

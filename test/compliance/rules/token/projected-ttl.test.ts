import { deployment, projectedTokenVolume, securePodSpec } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'token/projected-ttl';

function withToken(token: Record<string, unknown>) {
  return deployment('web', securePodSpec({ volumes: [{ name: 'cfg', configMap: { name: 'x' } }, projectedTokenVolume('api-token', token)] }));
}

describe(RULE, () => {
  test.each([600, 3600])('GIVEN expirationSeconds %i THEN no finding', (ttl) => {
    expect(runRule(RULE, [withToken({ expirationSeconds: ttl })])).toEqual([]);
  });

  test('GIVEN expirationSeconds unset and the default maximum THEN no finding (counts as 3600)', () => {
    expect(runRule(RULE, [withToken({})])).toEqual([]);
  });

  test('GIVEN expirationSeconds unset and a maximum of 1800 THEN a finding that explains the 3600 default', () => {
    const findings = runRule(RULE, [withToken({})], { maxTokenTtlSeconds: 1800 });
    expect(findings).toMatchObject([{ target: 'api-token', path: '/spec/template/spec/volumes/1/projected/sources/0/serviceAccountToken/expirationSeconds' }]);
    expect(findings[0].message).toContain('unset, so Kubernetes uses 3600');
  });

  test('GIVEN 3607 THEN an error that explains the one-year extension, even though it is below a larger maximum', () => {
    const findings = runRule(RULE, [withToken({ expirationSeconds: 3607 })], { maxTokenTtlSeconds: 7200 });
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].message).toContain('one year');
  });

  test('GIVEN 3607 for another audience (vault) THEN no one-year claim: only the extension-free lifetime is judged (above the default maximum, within a larger one)', () => {
    const [finding] = runRule(RULE, [withToken({ audience: 'vault', expirationSeconds: 3607 })]);
    expect(finding.message).toBe("Projected token in volume 'api-token' lives 3607s, above the maximum of 3600s. Set expirationSeconds between 600 and 3600.");
    expect(runRule(RULE, [withToken({ audience: 'vault', expirationSeconds: 3607 })], { maxTokenTtlSeconds: 7200 })).toEqual([]);
  });

  test('GIVEN 3607 for an explicit API-server audience THEN the one-year extension applies', () => {
    const findings = runRule(RULE, [withToken({ audience: 'https://kubernetes.default.svc', expirationSeconds: 3607 })], { maxTokenTtlSeconds: 7200 });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('one year')]);
  });

  test.each([
    [599, 'below the Kubernetes minimum'],
    [3601, 'above the maximum of 3600'],
    ['600', 'integer number of seconds'],
  ])('GIVEN expirationSeconds %p THEN a finding (%s)', (ttl, text) => {
    expect(runRule(RULE, [withToken({ expirationSeconds: ttl })]).map((f) => f.message)).toEqual([expect.stringContaining(text)]);
  });

  test('GIVEN a token with another audience in a CronJob THEN it is checked too', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: securePodSpec({ volumes: [projectedTokenVolume('vault', { audience: 'vault', expirationSeconds: 86400 })] }) } } } },
    };
    expect(runRule(RULE, [cronJob])).toHaveLength(1);
  });

  test('GIVEN an explicit lifetime above the maximum THEN the message gives it without the unset note', () => {
    expect(runRule(RULE, [withToken({ expirationSeconds: 3000 })], { maxTokenTtlSeconds: 1800 }).map((f) => f.message)).toEqual([
      "Projected token in volume 'api-token' lives 3000s, above the maximum of 1800s. Set expirationSeconds between 600 and 1800.",
    ]);
  });

  test('GIVEN volumes and sources that are null, token entries that are not objects and a volume without a name THEN only real tokens are checked, named by position', () => {
    const spec = securePodSpec({
      volumes: [
        null,
        { name: 'cfg', configMap: { name: 'x' } },
        { projected: { sources: [null, { serviceAccountToken: null }, { serviceAccountToken: 'yes' }, { serviceAccountToken: { path: 't', expirationSeconds: 1200 } }] } },
      ],
    });
    expect(runRule(RULE, [deployment('web', spec)], { maxTokenTtlSeconds: 900 }).map((f) => [f.target, f.path])).toEqual([
      ['#2', '/spec/template/spec/volumes/2/projected/sources/3/serviceAccountToken/expirationSeconds'],
    ]);
  });
});

import type { Finding, Report } from '../../src/compliance/model';
import { DEFAULT_SETTINGS, SettingsError, SettingsModel } from '../../src/compliance/settings';

function finding(severity: Finding['severity'], suppressed = false): Finding {
  return { ruleId: 'token/automount-pod', severity, suppressed, object: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, path: '', message: 'm' };
}

function report(findings: Finding[], inputErrors: Report['inputErrors'] = []): Report {
  return { summary: { objects: 1, errors: 0, warnings: 0, infos: 0, suppressed: 0 }, findings, inputErrors };
}

describe('SettingsModel.resolve', () => {
  test('GIVEN no settings THEN every default: recommended, fail on error, 3600 s, latest, suppressions honoured, namespace default', () => {
    const today = new Date().toISOString().slice(0, 10);
    const resolved = SettingsModel.resolve();
    expect(resolved).toEqual({
      packs: ['recommended'],
      failOn: 'error',
      severityOverrides: {},
      podSecurityVersion: 'latest',
      maxTokenTtlSeconds: 3600,
      ignoreSuppressions: false,
      namespace: 'default',
      exclude: [],
      suppressions: [],
      unsuppressible: [],
      // Today (UTC), unless the day changed between the two reads.
      now: resolved.now === today ? today : new Date().toISOString().slice(0, 10),
    });
    expect(SettingsModel.resolve({ now: '2027-03-31' })).toEqual({ ...DEFAULT_SETTINGS, now: '2027-03-31' });
  });

  test('GIVEN every setting THEN each is kept; repeated packs are dropped', () => {
    const suppression = { rule: 'pss/*', kind: 'DaemonSet', name: 'node-*', reason: 'The node agent needs the host network by design.', expires: '2027-03-31' };
    const newer = { exclude: ['vendor/**'], suppressions: [suppression], unsuppressible: ['token/projected-ttl', 'rbac/*'], now: '2026-01-15' };
    expect(SettingsModel.resolve({
      packs: ['tokens', 'rbac', 'tokens'], failOn: 'never', severityOverrides: { 'rbac/wildcard': 'off' }, podSecurityVersion: 'v1.30', maxTokenTtlSeconds: 600, ignoreSuppressions: true, namespace: 'argocd', ...newer,
    })).toEqual({
      packs: ['tokens', 'rbac'], failOn: 'never', severityOverrides: { 'rbac/wildcard': 'off' }, podSecurityVersion: 'v1.30', maxTokenTtlSeconds: 600, ignoreSuppressions: true, namespace: 'argocd', ...newer,
    });
  });

  test.each([
    [{ packs: ['recomended'] }, 'packs', "packs 'recomended' is not a compliance pack: use one of tokens, rbac, pss-baseline, pss-restricted, hardening, recommended, cis"],
    [{ failOn: 'fatal' }, 'failOn', "failOn 'fatal' is not allowed: use one of error, warning, info, never"],
    [{ severityOverrides: { 'rbac/wildcrd': 'off' } }, 'severityOverrides', "severityOverrides names unknown rule id 'rbac/wildcrd'; did you mean 'rbac/wildcard'?"],
    [{ severityOverrides: { 'rbac/wildcard': 'loud' } }, "severityOverrides['rbac/wildcard']", "severityOverrides['rbac/wildcard'] 'loud' is not a severity: use one of error, warning, info, off"],
    [{ podSecurityVersion: 'v2.0' }, 'podSecurityVersion', "podSecurityVersion 'v2.0' is not valid: use 'latest' or a Kubernetes minor version such as 'v1.30'"],
    [{ maxTokenTtlSeconds: 599 }, 'maxTokenTtlSeconds', 'maxTokenTtlSeconds 599s is below the Kubernetes minimum of 600s (allowed: 600..4294967296 seconds)'],
    [{ namespace: 'Argo_CD' }, 'namespace', "namespace 'Argo_CD' is not a valid namespace name (a DNS label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)"],
    [{ exclude: [''] }, 'exclude[0]', 'exclude[0] "" is not a glob: use a non-empty pattern such as \'vendor/**/*.yaml\''],
    [{ unsuppressible: ['token/*', 'pss/privilegd'] }, 'unsuppressible[1]', "unsuppressible[1] unknown rule id or family 'pss/privilegd'; did you mean 'pss/privileged'?"],
    [{ unsuppressible: ['tokens/*'] }, 'unsuppressible[0]', "unsuppressible[0] unknown rule id or family 'tokens/*'; did you mean 'token/*'?"],
    [{ suppressions: [{ rule: 'rbac/secrets-access', reason: 'by design' }] }, 'suppressions[0]',
      'suppressions[0] reason "by design" is too short: write a sentence of at least 20 characters explaining why the finding is acceptable'],
    [{ suppressions: [{ rule: 'rbac/secrets-access', reason: 'The operator syncs TLS Secrets by design.', expires: '2027-02-30' }] }, 'suppressions[0]',
      'suppressions[0] expires "2027-02-30" is not a date: write YYYY-MM-DD (e.g. 2027-03-31)'],
    [{ suppressions: [{ rule: 'rbac/secrets-access', reason: 'The operator syncs TLS Secrets by design.', name: '' }] }, 'suppressions[0]',
      'suppressions[0] name "" must be a non-empty string'],
    [{ now: '31.03.2027' }, 'now', 'now "31.03.2027" is not a date: write YYYY-MM-DD (e.g. 2027-03-31)'],
  ])('GIVEN %j THEN a SettingsError names the setting, the value and what is allowed', (settings, setting, message) => {
    let error: unknown;
    try {
      SettingsModel.resolve(settings as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).setting).toBe(setting);
    expect((error as SettingsError).message).toBe(message);
  });
});

describe('SettingsModel: the one fail-on decision', () => {
  test.each([
    ['error', ['error']],
    ['warning', ['error', 'warning']],
    ['info', ['error', 'warning', 'info']],
    ['never', []],
  ] as const)('GIVEN failOn %s THEN exactly the severities %j fail', (failOn, failing) => {
    expect((['error', 'warning', 'info'] as const).filter((s) => SettingsModel.fails(s, failOn))).toEqual(failing);
  });

  test('GIVEN suppressed findings THEN they never fail; unsuppressed ones at or above the level do', () => {
    const findings = [finding('error', true), finding('warning'), finding('info')];
    expect(SettingsModel.failing(findings, 'warning')).toEqual([findings[1]]);
    expect(SettingsModel.runFails(report(findings), 'error')).toBe(false);
    expect(SettingsModel.runFails(report(findings), 'warning')).toBe(true);
  });

  test('GIVEN a finding accepted in the baseline THEN it never fails, like a suppressed one', () => {
    const findings = [{ ...finding('error'), baselined: true }, finding('warning')];
    expect(SettingsModel.failing(findings, 'warning')).toEqual([findings[1]]);
    expect(SettingsModel.runFails(report([findings[0]]), 'info')).toBe(false);
    expect(SettingsModel.runFails(report([{ ...findings[0], baselined: false }]), 'error')).toBe(true);
  });

  test('GIVEN an input error THEN the run fails whatever the level, never included: an object that was not checked must not pass', () => {
    expect(SettingsModel.runFails(report([], [{ message: 'not a Kubernetes object' }]), 'never')).toBe(true);
    expect(SettingsModel.runFails(report([]), 'info')).toBe(false);
  });
});

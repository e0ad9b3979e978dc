import { Packs } from '../../src/compliance/packs';
import { ALL_RULES, HARDENING_RULES, PSS_BASELINE_RULES, PSS_RESTRICTED_RULES, RBAC_RULES, TOKEN_RULES } from '../../src/compliance/rules';

const idsOf = (pack: string) => Packs.get(pack).rules.map((r) => r.ruleId);

describe('Packs', () => {
  test('GIVEN the pack names THEN they are exactly the documented ones', () => {
    expect(Packs.names()).toEqual(['tokens', 'rbac', 'pss-baseline', 'pss-restricted', 'hardening', 'recommended', 'cis']);
  });

  test('GIVEN tokens and rbac THEN they hold the catalogue ids', () => {
    expect(idsOf('tokens')).toEqual([
      'token/automount-pod', 'token/automount-service-account', 'token/default-service-account', 'token/service-account-exists',
      'token/legacy-token-secret', 'token/projected-ttl', 'token/sidecar-exposure', 'token/unnecessary-token',
    ]);
    expect(idsOf('rbac')).toHaveLength(25);
    expect(idsOf('rbac').every((id) => id.startsWith('rbac/'))).toBe(true);
  });

  test('GIVEN pss-restricted THEN it is baseline plus the restricted-only controls', () => {
    expect(idsOf('pss-restricted')).toEqual([...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES].map((r) => r.id).filter((id, i, all) => all.indexOf(id) === i));
    expect(idsOf('pss-restricted')).toEqual(expect.arrayContaining(idsOf('pss-baseline')));
  });

  test('GIVEN recommended THEN it is tokens + rbac + pss-restricted + hardening, each once', () => {
    const expected = new Set([...TOKEN_RULES, ...RBAC_RULES, ...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES, ...HARDENING_RULES].map((r) => r.id));
    expect(new Set(idsOf('recommended'))).toEqual(expected);
    expect(idsOf('recommended')).toHaveLength(expected.size);
  });

  test('GIVEN cis THEN it is exactly the rules that cite CIS 5.1.x', () => {
    expect(idsOf('cis')).toEqual(expect.arrayContaining(['token/automount-pod', 'token/default-service-account', 'rbac/wildcard', 'rbac/cluster-admin-binding', 'rbac/token-request']));
    expect(idsOf('cis')).not.toContain('token/service-account-exists');
    for (const id of idsOf('cis')) {
      expect(ALL_RULES.find((r) => r.id === id)!.references.some((ref) => /^CIS 5\.1\./.test(ref))).toBe(true);
    }
  });

  test('GIVEN the packs THEN severities are the rules\' defaults and every id is a known rule', () => {
    for (const pack of Packs.all()) {
      for (const entry of pack.rules) {
        expect(ALL_RULES.find((r) => r.id === entry.ruleId)?.defaultSeverity).toBe(entry.severity);
      }
    }
  });

  test('GIVEN an unknown pack THEN a clear error', () => {
    expect(() => Packs.get('nope')).toThrow("Unknown compliance pack 'nope': use one of tokens, rbac, pss-baseline, pss-restricted, hardening, recommended, cis");
  });
});

describe('ALL_RULES', () => {
  test('GIVEN every rule THEN its id is unique and it documents rationale, remediation and references', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.rationale.length).toBeGreaterThan(20);
      expect(rule.remediation.length).toBeGreaterThan(10);
      expect(rule.references.length).toBeGreaterThan(0);
    }
  });
});

import { ComplianceEngine } from '../../src/compliance/engine';
import type { Finding } from '../../src/compliance/model';
import type { Settings } from '../../src/compliance/settings';
import { SUPPRESS_ANNOTATION } from '../../src/compliance/suppressions';
import type { Manifest } from '../../src/k8s/manifest';

/**
 * The settings' own suppressions (`.guardrails.yaml`): selectors, expiry, `unsuppressible`, and
 * `exclude`, as the engine applies them for every door.
 */

const REASON = 'The operator syncs TLS Secrets in every namespace by design.';
const RBAC_ONLY: Settings = { packs: [], severityOverrides: { 'rbac/secrets-access': 'warning', 'rbac/wildcard': 'error' }, now: '2027-03-31' };

function clusterRole(name: string, verbs = ['get', 'list']): Manifest {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs }] };
}

function role(name: string, namespace?: string): Manifest {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: namespace ? { name, namespace } : { name }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] };
}

function annotated(manifest: Manifest, entries: unknown[]): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify(entries) } } };
}

function run(manifests: Array<Manifest | { manifest: Manifest; file: string }>, settings: Settings): Finding[] {
  const inputs = manifests.map((m) => ('file' in m ? { manifest: m.manifest, source: { file: m.file, line: 1 } } : { manifest: m }));
  return new ComplianceEngine({ ...RBAC_ONLY, ...settings }).check(inputs).findings;
}

const brief = (f: Finding) => `${f.ruleId} ${f.object.kind}/${f.object.name}${f.target ? ` [${f.target}]` : ''} ${f.suppressed ? 'suppressed' : 'counts'}`;

describe('GIVEN suppressions in the settings', () => {
  test('WHEN one selects a kind and a name glob THEN exactly the objects it selects are suppressed, with its reason', () => {
    const findings = run([clusterRole('vendor-operator'), clusterRole('team-reader'), role('vendor-operator', 'shop')], {
      suppressions: [{ rule: 'rbac/secrets-access', kind: 'ClusterRole', name: 'vendor-*', reason: REASON }],
    });
    expect(findings.map(brief)).toEqual([
      'rbac/secrets-access ClusterRole/vendor-operator [get secrets] suppressed',
      'rbac/secrets-access ClusterRole/vendor-operator [list secrets] suppressed',
      'rbac/secrets-access ClusterRole/team-reader [get secrets] counts',
      'rbac/secrets-access ClusterRole/team-reader [list secrets] counts',
      'rbac/secrets-access Role/vendor-operator [get secrets] counts',
    ]);
    expect(findings[0].reason).toBe(REASON);
  });

  test('WHEN one names a family, a target and a file glob THEN each selector narrows it', () => {
    const wildcard: Manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'vendor' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }] };
    const findings = run([{ manifest: wildcard, file: 'vendor/argo/install.yaml' }, { manifest: clusterRole('mine', ['get']), file: 'manifests/mine.yaml' }], {
      suppressions: [
        { rule: 'rbac/*', file: 'vendor/**', reason: REASON },
        { rule: 'rbac/secrets-access', target: 'list secrets', reason: REASON },
      ],
    });
    expect(findings.filter((f) => f.object.name === 'vendor').every((f) => f.suppressed)).toBe(true);
    expect(findings.filter((f) => f.object.name === 'vendor').map((f) => f.ruleId)).toContain('rbac/wildcard');
    expect(findings.filter((f) => f.object.name === 'mine').map(brief)).toEqual(['rbac/secrets-access ClusterRole/mine [get secrets] counts']);
  });

  test('WHEN one selects a namespace THEN a namespace-less object is in the run\'s namespace (kubectl -n)', () => {
    const suppressions = [{ rule: 'rbac/secrets-access', namespace: 'argocd', reason: REASON }];
    expect(run([role('agent')], { suppressions, namespace: 'argocd' }).map(brief)).toEqual(['rbac/secrets-access Role/agent [get secrets] suppressed']);
    expect(run([role('agent')], { suppressions }).map(brief)).toEqual(['rbac/secrets-access Role/agent [get secrets] counts']);
  });
});

describe('GIVEN a suppression with an expiry date', () => {
  const suppression = { rule: 'rbac/secrets-access', kind: 'ClusterRole', reason: REASON, expires: '2027-03-31', origin: '.guardrails.yaml:12' };

  test('WHEN today is its last day THEN it still applies', () => {
    expect(run([clusterRole('vendor')], { suppressions: [suppression], now: '2027-03-31' }).map(brief)).toEqual([
      'rbac/secrets-access ClusterRole/vendor [get secrets] suppressed',
      'rbac/secrets-access ClusterRole/vendor [list secrets] suppressed',
    ]);
  });

  test('WHEN the day after comes THEN the findings count and guardrails/expired-suppression names it once per object, where it was written', () => {
    const findings = run([clusterRole('vendor'), clusterRole('other')], { suppressions: [suppression], now: '2027-04-01' });
    expect(findings.map(brief)).toEqual([
      'guardrails/expired-suppression ClusterRole/vendor [rbac/secrets-access] counts',
      'rbac/secrets-access ClusterRole/vendor [get secrets] counts',
      'rbac/secrets-access ClusterRole/vendor [list secrets] counts',
      'guardrails/expired-suppression ClusterRole/other [rbac/secrets-access] counts',
      'rbac/secrets-access ClusterRole/other [get secrets] counts',
      'rbac/secrets-access ClusterRole/other [list secrets] counts',
    ]);
    expect(findings[0]).toMatchObject({ severity: 'error', path: '' });
    expect(findings[0].message).toBe(`The suppression rbac/secrets-access on ClusterRole (.guardrails.yaml:12) expired on 2027-03-31 and no longer applies (its reason: ${REASON}). `
      + 'Fix the finding and remove the suppression, or review the exemption and move its expires date (YYYY-MM-DD) forward.');
  });

  test('WHEN an annotation\'s suppression expired THEN it is reported at the annotation, whatever the packs, and suppresses nothing', () => {
    const manifest = annotated(clusterRole('vendor', ['get']), [{ rule: 'rbac/secrets-access', reason: REASON, expires: '2026-12-31' }]);
    const findings = run([manifest], { now: '2027-01-01' });
    expect(findings.map(brief)).toEqual([
      'guardrails/expired-suppression ClusterRole/vendor [rbac/secrets-access] counts',
      'rbac/secrets-access ClusterRole/vendor [get secrets] counts',
    ]);
    expect(findings[0].path).toBe('/metadata/annotations/guardrails.cdk8s.io~1suppress');
    expect(run([manifest], { now: '2027-01-01', packs: [], severityOverrides: {} }).map(brief)).toEqual([
      'guardrails/expired-suppression ClusterRole/vendor [rbac/secrets-access] counts',
    ]);
    expect(run([manifest], { now: '2026-12-31' }).map(brief)).toEqual(['rbac/secrets-access ClusterRole/vendor [get secrets] suppressed']);
  });
});

describe('GIVEN unsuppressible rules', () => {
  test('WHEN a manifest suppresses one THEN the finding counts, with a note that the suppression was refused by policy', () => {
    const manifest = annotated(clusterRole('vendor', ['get']), [{ rule: 'rbac/secrets-access', reason: REASON }]);
    const findings = run([manifest], { unsuppressible: ['rbac/secrets-access'] });
    expect(findings.map(brief)).toEqual(['rbac/secrets-access ClusterRole/vendor [get secrets] counts']);
    expect(findings[0].note).toBe(`Suppression refused by policy: 'rbac/secrets-access' is unsuppressible here (its reason was: ${REASON})`);
    expect(findings[0].reason).toBeUndefined();
  });

  test('WHEN a family is unsuppressible THEN suppressions of the settings are refused too; other rules stay suppressible', () => {
    const findings = run([clusterRole('vendor', ['get'])], {
      unsuppressible: ['rbac/*'],
      suppressions: [{ rule: 'rbac/secrets-access', reason: REASON }],
    });
    expect(findings.map(brief)).toEqual(['rbac/secrets-access ClusterRole/vendor [get secrets] counts']);
    expect(run([clusterRole('vendor', ['get'])], { unsuppressible: ['pss/*'], suppressions: [{ rule: 'rbac/secrets-access', reason: REASON }] }).map(brief))
      .toEqual(['rbac/secrets-access ClusterRole/vendor [get secrets] suppressed']);
  });

  test('WHEN nothing suppresses the finding THEN there is no note', () => {
    expect(run([clusterRole('vendor', ['get'])], { unsuppressible: ['rbac/*'] })[0].note).toBeUndefined();
  });
});

describe('GIVEN excluded files', () => {
  test('WHEN objects come from a file the exclude globs match THEN they are neither checked nor counted', () => {
    const engine = new ComplianceEngine({ ...RBAC_ONLY, exclude: ['vendor/**/kustomization.yaml'] });
    const report = engine.check([
      { manifest: clusterRole('vendor'), source: { file: 'vendor/argo/kustomization.yaml', line: 1 } },
      { manifest: clusterRole('mine', ['get']), source: { file: 'vendor/argo/install.yaml', line: 1 } },
      { manifest: { kind: 'Kustomization' } as unknown as Manifest, source: { file: 'vendor/x/kustomization.yaml', line: 1 } },
    ]);
    expect(report.summary.objects).toBe(1);
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.map(brief)).toEqual(['rbac/secrets-access ClusterRole/mine [get secrets] counts']);
  });
});

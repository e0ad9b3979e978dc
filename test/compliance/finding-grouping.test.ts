import { deployment, role, runEngine } from './helpers';
import { SUPPRESS_ANNOTATION } from '../../src/compliance/suppressions';
import type { Manifest } from '../../src/k8s/manifest';

/** One finding per rule, object and field (the engine groups a rule's violations: src/compliance/engine.ts). */

const REASON = 'The controller reads every Secret of the namespace by design.';

function annotated(manifest: Manifest, suppressions: unknown[]): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify(suppressions) } } };
}

const readAll = role('reader', [
  { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['delete'] },
]);

describe('one finding per rule, object and field', () => {
  test('GIVEN one RBAC rule entry granting three verbs on secrets THEN one finding on the entry that lists them, where there were three', () => {
    const findings = runEngine([readAll], { packs: ['rbac'] }).findings.filter((f) => f.ruleId === 'rbac/secrets-access');
    expect(findings).toEqual([expect.objectContaining({
      path: '/rules/0',
      targets: ['get secrets', 'list secrets', 'watch secrets'],
      message: 'Reads Secrets: get secrets, list secrets, watch secrets.',
    })]);
    expect(findings[0]).not.toHaveProperty('target');
  });

  test('GIVEN a container without resources THEN one hardening/resources finding on its resources, where there were three', () => {
    const findings = runEngine([deployment('web', { containers: [{ name: 'web', image: 'x:1' }] })], { packs: ['hardening'] }).findings
      .filter((f) => f.ruleId === 'hardening/resources');
    expect(findings.map((f) => [f.path, f.target, f.message])).toEqual([
      ['/spec/template/spec/containers/0/resources', 'web', "The container 'web' does not set resources.requests.cpu, resources.requests.memory, resources.limits.memory."],
    ]);
  });

  test('GIVEN any input THEN no pointer carries the same rule twice unless a targeted suppression splits it', () => {
    const report = runEngine([readAll, deployment('web', { containers: [{ name: 'web', image: 'x:latest' }, { name: 'proxy', image: 'y' }] })], { packs: ['recommended'] });
    const keys = report.findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('GIVEN a suppression that targets one permission THEN exactly that one is suppressed: the others stay one unsuppressed finding on the same field', () => {
    const manifests = [annotated(readAll, [{ rule: 'rbac/secrets-access', target: 'list secrets', reason: REASON }])];
    const findings = runEngine(manifests, { packs: ['rbac'] }).findings.filter((f) => f.ruleId === 'rbac/secrets-access');
    expect(findings.map((f) => [f.path, f.suppressed, f.target ?? f.targets, f.message])).toEqual([
      ['/rules/0', false, ['get secrets', 'watch secrets'], 'Reads Secrets: get secrets, watch secrets.'],
      ['/rules/0', true, 'list secrets', 'Reads Secrets: list secrets.'],
    ]);
  });

  test('GIVEN a suppression without target, and one whose target names nothing THEN the first silences every finding of the rule, the second none', () => {
    const all = runEngine([annotated(readAll, [{ rule: 'rbac/secrets-access', reason: REASON }])], { packs: ['rbac'] }).findings
      .filter((f) => f.ruleId === 'rbac/secrets-access');
    expect(all.map((f) => [f.path, f.suppressed, f.targets])).toEqual([['/rules/0', true, ['get secrets', 'list secrets', 'watch secrets']]]);
    const none = runEngine([annotated(readAll, [{ rule: 'rbac/secrets-access', target: 'get secrets, list secrets', reason: REASON }])], { packs: ['rbac'] }).findings
      .filter((f) => f.ruleId === 'rbac/secrets-access');
    expect(none.every((f) => !f.suppressed)).toBe(true);
  });

  test('GIVEN two suppressions on two permissions of one entry THEN each suppressed part is its own finding with its own reason', () => {
    const other = 'Deleting stale Secrets is the job of this controller.';
    const manifests = [annotated(readAll, [
      { rule: 'rbac/secrets-access', target: 'get secrets', reason: REASON },
      { rule: 'rbac/secrets-access', target: 'watch secrets', reason: other },
    ])];
    const findings = runEngine(manifests, { packs: ['rbac'] }).findings.filter((f) => f.ruleId === 'rbac/secrets-access');
    // Sorted by field, then target.
    expect(findings.map((f) => [f.suppressed, f.target ?? f.targets, f.reason ?? '-'])).toEqual([
      [true, 'get secrets', REASON], [false, 'list secrets', '-'], [true, 'watch secrets', other],
    ]);
  });

  test('GIVEN ignoreSuppressions THEN the targeted suppression splits nothing: one finding on the field', () => {
    const manifests = [annotated(readAll, [{ rule: 'rbac/secrets-access', target: 'list secrets', reason: REASON }])];
    const findings = runEngine(manifests, { packs: ['rbac'], ignoreSuppressions: true }).findings.filter((f) => f.ruleId === 'rbac/secrets-access' && f.path === '/rules/0');
    expect(findings.map((f) => [f.suppressed, f.targets])).toEqual([[false, ['get secrets', 'list secrets', 'watch secrets']]]);
  });

  test('GIVEN grouped findings THEN the summary counts findings, not violations', () => {
    const twice = role('reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]);
    const report = runEngine([twice], { packs: [], severityOverrides: { 'rbac/secrets-access': 'warning' } });
    expect(report.summary.warnings).toBe(2);
  });
});

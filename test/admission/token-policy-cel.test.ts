import { Chart, Duration, Testing } from 'cdk8s';
import { OTHER_CASES, workload, workloadCases } from './token-manifests';
import { evaluatePolicy } from './vap-evaluator';
import { AdmissionRule, TokenAdmissionPolicy, TokenAdmissionPolicyProps } from '../../src/admission';
import { ComplianceEngine } from '../../src/compliance/engine';

/**
 * The differential test: the synthesized policy's CEL, evaluated by a real CEL implementation,
 * must reach the same verdict as the engine's token rules on every manifest.
 */

const TOKEN_RULE_IDS: readonly string[] = Object.values(AdmissionRule);

/** The synthesized ValidatingAdmissionPolicy (final JSON) for these props. */
function synthPolicy(props: TokenAdmissionPolicyProps = {}): any {
  const chart = new Chart(Testing.app(), 'admission');
  new TokenAdmissionPolicy(chart, 'policy', props);
  return Testing.synth(chart).find((o: any) => o.kind === 'ValidatingAdmissionPolicy');
}

/** The engine's verdict on one manifest: the sorted ids of the four token rules it reports. */
function engineVerdict(manifest: any, maxTokenTtlSeconds: number): string[] {
  const report = new ComplianceEngine({ packs: ['tokens'], maxTokenTtlSeconds }).check([{ manifest }]);
  return [...new Set(report.findings.map((f) => f.ruleId).filter((id) => TOKEN_RULE_IDS.includes(id)))].sort();
}

/** The policy's verdict on one manifest: the sorted ids of the rules it reports. */
function policyVerdict(policy: any, manifest: any, operation: 'CREATE' | 'UPDATE' = 'CREATE'): string[] {
  return [...new Set(evaluatePolicy(policy, manifest, operation).violations.map((v) => v.ruleId))].sort();
}

const CASES = [...workloadCases(), ...OTHER_CASES];

describe.each([
  ['the default maximum of 1h', undefined, 3600],
  ['a maximum of 2h', Duration.hours(2), 7200],
  ['a maximum of 30m', Duration.minutes(30), 1800],
])('GIVEN the policy with %s', (_, maxTokenTtl, seconds) => {
  const policy = synthPolicy({ maxTokenTtl });

  test.each(CASES)('WHEN %s is admitted THEN the policy and the engine agree', (_name, manifest) => {
    expect(policyVerdict(policy, manifest)).toEqual(engineVerdict(manifest, seconds));
  });
});

describe('GIVEN the default policy', () => {
  const policy = synthPolicy();

  test('THEN the table has allowed and denied manifests of every workload kind and both verdicts for every rule', () => {
    const verdicts = CASES.map(([, manifest]) => ({ kind: manifest.kind, ids: engineVerdict(manifest, 3600) }));
    for (const kind of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Secret']) {
      expect(verdicts.filter((v) => v.kind === kind && v.ids.length === 0).length).toBeGreaterThan(0);
      expect(verdicts.filter((v) => v.kind === kind && v.ids.length > 0).length).toBeGreaterThan(0);
    }
    for (const id of TOKEN_RULE_IDS) {
      expect(verdicts.filter((v) => v.ids.includes(id)).length).toBeGreaterThan(0);
    }
  });

  test('WHEN an object is updated THEN the verdict is the same as on create', () => {
    for (const [, manifest] of CASES) {
      expect(policyVerdict(policy, manifest, 'UPDATE')).toEqual(policyVerdict(policy, manifest, 'CREATE'));
    }
  });

  test('WHEN a manifest violates a rule THEN each message starts with the rule id and names the object and the fix', () => {
    const deployment = workload('Deployment', 'web', { containers: [{ name: 'c', image: 'x:1' }], volumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3607 } }] } }] });
    const messages = evaluatePolicy(policy, deployment).violations.map((v) => v.message);
    expect(messages).toEqual([
      expect.stringMatching(/^token\/automount-pod: Deployment web must set automountServiceAccountToken: false/),
      expect.stringMatching(/^token\/default-service-account: Deployment web runs as the namespace's default ServiceAccount.*set serviceAccountName/),
      expect.stringMatching(/^token\/projected-ttl: projected volume\(s\) tok of Deployment web .*between 600 and 3600.*never 3607/),
    ]);
  });

  test('WHEN a Pod has only generateName THEN the messages name the prefix', () => {
    const pod = workload('Pod', 'x', { containers: [] });
    const { name: _, ...metadata } = pod.metadata;
    const messages = evaluatePolicy(policy, { ...pod, metadata: { ...metadata, generateName: 'web-7d9f-' } }).violations.map((v) => v.message);
    expect(messages[0]).toMatch(/^token\/automount-pod: Pod web-7d9f- must set/);
  });

  test('WHEN a legacy token Secret is admitted THEN the message names the Secret and the fix', () => {
    const [, secret] = OTHER_CASES[0];
    expect(evaluatePolicy(policy, secret).violations).toEqual([{
      ruleId: 'token/legacy-token-secret',
      message: expect.stringMatching(/^token\/legacy-token-secret: Secret web-token of type kubernetes.io\/service-account-token .*TokenRequest API/),
    }]);
  });

  test('THEN every static message starts with its rule id (the API server falls back to it)', () => {
    const ids = policy.spec.validations.map((v: any) => v.message.split(':')[0]);
    expect(ids).toEqual(['admission/exemption-reason', ...TOKEN_RULE_IDS]);
  });
});

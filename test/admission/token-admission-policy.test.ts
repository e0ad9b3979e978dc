import { Chart, Duration, Testing } from 'cdk8s';
import { roundTripV1beta1, validateWithKubernetesModels } from './schema-validation';
import { workload } from './token-manifests';
import { evaluatePolicy } from './vap-evaluator';
import {
  AdmissionAction,
  AdmissionApiVersion,
  AdmissionRule,
  AdmissionSelectorOperator,
  TokenAdmissionPolicy,
  TokenAdmissionPolicyProps,
} from '../../src/admission';
import { ComplianceEngine } from '../../src/compliance/engine';

/** The synthesized objects (final JSON) of a chart holding one policy. */
function synth(props: TokenAdmissionPolicyProps = {}, chartNamespace?: string): { policy: any; binding: any; all: any[] } {
  const chart = new Chart(Testing.app(), 'admission', { namespace: chartNamespace });
  new TokenAdmissionPolicy(chart, 'policy', props);
  const all = Testing.synth(chart);
  return {
    policy: all.find((o: any) => o.kind === 'ValidatingAdmissionPolicy'),
    binding: all.find((o: any) => o.kind === 'ValidatingAdmissionPolicyBinding'),
    all,
  };
}

function construct(props: TokenAdmissionPolicyProps): () => TokenAdmissionPolicy {
  return () => new TokenAdmissionPolicy(new Chart(Testing.app(), 'app'), 'tokens', props);
}

const SECURE_POD = { automountServiceAccountToken: false, serviceAccountName: 'web', containers: [{ name: 'c', image: 'x:1' }] };
const INSECURE_POD = { containers: [{ name: 'c', image: 'x:1' }] };

describe('TokenAdmissionPolicy defaults', () => {
  const { policy, binding, all } = synth();

  test('GIVEN no props THEN a v1 policy and binding with deterministic names', () => {
    expect(all.map((o: any) => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy guardrails-token-policy',
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding guardrails-token-policy-binding',
    ]);
    expect(binding.spec.policyName).toBe('guardrails-token-policy');
  });

  test('GIVEN no props THEN the binding warns (a gentle rollout), never denies', () => {
    expect(binding.spec.validationActions).toEqual(['Warn']);
  });

  test('GIVEN no props THEN all four token rules are enforced, with the 1h maximum', () => {
    const ids = policy.spec.validations.map((v: any) => v.message.split(':')[0]);
    expect(ids).toEqual(['admission/exemption-reason', 'token/automount-pod', 'token/default-service-account', 'token/projected-ttl', 'token/legacy-token-secret']);
    const ttl = policy.spec.variables.find((v: any) => v.name === 'volumesWithBadTokenTtl');
    expect(ttl.expression).toContain('t > 3600');
    expect(ttl.expression).toContain('t == 3607');
  });

  test('GIVEN no props THEN pods, the workload kinds and secrets are matched on create and update, and errors fail closed', () => {
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(policy.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'replicationcontrollers', 'secrets'] },
      { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
      { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'] },
    ]);
    expect(policy.spec.paramKind).toBeUndefined();
  });

  test('GIVEN no props THEN the system namespaces are left out and every other namespace is in scope', () => {
    expect(binding.spec.matchResources).toEqual({
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public', 'kube-node-lease'] }] },
    });
  });

  test('GIVEN a chart with a namespace THEN the cluster-scoped objects carry none', () => {
    const namespaced = synth({}, 'team-a');
    expect(namespaced.all.map((o: any) => o.metadata.namespace)).toEqual([undefined, undefined]);
  });
});

describe('TokenAdmissionPolicy schema', () => {
  test.each([
    ['defaults', {}],
    ['every option', {
      name: 'tokens',
      rules: [AdmissionRule.PROJECTED_TTL, AdmissionRule.LEGACY_TOKEN_SECRET],
      maxTokenTtl: Duration.hours(2),
      actions: [AdmissionAction.DENY, AdmissionAction.AUDIT],
      namespaceSelector: { matchLabels: { team: 'a' }, matchExpressions: [{ key: 'env', operator: AdmissionSelectorOperator.IN, values: ['prod'] }] },
      exemptionLabel: 'example.com/skip',
      exemptionReasonAnnotation: 'example.com/skip-reason',
    }],
    ['no exemptions, no system exclusion', { allowExemptions: false, excludeSystemNamespaces: false }],
  ] as Array<[string, TokenAdmissionPolicyProps]>)('GIVEN %s WHEN written for v1 and v1beta1 THEN both objects are schema-valid', (_, props) => {
    const v1 = synth({ ...props, apiVersion: AdmissionApiVersion.V1 }).all;
    const v1beta1 = synth({ ...props, apiVersion: AdmissionApiVersion.V1BETA1 }).all;
    expect(v1beta1.map((o: any) => o.apiVersion)).toEqual(['admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1beta1']);
    expect(validateWithKubernetesModels([...v1, ...v1beta1])).toEqual(['', '', '', '']);
    for (const object of v1beta1) {
      expect(roundTripV1beta1(object)).toEqual(object);
    }
    // Apart from the apiVersion, both versions are the same objects.
    expect(v1beta1.map((o: any) => ({ ...o, apiVersion: 'x' }))).toEqual(v1.map((o: any) => ({ ...o, apiVersion: 'x' })));
  });

  test.each([AdmissionApiVersion.V1, AdmissionApiVersion.V1BETA1])('GIVEN %s THEN the objects pass the recommended pack with no finding', (apiVersion) => {
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(synth({ apiVersion }).all.map((manifest) => ({ manifest })));
    expect(report.findings).toEqual([]);
    expect(report.inputErrors).toEqual([]);
    expect(report.summary.objects).toBe(2);
  });

  test('GIVEN an object the schemas reject THEN the schema checks report it (they can fail)', () => {
    const { policy, binding } = synth({ apiVersion: AdmissionApiVersion.V1BETA1 });
    const badPolicy = { ...policy, spec: { ...policy.spec, failurePolicy: 'Sometimes' } };
    const badBinding = { ...binding, apiVersion: 'admissionregistration.k8s.io/v1', spec: { ...binding.spec, validationActions: 'Warn' } };
    const problems = validateWithKubernetesModels([badPolicy, badBinding]);
    expect(problems[0]).toContain('failurePolicy');
    expect(problems[1]).toContain('validationActions');
    const unknownField = { ...policy, spec: { ...policy.spec, validations: [{ ...policy.spec.validations[0], severity: 'high' }] } };
    expect(roundTripV1beta1(unknownField)).not.toEqual(unknownField);
  });
});

describe('TokenAdmissionPolicy options', () => {
  test('GIVEN actions [Deny, Audit] THEN the binding denies and audits', () => {
    expect(synth({ actions: [AdmissionAction.DENY, AdmissionAction.AUDIT] }).binding.spec.validationActions).toEqual(['Deny', 'Audit']);
  });

  test('GIVEN a name THEN the policy, the binding and its reference use it', () => {
    const { policy, binding } = synth({ name: 'tokens.example.com' });
    expect([policy.metadata.name, binding.metadata.name, binding.spec.policyName]).toEqual(['tokens.example.com', 'tokens.example.com-binding', 'tokens.example.com']);
  });

  test('GIVEN a namespace selector THEN the binding selects those namespaces and still leaves out the system ones', () => {
    const { binding } = synth({ namespaceSelector: { matchLabels: { 'guardrails.cdk8s.io/enforce': 'tokens' } } });
    expect(binding.spec.matchResources.namespaceSelector).toEqual({
      matchLabels: { 'guardrails.cdk8s.io/enforce': 'tokens' },
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public', 'kube-node-lease'] }],
    });
  });

  test('GIVEN excludeSystemNamespaces false and no selector THEN the binding applies everywhere', () => {
    expect(synth({ excludeSystemNamespaces: false }).binding.spec.matchResources).toBeUndefined();
  });

  test('GIVEN only the Secret rule THEN only secrets are matched and a Deployment is not evaluated', () => {
    const { policy } = synth({ rules: [AdmissionRule.LEGACY_TOKEN_SECRET] });
    expect(policy.spec.matchConstraints.resourceRules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['secrets'] }]);
    expect(evaluatePolicy(policy, workload('Deployment', 'web', INSECURE_POD)).applies).toBe(false);
  });

  test('GIVEN only the automount rule THEN secrets are not matched and a Deployment reports that rule only', () => {
    const { policy } = synth({ rules: [AdmissionRule.AUTOMOUNT_POD] });
    expect(policy.spec.matchConstraints.resourceRules[0].resources).toEqual(['pods', 'replicationcontrollers']);
    expect(evaluatePolicy(policy, workload('Deployment', 'web', INSECURE_POD)).violations.map((v) => v.ruleId)).toEqual(['token/automount-pod']);
  });

  test('GIVEN a maximum of 2h THEN 7200 s passes, 7201 s and 3607 s do not', () => {
    const { policy } = synth({ maxTokenTtl: Duration.hours(2) });
    const ttl = (seconds: number) => evaluatePolicy(policy, workload('Job', 'j', {
      ...SECURE_POD, volumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: seconds } }] } }],
    })).violations.map((v) => v.ruleId);
    expect(ttl(7200)).toEqual([]);
    expect(ttl(7201)).toEqual(['token/projected-ttl']);
    expect(ttl(3607)).toEqual(['token/projected-ttl']);
  });

  test('GIVEN duplicated rules and actions THEN each is written once', () => {
    const { policy, binding } = synth({
      rules: [AdmissionRule.AUTOMOUNT_POD, AdmissionRule.AUTOMOUNT_POD],
      actions: [AdmissionAction.WARN, AdmissionAction.WARN],
    });
    expect(policy.spec.validations.filter((v: any) => v.message.startsWith('token/automount-pod'))).toHaveLength(1);
    expect(binding.spec.validationActions).toEqual(['Warn']);
  });
});

describe('TokenAdmissionPolicy exemptions', () => {
  const { policy } = synth();
  const exempt = (labels: Record<string, string>, annotations: Record<string, string> = {}) =>
    evaluatePolicy(policy, workload('Deployment', 'legacy', INSECURE_POD, { labels, annotations }));

  test('GIVEN the exemption label and a reason THEN the policy does not apply to the object', () => {
    expect(exempt({ 'guardrails.cdk8s.io/exempt': 'true' }, { 'guardrails.cdk8s.io/exempt-reason': 'Vendor chart; token removed in v2 (TICKET-12).' }))
      .toEqual({ applies: false, violations: [] });
  });

  test.each([
    ['no reason annotation', {}],
    ['a blank reason', { 'guardrails.cdk8s.io/exempt-reason': '   ' }],
  ])('GIVEN the exemption label with %s THEN every rule still applies and the missing reason is reported', (_, annotations) => {
    const verdict = exempt({ 'guardrails.cdk8s.io/exempt': 'true' }, annotations);
    expect(verdict.violations.map((v) => v.ruleId)).toEqual(['admission/exemption-reason', 'token/automount-pod', 'token/default-service-account']);
    expect(verdict.violations[0].message).toContain('add the annotation or remove the label');
  });

  test('GIVEN the exemption label set to anything but true THEN the object is checked as usual', () => {
    expect(exempt({ 'guardrails.cdk8s.io/exempt': 'false' }, { 'guardrails.cdk8s.io/exempt-reason': 'why not' }).violations.map((v) => v.ruleId))
      .toEqual(['token/automount-pod', 'token/default-service-account']);
  });

  test('GIVEN a secure object with the reason annotation only THEN it is allowed', () => {
    const verdict = evaluatePolicy(policy, workload('Pod', 'p', SECURE_POD, { annotations: { 'guardrails.cdk8s.io/exempt-reason': 'x' } }));
    expect(verdict).toEqual({ applies: true, violations: [] });
  });

  test('GIVEN a custom label and annotation THEN those are what exempt', () => {
    const custom = synth({ exemptionLabel: 'example.com/skip', exemptionReasonAnnotation: 'example.com/why' }).policy;
    const manifest = workload('Deployment', 'legacy', INSECURE_POD, { labels: { 'example.com/skip': 'true' }, annotations: { 'example.com/why': 'Migrating in Q3.' } });
    expect(evaluatePolicy(custom, manifest).applies).toBe(false);
    expect(evaluatePolicy(policy, manifest).applies).toBe(true);
  });

  test('GIVEN allowExemptions false THEN the label and reason exempt nothing', () => {
    const strict = synth({ allowExemptions: false }).policy;
    expect(strict.spec.matchConditions).toBeUndefined();
    const verdict = evaluatePolicy(strict, workload('Deployment', 'legacy', INSECURE_POD, {
      labels: { 'guardrails.cdk8s.io/exempt': 'true' }, annotations: { 'guardrails.cdk8s.io/exempt-reason': 'Please.' },
    }));
    expect(verdict.violations.map((v) => v.ruleId)).toEqual(['token/automount-pod', 'token/default-service-account']);
  });
});

describe('TokenAdmissionPolicy bad input', () => {
  test.each([
    ['maxTokenTtl below 600 s', { maxTokenTtl: Duration.seconds(300) }, "TokenAdmissionPolicy 'app/tokens': maxTokenTtl 300s is below the Kubernetes minimum of 600s"],
    ['maxTokenTtl above 2^32 s', { maxTokenTtl: Duration.seconds(2 ** 32 + 1) }, 'maxTokenTtl 4294967297s is above the Kubernetes maximum of 4294967296s'],
    ['maxTokenTtl of 3607 s', { maxTokenTtl: Duration.seconds(3607) }, 'maxTokenTtl 3607s is not allowed: the API server silently extends'],
    ['maxTokenTtl with a fraction of a second', { maxTokenTtl: Duration.millis(600_500) }, 'maxTokenTtl 600.5s is not a whole number of seconds'],
    ['Deny with Warn', { actions: [AdmissionAction.DENY, AdmissionAction.WARN] }, 'actions [Deny, Warn] combines Deny and Warn, which Kubernetes rejects'],
    ['no action', { actions: [] }, 'actions is empty'],
    ['an unknown action', { actions: ['Block' as AdmissionAction] }, "actions contains 'Block', which is not one of Deny, Warn, Audit"],
    ['no rule', { rules: [] }, 'rules is empty: name at least one of token/automount-pod'],
    ['an unknown rule', { rules: ['token/nope' as AdmissionRule] }, "rules contains 'token/nope'"],
    ['an invalid name', { name: 'Token_Policy' }, "name 'Token_Policy' is not a valid object name"],
    ['a name too long for the binding', { name: 'a'.repeat(246) }, 'is not a valid object name'],
    ['an invalid exemption label', { exemptionLabel: 'bad key!' }, "exemptionLabel 'bad key!' is not a valid label or annotation key"],
    ['an invalid reason annotation', { exemptionReasonAnnotation: 'Example.com/why' }, "exemptionReasonAnnotation 'Example.com/why' is not a valid label or annotation key"],
    ['an exemption label without exemptions', { allowExemptions: false, exemptionLabel: 'example.com/skip' }, "exemptionLabel 'example.com/skip' is set but allowExemptions is false"],
    ['a reason annotation without exemptions', { allowExemptions: false, exemptionReasonAnnotation: 'example.com/why' }, "exemptionReasonAnnotation 'example.com/why' is set but allowExemptions is false"],
    ['In without values', { namespaceSelector: { matchExpressions: [{ key: 'env', operator: AdmissionSelectorOperator.IN }] } }, 'namespaceSelector.matchExpressions[0].values is empty: operator In needs at least one value'],
    ['Exists with values', { namespaceSelector: { matchExpressions: [{ key: 'env', operator: AdmissionSelectorOperator.EXISTS, values: ['a'] }] } }, 'namespaceSelector.matchExpressions[0].values [a] must be empty with operator Exists'],
    ['an unknown operator', { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Like' as AdmissionSelectorOperator, values: ['a'] }] } }, "namespaceSelector.matchExpressions[0].operator 'Like' is not one of In, NotIn, Exists, DoesNotExist"],
    ['a bad label value', { namespaceSelector: { matchLabels: { env: 'not ok' } } }, "namespaceSelector.matchLabels['env'] 'not ok' is not a valid label value"],
  ] as Array<[string, TokenAdmissionPolicyProps, string]>)('GIVEN %s THEN a clear error', (_, props, message) => {
    expect(construct(props)).toThrow(message);
  });

  test.each([
    ['600 s', Duration.seconds(600)],
    ['2^32 s', Duration.seconds(2 ** 32)],
    ['Warn with Audit', undefined],
  ])('GIVEN the edge %s THEN it is accepted', (_, maxTokenTtl) => {
    expect(construct({ maxTokenTtl, actions: [AdmissionAction.WARN, AdmissionAction.AUDIT] })).not.toThrow();
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { validateWithKubernetesModels } from './schema-validation';
import { workload } from './token-manifests';
import { evaluatePolicy } from './vap-evaluator';
import { createApp } from '../../examples/admission-policy/app';
import { ComplianceEngine } from '../../src/compliance/engine';

/** The YAML documents the example writes into a fresh outdir, as JSON. */
function synthExample(): any[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-admission-policy-'));
  createApp(outdir).synth();
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  return files.flatMap((f) => yaml.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map((d) => d.toJSON()));
}

describe('examples/admission-policy', () => {
  const manifests = synthExample();
  const policy = manifests.find((m) => m.kind === 'ValidatingAdmissionPolicy');
  const binding = manifests.find((m) => m.kind === 'ValidatingAdmissionPolicyBinding');

  test('WHEN synthesized THEN it writes a v1 policy and a binding in Warn mode, scoped to opted-in namespaces', () => {
    expect(manifests.map((m) => `${m.apiVersion} ${m.kind}`)).toEqual([
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy',
      'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding',
    ]);
    expect(binding.spec.validationActions).toEqual(['Warn']);
    expect(binding.spec.matchResources.namespaceSelector.matchLabels).toEqual({ 'guardrails.cdk8s.io/enforce': 'tokens' });
  });

  test('WHEN synthesized THEN the objects are schema-valid', () => {
    expect(validateWithKubernetesModels(manifests)).toEqual(['', '']);
  });

  test('WHEN checked with the recommended pack THEN there is no finding', () => {
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest })));
    expect(report.inputErrors).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  test('WHEN a Deployment with the default ServiceAccount is admitted THEN the written policy reports it', () => {
    const deployment = workload('Deployment', 'web', { automountServiceAccountToken: false, containers: [{ name: 'c', image: 'x:1' }] });
    expect(evaluatePolicy(policy, deployment).violations.map((v) => v.ruleId)).toEqual(['token/default-service-account']);
  });
});

import { execFileSync } from 'child_process';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';

/**
 * Schema checks for the emitted admission objects, test-only.
 *
 * - `admissionregistration.k8s.io/v1`: the validators of `kubernetes-models` (generated from the
 *   Kubernetes OpenAPI: types, required fields, enums). That package is ESM-only, which jest's
 *   CommonJS runtime cannot load, so they run in a child `node` process.
 * - `admissionregistration.k8s.io/v1beta1`: `kubernetes-models` no longer ships it. The
 *   Kubernetes 1.28 v1beta1 types of `cdk8s-plus-28` (its L1 `k8s` imports) keep only the fields
 *   the 1.28 schema knows, so an object that survives a round trip through them unchanged has no
 *   unknown field at any depth. The v1 spec validators then check the values (the v1beta1 and v1
 *   fields used here are the same; v1 was promoted from v1beta1 without changes to them).
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const VALIDATE_SCRIPT = `
import { readFileSync } from 'node:fs';
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { validate as validatePolicySpec } from 'kubernetes-models/_schemas/IoK8sApiAdmissionregistrationV1ValidatingAdmissionPolicySpec';
import { validate as validateBindingSpec } from 'kubernetes-models/_schemas/IoK8sApiAdmissionregistrationV1ValidatingAdmissionPolicyBindingSpec';
const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = objects.map((o) => {
  try {
    if (o.apiVersion === 'admissionregistration.k8s.io/v1') {
      const Model = o.kind === 'ValidatingAdmissionPolicy' ? ValidatingAdmissionPolicy : ValidatingAdmissionPolicyBinding;
      new Model(o).validate();
      return '';
    }
    const validate = o.kind === 'ValidatingAdmissionPolicy' ? validatePolicySpec : validateBindingSpec;
    return validate(o.spec) ? '' : o.kind + ': ' + JSON.stringify(validate.errors ?? 'invalid');
  } catch (e) {
    return o.kind + ': ' + e.message;
  }
});
process.stdout.write(JSON.stringify(problems));
`;

/** The schema problems of each object ('' when valid), by the v1 validators of kubernetes-models. */
export function validateWithKubernetesModels(objects: readonly any[]): string[] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', VALIDATE_SCRIPT], {
    cwd: REPO_ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/** The object after a round trip through the Kubernetes 1.28 v1beta1 L1 types of cdk8s-plus-28. */
export function roundTripV1beta1(object: any): any {
  const chart = new Chart(new App(), 'roundtrip');
  const props = { metadata: object.metadata, spec: object.spec };
  const l1 = object.kind === 'ValidatingAdmissionPolicy'
    ? new k8s.KubeValidatingAdmissionPolicyV1Beta1(chart, 'x', props)
    : new k8s.KubeValidatingAdmissionPolicyBindingV1Beta1(chart, 'x', props);
  return l1.toJson();
}

import { serviceAccountOf } from '../../pod-tokens';
import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount } from '../examples';

/** `token/service-account-exists`: the pod's ServiceAccount is defined in the input. */
export const SERVICE_ACCOUNT_EXISTS: Rule = {
  id: 'token/service-account-exists',
  title: 'The pod\'s ServiceAccount is defined in the input',
  defaultSeverity: 'warning',
  rationale: 'A pod that names a ServiceAccount that is not shipped with it fails to start, or silently runs with whatever ServiceAccount of that name someone else created, with its permissions and automount setting.',
  remediation: 'Ship the ServiceAccount in the same set of manifests (with automountServiceAccountToken: false), or fix the name in `serviceAccountName`.',
  references: ['kube-linter non-existent-service-account', 'Kubescape C-0307'],
  examples: {
    failing: [exampleDeployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [exampleContainer()] })],
    passing: [
      exampleServiceAccount(),
      exampleDeployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [exampleContainer()] }),
    ],
  },
  checkPod(pod, { index }) {
    // `default` exists in every namespace; token/default-service-account reports its use.
    if (pod.serviceAccountName === 'default' || serviceAccountOf(pod, index)) return undefined;
    const field = pod.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
    return [{
      path: `${pod.path}/${field}`,
      message: `ServiceAccount '${pod.serviceAccountName}' is not defined in namespace '${pod.owner.namespace}' of the input. Add it, or fix serviceAccountName.`,
    }];
  },
};

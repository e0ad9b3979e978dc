import { serviceAccountOf } from './pod-token';
import type { Rule, Violation } from '../../rule';

/** `token/service-account-exists`: the pod's ServiceAccount is defined in the input. */
export const SERVICE_ACCOUNT_EXISTS: Rule = {
  id: 'token/service-account-exists',
  title: 'The pod\'s ServiceAccount is defined in the input',
  defaultSeverity: 'warning',
  scope: 'pod',
  rationale: 'A pod that names a ServiceAccount that is not shipped with it fails to start, or silently runs with whatever ServiceAccount of that name someone else created, with its permissions and automount setting.',
  remediation: 'Ship the ServiceAccount in the same set of manifests (with automountServiceAccountToken: false), or fix the name in `serviceAccountName`.',
  references: ['kube-linter non-existent-service-account', 'Kubescape C-0307'],
  check(index) {
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      // `default` exists in every namespace; token/default-service-account reports its use.
      if (pod.serviceAccountName === 'default' || serviceAccountOf(pod, index)) continue;
      const field = pod.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
      violations.push({
        objectIndex: pod.owner.index,
        path: `${pod.path}/${field}`,
        message: `ServiceAccount '${pod.serviceAccountName}' is not defined in namespace '${pod.owner.namespace ?? 'default'}' of the input. Add it, or fix serviceAccountName.`,
      });
    }
    return violations;
  },
};

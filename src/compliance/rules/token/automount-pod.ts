import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount } from '../examples';

/** `token/automount-pod`: every pod spec sets `automountServiceAccountToken: false` explicitly. */
export const AUTOMOUNT_POD: Rule = {
  id: 'token/automount-pod',
  title: 'Every pod spec sets automountServiceAccountToken: false explicitly',
  defaultSeverity: 'error',
  rationale: 'An automounted API token is a standing credential in every container of the pod: anyone who gets code execution in any container can call the API server as the pod\'s ServiceAccount. '
    + 'Relying on the ServiceAccount\'s setting is fragile (the ServiceAccount may be edited, replaced or absent), so the pod must opt out itself, as checkov and Kyverno require.',
  remediation: 'Set `automountServiceAccountToken: false` in the pod spec. If the workload calls the API server, mount a projected, short-lived, audience-bound token only into the container that needs it.',
  references: ['CIS 5.1.6', 'NSA', 'checkov CKV_K8S_38', 'Kyverno restrict-automount-sa-token', 'Kubescape C-0034', 'Polaris automountServiceAccountToken'],
  examples: {
    failing: [
      exampleServiceAccount(),
      exampleDeployment({ serviceAccountName: 'web', containers: [exampleContainer()] }),
    ],
    passing: [
      exampleServiceAccount(),
      exampleDeployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [exampleContainer()] }),
    ],
  },
  checkPod(pod) {
    const value = pod.spec.automountServiceAccountToken;
    if (value === false) return undefined;
    return [{
      path: `${pod.path}/automountServiceAccountToken`,
      message: value === true
        ? 'The pod spec sets automountServiceAccountToken: true, so every container gets an API token. Set it to false and project a short-lived token only where needed.'
        : 'The pod spec does not set automountServiceAccountToken, so the token is mounted unless the ServiceAccount says otherwise. Set automountServiceAccountToken: false in the pod spec.',
    }];
  },
};

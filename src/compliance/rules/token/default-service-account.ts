import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount } from '../examples';

/** `token/default-service-account`: no pod runs as the `default` ServiceAccount, named or implied. */
export const DEFAULT_SERVICE_ACCOUNT: Rule = {
  id: 'token/default-service-account',
  title: 'No pod runs as the default ServiceAccount (named or implied)',
  defaultSeverity: 'error',
  rationale: 'Every namespace has a `default` ServiceAccount that all pods without a `serviceAccountName` share. Permissions granted to it for one workload leak to all of them, and its token is mounted by default.',
  remediation: 'Create a dedicated ServiceAccount for the workload (with automountServiceAccountToken: false) and set `serviceAccountName` in the pod spec.',
  references: ['CIS 5.1.5', 'kube-linter default-service-account', 'Kubescape C-0189'],
  examples: {
    failing: [exampleDeployment({ automountServiceAccountToken: false, containers: [exampleContainer()] })],
    passing: [
      exampleServiceAccount(),
      exampleDeployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [exampleContainer()] }),
    ],
  },
  checkPod(pod) {
    if (pod.serviceAccountName !== 'default') return undefined;
    const named = pod.spec.serviceAccountName === 'default' || pod.spec.serviceAccount === 'default';
    const field = pod.spec.serviceAccountName === undefined && pod.spec.serviceAccount === 'default' ? 'serviceAccount' : 'serviceAccountName';
    return [{
      path: `${pod.path}/${field}`,
      message: named
        ? 'The pod runs as the namespace\'s default ServiceAccount. Give the workload its own ServiceAccount.'
        : 'The pod spec sets no serviceAccountName, so it runs as the namespace\'s default ServiceAccount. Give the workload its own ServiceAccount and set serviceAccountName.',
    }];
  },
};

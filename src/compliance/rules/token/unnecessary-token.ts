import { EffectiveAccessOf } from '../../effective-access-of';
import { PodTokenModel } from '../../pod-tokens';
import type { PodViolation, Rule } from '../../rule';
import { EXAMPLE_NAMESPACE, exampleContainer, exampleDeployment } from '../examples';

/** `token/unnecessary-token`: a pod mounts an API token but its ServiceAccount holds no permissions. */
export const UNNECESSARY_TOKEN: Rule = {
  id: 'token/unnecessary-token',
  title: 'A pod mounts an API token but its ServiceAccount holds no permissions in the input (beyond what every account holds)',
  defaultSeverity: 'warning',
  rationale: 'A token for a ServiceAccount with no permissions serves no purpose, yet it still authenticates to the API server (discovery, self-reviews, and any permission granted later). Tokens should exist only where necessary. '
    + 'The grants every identity holds (system:basic-user, system:discovery, system:public-info-viewer, system:service-account-issuer-discovery) are not a need; any other grant is, system:auth-delegator (TokenReview and SubjectAccessReview for authenticated endpoints) included. '
    + 'A projected token whose audience is the API server\'s own (https://kubernetes.default.svc, the cluster\'s issuer) is an API token like one without an audience.',
  remediation: 'Disable automount (pod and ServiceAccount) and remove API-audience serviceAccountToken projections, or bind the ServiceAccount to the Role it actually needs. A token meant for another service gets that service\'s audience.',
  references: ['CIS 5.1.6 "only where necessary"'],
  examples: {
    failing: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: EXAMPLE_NAMESPACE } },
      exampleDeployment({ serviceAccountName: 'web', containers: [exampleContainer()] }),
    ],
    passing: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: EXAMPLE_NAMESPACE }, automountServiceAccountToken: false },
      exampleDeployment({ serviceAccountName: 'web', automountServiceAccountToken: false, containers: [exampleContainer()] }),
    ],
  },
  checkPod(pod, { index }) {
    const model = PodTokenModel.of(pod, index);
    const apiTokens = model.projected.filter((token) => token.apiServer);
    const automounted = model.automounted;
    if (!automounted && apiTokens.length === 0) return undefined;
    if (EffectiveAccessOf.hasPermissions(index, pod.owner.namespace, pod.serviceAccountName)) return undefined;
    const what = `ServiceAccount '${pod.serviceAccountName}' holds no permission in the input beyond what every account holds`;
    const violations: PodViolation[] = [];
    if (automounted) {
      violations.push({
        path: `${pod.path}/automountServiceAccountToken`,
        target: 'automount',
        message: `The pod gets an automounted API token, but ${what}. Set automountServiceAccountToken: false.`,
      });
    }
    for (const token of apiTokens) {
      violations.push({
        path: token.path,
        target: token.volumeName,
        message: `Volume '${token.volumeName}' projects an API server token${token.audience !== undefined ? ` (audience '${token.audience}' is the API server's own)` : ''}, but ${what}. Remove the projection, or give it the audience of the service that consumes it.`,
      });
    }
    return violations;
  },
};

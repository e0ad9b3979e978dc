import { EffectiveAccessOf } from '../../effective-access-of';
import { isApiServerAudience, isAutomounted, projectedTokens } from '../../pod-tokens';
import type { PodViolation, Rule } from '../../rule';
import { EXAMPLE_NAMESPACE, exampleContainer, exampleDeployment } from '../examples';

/** `token/unnecessary-token`: a pod mounts an API token but its ServiceAccount holds no permissions. */
export const UNNECESSARY_TOKEN: Rule = {
  id: 'token/unnecessary-token',
  title: 'A pod mounts an API token but its ServiceAccount holds no permissions in the input',
  defaultSeverity: 'warning',
  rationale: 'A token for a ServiceAccount with no permissions serves no purpose, yet it still authenticates to the API server (discovery, self-reviews, and any permission granted later). Tokens should exist only where necessary.',
  remediation: 'Disable automount (pod and ServiceAccount) and remove API-audience serviceAccountToken projections, or bind the ServiceAccount to the Role it actually needs.',
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
    const apiTokens = projectedTokens(pod).filter(isApiServerAudience);
    const automounted = isAutomounted(pod, index);
    if (!automounted && apiTokens.length === 0) return undefined;
    if (EffectiveAccessOf.hasPermissions(index, pod.owner.namespace, pod.serviceAccountName)) return undefined;
    const what = `ServiceAccount '${pod.serviceAccountName}' is bound to no Role or ClusterRole in the input`;
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
        message: `Volume '${token.volumeName}' projects an API server token, but ${what}. Remove the projection, or give it a non-API audience if another service consumes it.`,
      });
    }
    return violations;
  },
};

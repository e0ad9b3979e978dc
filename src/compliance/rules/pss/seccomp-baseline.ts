import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, podSecurityContext, PSS_BASELINE_URL } from '../pod-fields';
import { seccompStatus, seccompType } from '../seccomp-profile';

/**
 * PSS baseline "Seccomp": `seccompProfile.type` (pod and every container) must be undefined,
 * RuntimeDefault or Localhost: Unconfined is forbidden. (Restricted additionally requires a
 * profile: see `pss/seccomp`.)
 */
export const seccompBaselineRule: Rule = {
  id: 'pss/seccomp-baseline',
  title: 'Pods and containers must not set the Unconfined seccomp profile',
  defaultSeverity: 'error',
  rationale: 'Seccomp filters the system calls a container may make; the Unconfined profile removes the filter and exposes the whole kernel attack surface.',
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a localhostProfile) instead of Unconfined, on the pod or the container.',
  references: [
    `Pod Security Standards, Baseline: Seccomp (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: seccompProfile_baseline',
    'Kyverno: restrict-seccomp',
  ],
  examples: {
    failing: [exampleDeployment({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [exampleContainer()] })],
    passing: [exampleDeployment({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [exampleContainer()] })],
  },
  checkPod(pod) {
    const podContext = podSecurityContext(pod);
    if (seccompStatus(podContext) !== 'forbidden') return undefined;
    return [{
      path: `${pod.path}/securityContext/seccompProfile/type`,
      message: `The pod sets securityContext.seccompProfile.type ${seccompType(podContext)}; set it to RuntimeDefault or Localhost.`,
    }];
  },
  checkContainer(container) {
    const context = containerSecurityContext(container);
    if (seccompStatus(context) !== 'forbidden') return undefined;
    return [{
      path: '/securityContext/seccompProfile/type',
      message: `The ${describeContainer(container)} sets securityContext.seccompProfile.type ${seccompType(context)}; set it to RuntimeDefault or Localhost.`,
    }];
  },
};

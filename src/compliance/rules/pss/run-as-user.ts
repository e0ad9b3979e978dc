import { containerSecurityContext, containerViolation, describeContainer, podSecurityContext, podViolation, PSS_RESTRICTED_URL } from './pod-spec';
import type { Rule, Violation } from '../../rule';

/**
 * PSS restricted "Running as Non-root user": `runAsUser` (pod and every container) must be
 * undefined or non-zero.
 */
export const runAsUserRule: Rule = {
  id: 'pss/run-as-user',
  title: 'Pods and containers must not set runAsUser: 0',
  defaultSeverity: 'error',
  scope: 'pod',
  rationale: 'runAsUser: 0 runs the container as root, whatever the image says.',
  remediation: 'Remove runAsUser: 0 or set a non-zero UID (for example 65532) on the pod and every container.',
  references: [
    `Pod Security Standards, Restricted: Running as Non-root user (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: runAsUser',
    'Kyverno: require-run-as-non-root-user',
  ],
  check(index) {
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      if (podSecurityContext(pod)?.runAsUser === 0) {
        violations.push(podViolation(pod, `${pod.path}/securityContext/runAsUser`,
          'The pod sets securityContext.runAsUser: 0 (root); set a non-zero UID or remove it.'));
      }
      for (const container of pod.containers) {
        if (containerSecurityContext(container)?.runAsUser === 0) {
          violations.push(containerViolation(pod, container, '/securityContext/runAsUser',
            `The ${describeContainer(container)} sets securityContext.runAsUser: 0 (root); set a non-zero UID or remove it.`));
        }
      }
    }
    return violations;
  },
};

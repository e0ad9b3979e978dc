import { asObject, containerSecurityContext, containerViolation, describeContainer, podSecurityContext, podViolation, PSS_BASELINE_URL } from './pod-spec';
import type { Rule, Violation } from '../../rule';

/** Allowed: undefined/nil or false, at pod level and on every container. */
function isHostProcess(securityContext: Record<string, any> | undefined): boolean {
  const value = asObject(securityContext?.windowsOptions)?.hostProcess;
  return value !== undefined && value !== null && value !== false;
}

/** PSS baseline "HostProcess": Windows HostProcess containers have privileged access to the host. */
export const hostProcessRule: Rule = {
  id: 'pss/host-process',
  title: 'Pods and containers must not run as Windows HostProcess containers',
  defaultSeverity: 'error',
  scope: 'pod',
  rationale: 'A Windows HostProcess container runs directly on the host with the privileges of the node; the Baseline profile forbids privileged access to the host.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and on every container.',
  references: [
    `Pod Security Standards, Baseline: HostProcess (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: windowsHostProcess',
    'CIS Kubernetes Benchmark v1.8: 5.2.11',
    'Kyverno: disallow-host-process',
  ],
  check(index) {
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      if (isHostProcess(podSecurityContext(pod))) {
        violations.push(podViolation(pod, `${pod.path}/securityContext/windowsOptions/hostProcess`,
          'The pod sets securityContext.windowsOptions.hostProcess; remove it or set it to false.'));
      }
      for (const container of pod.containers) {
        if (isHostProcess(containerSecurityContext(container))) {
          violations.push(containerViolation(pod, container, '/securityContext/windowsOptions/hostProcess',
            `The ${describeContainer(container)} sets securityContext.windowsOptions.hostProcess; remove it or set it to false.`));
        }
      }
    }
    return violations;
  },
};

import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asObject, containerSecurityContext, describeContainer, podSecurityContext, PSS_BASELINE_URL } from '../pod-fields';

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
  rationale: 'A Windows HostProcess container runs directly on the host with the privileges of the node; the Baseline profile forbids privileged access to the host.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and on every container.',
  references: [
    `Pod Security Standards, Baseline: HostProcess (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: windowsHostProcess',
    'CIS Kubernetes Benchmark v1.8: 5.2.11',
    'Kyverno: disallow-host-process',
  ],
  examples: {
    failing: [exampleDeployment({
      os: { name: 'windows' },
      hostNetwork: true,
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
      containers: [exampleContainer({ image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' })],
    })],
    passing: [exampleDeployment({
      os: { name: 'windows' },
      containers: [exampleContainer({ image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' })],
    })],
  },
  checkPod(pod) {
    if (!isHostProcess(podSecurityContext(pod))) return undefined;
    return [{
      path: `${pod.path}/securityContext/windowsOptions/hostProcess`,
      message: 'The pod sets securityContext.windowsOptions.hostProcess; remove it or set it to false.',
    }];
  },
  checkContainer(container) {
    if (!isHostProcess(containerSecurityContext(container))) return undefined;
    return [{
      path: '/securityContext/windowsOptions/hostProcess',
      message: `The ${describeContainer(container)} sets securityContext.windowsOptions.hostProcess; remove it or set it to false.`,
    }];
  },
};

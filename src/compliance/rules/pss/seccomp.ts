import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, isWindowsPod, podSecurityContext, PSS_RESTRICTED_URL } from '../pod-fields';
import { seccompStatus } from '../seccomp-profile';

/**
 * PSS restricted "Seccomp": every container must run with RuntimeDefault or Localhost, set on the
 * pod (`spec.securityContext.seccompProfile.type`) or on the container. A missing profile fails.
 * Explicitly forbidden values (Unconfined) are reported by `pss/seccomp-baseline`, which is part
 * of the same pack, so that each problem is reported once. Linux only: pods with
 * `spec.os.name: windows` are exempt.
 */
export const seccompRule: Rule = {
  id: 'pss/seccomp',
  title: 'Every container must run with the RuntimeDefault or a Localhost seccomp profile',
  defaultSeverity: 'error',
  rationale: 'Without a seccomp profile a container can call every system call, including the rarely used ones behind most container escapes; Restricted requires the runtime default or a reviewed local profile.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or on every container); use Localhost with a localhostProfile for a custom profile.',
  references: [
    `Pod Security Standards, Restricted: Seccomp (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: seccompProfile_restricted',
    'CIS Kubernetes Benchmark v1.8: 5.7.2',
    'checkov: CKV_K8S_31',
    'Kyverno: restrict-seccomp-strict',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer()] })],
    passing: [exampleDeployment({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [exampleContainer()] })],
  },
  checkContainer(container, pod) {
    if (isWindowsPod(pod) || seccompStatus(podSecurityContext(pod)) === 'allowed') return undefined;
    if (seccompStatus(containerSecurityContext(container)) !== 'unset') return undefined;
    return [{
      path: '/securityContext/seccompProfile',
      message: `The ${describeContainer(container)} has no seccomp profile and the pod sets none; set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod or seccompProfile on the container.`,
    }];
  },
};

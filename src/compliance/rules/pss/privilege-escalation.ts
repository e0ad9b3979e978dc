import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, isWindowsPod, PSS_RESTRICTED_URL } from '../pod-fields';

/**
 * PSS restricted "Privilege Escalation": every container must set
 * `securityContext.allowPrivilegeEscalation: false` (undefined fails). Linux only: pods with
 * `spec.os.name: windows` are exempt.
 */
export const privilegeEscalationRule: Rule = {
  id: 'pss/privilege-escalation',
  title: 'Containers must set allowPrivilegeEscalation: false',
  defaultSeverity: 'error',
  rationale: 'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (set-user-ID binaries, file capabilities); the kernel\'s no_new_privs flag blocks that.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  references: [
    `Pod Security Standards, Restricted: Privilege Escalation (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: allowPrivilegeEscalation',
    'CIS Kubernetes Benchmark v1.8: 5.2.6',
    'checkov: CKV_K8S_20',
    'Kyverno: disallow-privilege-escalation',
    'Kubescape: C-0016',
    'kube-linter: privilege-escalation-container',
    'Polaris: privilegeEscalationAllowed',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer()] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { allowPrivilegeEscalation: false } })] })],
  },
  checkContainer(container, pod) {
    if (isWindowsPod(pod)) return undefined;
    const value = containerSecurityContext(container)?.allowPrivilegeEscalation;
    if (value === false) return undefined;
    const state = value === undefined ? 'does not set' : `sets ${JSON.stringify(value)} for`;
    return [{
      path: '/securityContext/allowPrivilegeEscalation',
      message: `The ${describeContainer(container)} ${state} securityContext.allowPrivilegeEscalation; set it to false.`,
    }];
  },
};

import type { ContainerViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, containerSecurityContext, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

/** The capabilities the Baseline profile allows a container to add (the container runtime defaults). */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/** PSS baseline "Capabilities": `capabilities.add` may only list the runtime's default set. */
export const capabilitiesBaselineRule: Rule = {
  id: 'pss/capabilities-baseline',
  title: 'Containers must not add capabilities beyond the default set',
  defaultSeverity: 'error',
  rationale: 'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container root-like powers over the kernel and other processes; the Baseline profile only allows the container runtime\'s default set.',
  remediation: `Remove every capability from securityContext.capabilities.add that is not one of ${BASELINE_CAPABILITIES.join(', ')}.`,
  references: [
    `Pod Security Standards, Baseline: Capabilities (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: capabilities_baseline',
    'CIS Kubernetes Benchmark v1.8: 5.2.9',
    'checkov: CKV_K8S_25',
    'Kyverno: disallow-capabilities',
    'Kubescape: C-0046',
    'Polaris: insecureCapabilities, dangerousCapabilities',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } })] })],
  },
  checkContainer(container) {
    const violations: ContainerViolation[] = [];
    asArray(asObject(containerSecurityContext(container)?.capabilities)?.add).forEach((capability, i) => {
      if (!BASELINE_CAPABILITIES.includes(capability)) {
        violations.push({
          path: `/securityContext/capabilities/add/${i}`,
          message: `The ${describeContainer(container)} adds capability ${JSON.stringify(capability)}; remove it (Baseline allows only ${BASELINE_CAPABILITIES.join(', ')}).`,
        });
      }
    });
    return violations;
  },
};

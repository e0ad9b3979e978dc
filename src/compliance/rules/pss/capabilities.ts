import { BASELINE_CAPABILITIES } from './capabilities-baseline';
import type { ContainerViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, containerSecurityContext, describeContainer, isWindowsPod, PSS_RESTRICTED_URL } from '../pod-fields';

/**
 * PSS restricted "Capabilities": every container must drop ALL and may add back only
 * NET_BIND_SERVICE. Capabilities outside the Baseline set are reported by
 * `pss/capabilities-baseline` (part of the same pack), so that each problem is reported once.
 * Linux only: pods with `spec.os.name: windows` are exempt.
 */
export const capabilitiesRule: Rule = {
  id: 'pss/capabilities',
  title: 'Containers must drop ALL capabilities and add back only NET_BIND_SERVICE',
  defaultSeverity: 'error',
  rationale: 'Even the runtime\'s default capabilities (CHOWN, DAC_OVERRIDE, SETUID, ...) help an attacker escalate inside a container; Restricted drops all of them and allows only binding low ports.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container and remove every added capability except NET_BIND_SERVICE.',
  references: [
    `Pod Security Standards, Restricted: Capabilities (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: capabilities_restricted',
    'CIS Kubernetes Benchmark v1.8: 5.2.8, 5.2.10',
    'checkov: CKV_K8S_37',
    'Kyverno: disallow-capabilities-strict',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } })] })],
  },
  checkContainer(container, pod) {
    if (isWindowsPod(pod)) return undefined;
    const violations: ContainerViolation[] = [];
    const capabilities = asObject(containerSecurityContext(container)?.capabilities);
    if (!asArray(capabilities?.drop).includes('ALL')) {
      violations.push({
        path: '/securityContext/capabilities/drop',
        message: `The ${describeContainer(container)} does not drop ALL capabilities; set securityContext.capabilities.drop: ["ALL"].`,
      });
    }
    asArray(capabilities?.add).forEach((capability, i) => {
      if (capability !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.includes(capability)) {
        violations.push({
          path: `/securityContext/capabilities/add/${i}`,
          message: `The ${describeContainer(container)} adds capability ${JSON.stringify(capability)}; remove it (Restricted allows adding only NET_BIND_SERVICE).`,
        });
      }
    });
    return violations;
  },
};

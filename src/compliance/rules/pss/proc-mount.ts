import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { ContainerRef } from '../../manifest-index';
import type { ContainerViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

/** The violation of a container whose procMount is neither unset nor `Default`, if any. */
export function procMountViolation(container: ContainerRef): ContainerViolation[] | undefined {
  const value = containerSecurityContext(container)?.procMount;
  if (value === undefined || value === null || value === 'Default') return undefined;
  return [{
    path: '/securityContext/procMount',
    message: `The ${describeContainer(container)} sets securityContext.procMount: ${JSON.stringify(value)}; remove it or set it to Default.`,
  }];
}

/**
 * PSS baseline "/proc Mount Type": `securityContext.procMount` must be undefined or `Default`,
 * except, from v1.35, in a pod with its own user namespace (`hostUsers: false`), which may set
 * any value (check_procMount_baseline.go). Restricted keeps the requirement for those pods
 * (`pss/proc-mount-restricted`).
 */
export const procMountRule: Rule = {
  id: 'pss/proc-mount',
  title: 'Containers must use the default /proc mount (from v1.35: unless the pod sets hostUsers: false)',
  defaultSeverity: 'error',
  rationale: 'The default /proc mount masks and makes read-only the parts of /proc that expose or control the host kernel; Unmasked removes those protections.',
  remediation: 'Remove securityContext.procMount from every container (or set it to Default).',
  references: [
    `Pod Security Standards, Baseline: /proc Mount Type (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: procMount',
    'Kyverno: disallow-proc-mount',
    'kube-linter: unsafe-proc-mount',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { procMount: 'Unmasked' } })] })],
    passing: [exampleDeployment({ hostUsers: false, containers: [exampleContainer({ securityContext: { procMount: 'Unmasked' } })] })],
  },
  checkContainer(container, pod, { options }) {
    if (PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec)) return undefined;
    return procMountViolation(container);
  },
};

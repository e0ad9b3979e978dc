import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

/**
 * PSS baseline "/proc Mount Type": `securityContext.procMount` must be undefined or `Default`.
 * Pod Security Admission can relax this for user-namespaced pods (`hostUsers: false`) when the
 * cluster opts in; a static check cannot know the cluster, so this rule does not relax it.
 */
export const procMountRule: Rule = {
  id: 'pss/proc-mount',
  title: 'Containers must use the default /proc mount',
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
    failing: [exampleDeployment({ hostUsers: false, containers: [exampleContainer({ securityContext: { procMount: 'Unmasked' } })] })],
    passing: [exampleDeployment({ hostUsers: false, containers: [exampleContainer()] })],
  },
  checkContainer(container) {
    const value = containerSecurityContext(container)?.procMount;
    if (value === undefined || value === null || value === 'Default') return undefined;
    return [{
      path: '/securityContext/procMount',
      message: `The ${describeContainer(container)} sets securityContext.procMount: ${JSON.stringify(value)}; remove it or set it to Default.`,
    }];
  },
};

import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

/** PSS baseline "Privileged Containers": `securityContext.privileged` must be undefined or false. */
export const privilegedRule: Rule = {
  id: 'pss/privileged',
  title: 'Containers must not run privileged',
  defaultSeverity: 'error',
  rationale: 'A privileged container has every capability and access to all host devices; it disables most security mechanisms and can take over the node.',
  remediation: 'Remove securityContext.privileged from every container (or set it to false).',
  references: [
    `Pod Security Standards, Baseline: Privileged Containers (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: privileged',
    'CIS Kubernetes Benchmark v1.8: 5.2.2',
    'checkov: CKV_K8S_16',
    'Kyverno: disallow-privileged-containers',
    'Kubescape: C-0057',
    'kube-linter: privileged-container',
    'Polaris: runAsPrivileged',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { privileged: true } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer()] })],
  },
  checkContainer(container) {
    const value = containerSecurityContext(container)?.privileged;
    if (value === undefined || value === null || value === false) return undefined;
    return [{
      path: '/securityContext/privileged',
      message: `The ${describeContainer(container)} sets securityContext.privileged: ${JSON.stringify(value)}; remove it or set it to false.`,
    }];
  },
};

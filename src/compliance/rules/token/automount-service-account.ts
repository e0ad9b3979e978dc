import type { Rule, Violation } from '../../rule';
import { EXAMPLE_NAMESPACE } from '../examples';

/** `token/automount-service-account`: every ServiceAccount sets `automountServiceAccountToken: false`. */
export const AUTOMOUNT_SERVICE_ACCOUNT: Rule = {
  id: 'token/automount-service-account',
  title: 'Every ServiceAccount sets automountServiceAccountToken: false',
  defaultSeverity: 'error',
  rationale: 'A ServiceAccount that allows automount gives an API token to every pod that runs as it and does not opt out, including pods added later by other teams or charts.',
  remediation: 'Set `automountServiceAccountToken: false` on the ServiceAccount; pods that need the API get a projected token instead.',
  references: ['CIS 5.1.5/5.1.6', 'Kyverno restrict-sa-automount-sa-token', 'checkov CKV_K8S_41'],
  examples: {
    failing: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: EXAMPLE_NAMESPACE } }],
    passing: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: EXAMPLE_NAMESPACE }, automountServiceAccountToken: false }],
  },
  check(index) {
    const violations: Violation[] = [];
    for (const sa of index.ofKind('ServiceAccount')) {
      const value = sa.manifest.automountServiceAccountToken;
      if (value === false) continue;
      violations.push({
        objectIndex: sa.index,
        path: '/automountServiceAccountToken',
        message: value === true
          ? 'The ServiceAccount sets automountServiceAccountToken: true. Set it to false.'
          : 'The ServiceAccount does not set automountServiceAccountToken (Kubernetes defaults to true). Set it to false.',
      });
    }
    return violations;
  },
};

import { LegacyTokenSecret } from '../../../k8s/legacy-token-secret';
import type { Rule, Violation } from '../../rule';
import { EXAMPLE_NAMESPACE, exampleServiceAccount } from '../examples';

/** `token/legacy-token-secret`: no Secret of type `kubernetes.io/service-account-token`. */
export const LEGACY_TOKEN_SECRET: Rule = {
  id: 'token/legacy-token-secret',
  title: 'No Secret of type kubernetes.io/service-account-token',
  defaultSeverity: 'error',
  rationale: 'Since Kubernetes 1.24 no long-lived token Secrets are generated. A Secret of this type makes the control plane mint a token that never expires and is readable by anyone who can read Secrets in the namespace: a standing credential.',
  remediation: 'Delete the Secret. Pods get a projected, short-lived token (serviceAccountToken volume source); external clients use the TokenRequest API (`kubectl create token`).',
  references: ['Kyverno deny-secret-service-account-token-type'],
  examples: {
    failing: [
      exampleServiceAccount('ci-deployer'),
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'ci-deployer-token', namespace: EXAMPLE_NAMESPACE, annotations: { 'kubernetes.io/service-account.name': 'ci-deployer' } },
        type: 'kubernetes.io/service-account-token',
      },
    ],
    passing: [exampleServiceAccount('ci-deployer')],
  },
  check(index) {
    const violations: Violation[] = [];
    for (const secret of index.ofKind('Secret')) {
      if (secret.manifest.type !== LegacyTokenSecret.TYPE) continue;
      const sa = secret.manifest.metadata.annotations?.[LegacyTokenSecret.ACCOUNT_ANNOTATION];
      violations.push({
        objectIndex: secret.index,
        path: '/type',
        message: `Secret of type kubernetes.io/service-account-token is a long-lived API token${sa ? ` for ServiceAccount '${sa}'` : ''}. Remove it and use projected short-lived tokens or the TokenRequest API.`,
      });
    }
    return violations;
  },
};

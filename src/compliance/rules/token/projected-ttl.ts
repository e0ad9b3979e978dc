import { TokenLifetime } from '../../../k8s/token-lifetime';
import { ProjectedTokenRef, projectedTokens } from '../../pod-tokens';
import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount, exampleTokenMount, exampleTokenVolume } from '../examples';

/** How the messages name a token (built only for a finding). */
function tokenLabel(token: ProjectedTokenRef): string {
  return `Projected token in volume '${token.volumeName}'`;
}

/** `token/projected-ttl`: projected tokens live between 600 s and the maximum (default 3600 s). */
export const PROJECTED_TTL: Rule = {
  id: 'token/projected-ttl',
  title: 'Projected tokens: 600 <= expirationSeconds <= max (default 3600); 3607 is an error',
  defaultSeverity: 'error',
  rationale: 'A projected token is only as safe as it is short-lived: a stolen token works until it expires. Kubernetes rejects lifetimes under 600 s, and a lifetime of exactly 3607 s is a sentinel that the API server silently extends to one year for tokens of the API server\'s audience (a token for another audience, such as Vault\'s, is not extended).',
  remediation: 'Set `expirationSeconds` on the serviceAccountToken projection between 600 and the configured maximum (default 3600), and never to 3607. The kubelet refreshes the file at 80% of the lifetime and client-go re-reads it, so short lifetimes cost nothing.',
  references: ['none: no peer checks this'],
  examples: {
    failing: [
      exampleServiceAccount(),
      exampleDeployment({
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        containers: [exampleContainer({ volumeMounts: [exampleTokenMount('api-token')] })],
        volumes: [exampleTokenVolume('api-token', { expirationSeconds: 86400 })],
      }),
    ],
    passing: [
      exampleServiceAccount(),
      exampleDeployment({
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        containers: [exampleContainer({ volumeMounts: [exampleTokenMount('api-token')] })],
        volumes: [exampleTokenVolume('api-token', { expirationSeconds: 3600 })],
      }),
    ],
  },
  checkPod(pod, { options }) {
    const max = options.maxTokenTtlSeconds;
    const { MIN_SECONDS, DEFAULT_SECONDS, EXTENDED_SENTINEL_SECONDS } = TokenLifetime;
    const violations: PodViolation[] = [];
    for (const token of projectedTokens(pod)) {
      const raw = token.source.expirationSeconds;
      const ttl = raw === undefined || raw === null ? DEFAULT_SECONDS : raw;
      let message: string | undefined;
      if (!Number.isInteger(ttl)) {
        message = `${tokenLabel(token)} has expirationSeconds ${JSON.stringify(raw)}; it must be an integer number of seconds between ${MIN_SECONDS} and ${max}.`;
      } else if (ttl === EXTENDED_SENTINEL_SECONDS && token.apiServer) {
        // The extension applies to pod-bound tokens of the API server's audiences only (token.go, isKubeAudiences).
        message = `${tokenLabel(token)} has expirationSeconds ${EXTENDED_SENTINEL_SECONDS}: with the default --service-account-extend-token-expiration the API server extends such an API-audience token to one year. Use any other value between ${MIN_SECONDS} and ${max}.`;
      } else if (ttl < MIN_SECONDS) {
        message = `${tokenLabel(token)} has expirationSeconds ${ttl}, below the Kubernetes minimum of ${MIN_SECONDS}; the API server rejects it. Use a value between ${MIN_SECONDS} and ${max}.`;
      } else if (ttl > max) {
        const unset = raw === undefined || raw === null ? ` (unset, so Kubernetes uses ${DEFAULT_SECONDS})` : '';
        message = `${tokenLabel(token)} lives ${ttl}s${unset}, above the maximum of ${max}s. Set expirationSeconds between ${MIN_SECONDS} and ${max}.`;
      }
      if (message) violations.push({ path: `${token.path}/expirationSeconds`, message, target: token.volumeName });
    }
    return violations;
  },
};

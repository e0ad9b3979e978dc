import { ProjectedTokenRef, projectedTokens } from './pod-token';
import type { Rule, Violation } from '../../rule';

/** Kubernetes rejects projected tokens below 10 minutes. */
const MIN_TTL_SECONDS = 600;
/** What Kubernetes uses when `expirationSeconds` is unset. */
const DEFAULT_TTL_SECONDS = 3600;
/**
 * With the default `--service-account-extend-token-expiration`, a 3607 s token is silently
 * extended to one year (the migration path for legacy clients), so it is never short-lived.
 */
const EXTENDED_SENTINEL_SECONDS = 3607;

/** How the messages name a token (built only for a finding). */
function tokenLabel(token: ProjectedTokenRef): string {
  return `Projected token in volume '${token.volumeName}'`;
}

/** `token/projected-ttl`: projected tokens live between 600 s and the maximum (default 3600 s). */
export const PROJECTED_TTL: Rule = {
  id: 'token/projected-ttl',
  title: 'Projected tokens: 600 <= expirationSeconds <= max (default 3600); 3607 is an error',
  defaultSeverity: 'error',
  scope: 'pod',
  rationale: 'A projected token is only as safe as it is short-lived: a stolen token works until it expires. Kubernetes rejects lifetimes under 600 s, and a lifetime of exactly 3607 s is a sentinel that the API server silently extends to one year.',
  remediation: 'Set `expirationSeconds` on the serviceAccountToken projection between 600 and the configured maximum (default 3600), and never to 3607. The kubelet refreshes the file at 80% of the lifetime and client-go re-reads it, so short lifetimes cost nothing.',
  references: ['none: no peer checks this'],
  check(index, options) {
    const max = options.maxTokenTtlSeconds;
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      for (const token of projectedTokens(pod)) {
        const raw = token.source.expirationSeconds;
        const ttl = raw === undefined || raw === null ? DEFAULT_TTL_SECONDS : raw;
        let message: string | undefined;
        if (!Number.isInteger(ttl)) {
          message = `${tokenLabel(token)} has expirationSeconds ${JSON.stringify(raw)}; it must be an integer number of seconds between ${MIN_TTL_SECONDS} and ${max}.`;
        } else if (ttl === EXTENDED_SENTINEL_SECONDS) {
          message = `${tokenLabel(token)} has expirationSeconds 3607: with the default --service-account-extend-token-expiration the API server extends such a token to one year. Use any other value between ${MIN_TTL_SECONDS} and ${max}.`;
        } else if (ttl < MIN_TTL_SECONDS) {
          message = `${tokenLabel(token)} has expirationSeconds ${ttl}, below the Kubernetes minimum of ${MIN_TTL_SECONDS}; the API server rejects it. Use a value between ${MIN_TTL_SECONDS} and ${max}.`;
        } else if (ttl > max) {
          const unset = raw === undefined || raw === null ? ' (unset, so Kubernetes uses 3600)' : '';
          message = `${tokenLabel(token)} lives ${ttl}s${unset}, above the maximum of ${max}s. Set expirationSeconds between ${MIN_TTL_SECONDS} and ${max}.`;
        }
        if (message) violations.push({ objectIndex: pod.owner.index, path: `${token.path}/expirationSeconds`, message, target: token.volumeName });
      }
    }
    return violations;
  },
};

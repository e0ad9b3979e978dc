import type { Duration } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { PropertyError } from '../errors';
import { TokenLifetime } from '../k8s/token-lifetime';

/**
 * Turns a token lifetime into whole seconds, refusing what Kubernetes refuses and the 3607 s
 * sentinel. Shared by every construct that emits a projected token.
 */
export function tokenExpirationSeconds(typeName: string, scope: IConstruct | string, property: string, expiration: Duration | undefined): number {
  const { MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS, EXTENDED_SENTINEL_SECONDS } = TokenLifetime;
  if (expiration === undefined) return DEFAULT_SECONDS;
  let seconds: number;
  try {
    seconds = expiration.toSeconds();
  } catch {
    throw new PropertyError(typeName, scope, property, `${expiration.toHumanString()} is not a whole number of seconds (allowed: ${MIN_SECONDS}..${MAX_SECONDS} seconds, never ${EXTENDED_SENTINEL_SECONDS})`);
  }
  if (!Number.isInteger(seconds)) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is not a whole number of seconds (allowed: ${MIN_SECONDS}..${MAX_SECONDS} seconds, never ${EXTENDED_SENTINEL_SECONDS})`);
  }
  const problem = TokenLifetime.problem(seconds);
  if (problem) throw new PropertyError(typeName, scope, property, problem);
  if (seconds === EXTENDED_SENTINEL_SECONDS) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is refused: with the default --service-account-extend-token-expiration the API server silently extends a ${EXTENDED_SENTINEL_SECONDS}s token to one year. Use ${DEFAULT_SECONDS}s or any other value in ${MIN_SECONDS}..${MAX_SECONDS} seconds`);
  }
  return seconds;
}

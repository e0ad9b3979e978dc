import type { Duration } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { PropertyError } from '../errors';

/** Kubernetes refuses projected tokens shorter than this (TokenRequest validation). */
export const MIN_TOKEN_SECONDS = 600;
/** Kubernetes refuses projected tokens longer than 2^32 seconds. */
export const MAX_TOKEN_SECONDS = 2 ** 32;
/**
 * The API server silently extends a 3607 s API-audience token to one year when
 * `--service-account-extend-token-expiration` is on (the default), so we never emit it.
 */
export const EXTENDED_TOKEN_SENTINEL_SECONDS = 3607;
/** The default lifetime we emit: the Kubernetes default, and short. */
export const DEFAULT_TOKEN_SECONDS = 3600;

/**
 * Turns a token lifetime into whole seconds, refusing what Kubernetes refuses and the 3607 s
 * sentinel. Shared by every construct that emits a projected token.
 */
export function tokenExpirationSeconds(typeName: string, scope: IConstruct | string, property: string, expiration: Duration | undefined): number {
  if (expiration === undefined) return DEFAULT_TOKEN_SECONDS;
  let seconds: number;
  try {
    seconds = expiration.toSeconds();
  } catch {
    throw new PropertyError(typeName, scope, property, `${expiration.toHumanString()} is not a whole number of seconds (allowed: ${MIN_TOKEN_SECONDS}..${MAX_TOKEN_SECONDS} seconds, never ${EXTENDED_TOKEN_SENTINEL_SECONDS})`);
  }
  if (!Number.isInteger(seconds)) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is not a whole number of seconds (allowed: ${MIN_TOKEN_SECONDS}..${MAX_TOKEN_SECONDS} seconds, never ${EXTENDED_TOKEN_SENTINEL_SECONDS})`);
  }
  if (seconds < MIN_TOKEN_SECONDS) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is below the Kubernetes minimum of ${MIN_TOKEN_SECONDS}s (allowed: ${MIN_TOKEN_SECONDS}..${MAX_TOKEN_SECONDS} seconds)`);
  }
  if (seconds > MAX_TOKEN_SECONDS) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is above the Kubernetes maximum of ${MAX_TOKEN_SECONDS}s (2^32) (allowed: ${MIN_TOKEN_SECONDS}..${MAX_TOKEN_SECONDS} seconds)`);
  }
  if (seconds === EXTENDED_TOKEN_SENTINEL_SECONDS) {
    throw new PropertyError(typeName, scope, property, `${seconds}s is refused: with the default --service-account-extend-token-expiration the API server silently extends a ${EXTENDED_TOKEN_SENTINEL_SECONDS}s token to one year. Use ${DEFAULT_TOKEN_SECONDS}s or any other value in ${MIN_TOKEN_SECONDS}..${MAX_TOKEN_SECONDS} seconds`);
  }
  return seconds;
}

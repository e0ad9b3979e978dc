/**
 * The lifetime bounds of a projected ServiceAccount token (`expirationSeconds`), as the API
 * server's TokenRequest validation and token issuer define them. Every construct, rule, command
 * and policy that reads or writes a lifetime uses these.
 */
export const TokenLifetime = {
  /** The API server refuses shorter tokens (TokenRequest validation: at least 10 minutes). */
  MIN_SECONDS: 600,
  /** The API server refuses longer tokens (2^32 seconds). */
  MAX_SECONDS: 2 ** 32,
  /** What Kubernetes uses when `expirationSeconds` is unset; also the lifetime we emit by default. */
  DEFAULT_SECONDS: 3600,
  /**
   * With the default `--service-account-extend-token-expiration`, an API-audience token asking
   * for exactly 3607 s is silently extended to one year (the automount migration path): never
   * short-lived, so never emitted and always reported.
   */
  EXTENDED_SENTINEL_SECONDS: 3607,

  /**
   * Why `seconds` cannot be a projected token's lifetime, or undefined when Kubernetes accepts it
   * (the 3607 s sentinel is accepted by Kubernetes; callers that refuse it check it themselves).
   */
  problem(seconds: number): string | undefined {
    const range = `allowed: ${TokenLifetime.MIN_SECONDS}..${TokenLifetime.MAX_SECONDS} seconds`;
    if (!Number.isInteger(seconds)) return `${seconds}s is not a whole number of seconds (${range})`;
    if (seconds < TokenLifetime.MIN_SECONDS) return `${seconds}s is below the Kubernetes minimum of ${TokenLifetime.MIN_SECONDS}s (${range})`;
    if (seconds > TokenLifetime.MAX_SECONDS) return `${seconds}s is above the Kubernetes maximum of ${TokenLifetime.MAX_SECONDS}s (2^32) (${range})`;
    return undefined;
  },
} as const;

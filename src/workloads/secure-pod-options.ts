import type { Duration } from 'cdk8s';

/** Which containers get the projected API credentials, and for how long. */
export interface ApiAccessOptions {
  /** Names of the containers (regular or init) that call the API server. At least one. */
  readonly containers: string[];

  /**
   * Token lifetime (600 s to 2^32 s, never 3607 s).
   *
   * @default Duration.hours(1)
   */
  readonly expiration?: Duration;
}

/** A projected token for another audience (Vault, a cloud IAM, ...). */
export interface AudienceTokenOptions {
  /** The audience the token is issued for, e.g. `vault` or `sts.amazonaws.com`. */
  readonly audience: string;

  /** Names of the containers that receive the token. At least one. */
  readonly containers: string[];

  /**
   * Token lifetime (600 s to 2^32 s, never 3607 s).
   *
   * @default Duration.hours(1)
   */
  readonly expiration?: Duration;

  /**
   * Directory the token is mounted at (read-only).
   *
   * @default `/var/run/secrets/tokens/<volumeName>`
   */
  readonly mountPath?: string;

  /**
   * File name of the token inside `mountPath`.
   *
   * @default 'token'
   */
  readonly fileName?: string;

  /**
   * Name of the pod volume.
   *
   * @default `token-<audience as a DNS label>`
   */
  readonly volumeName?: string;
}

/**
 * The token options every secure workload (`SecureDeployment`, `SecureStatefulSet`,
 * `SecureDaemonSet`, `SecureJob`, `SecureCronJob`, `SecurePod`) adds to its cdk8s-plus props.
 */
export interface SecurePodOptions {
  /**
   * Projected, short-lived API credentials (token, CA, namespace) mounted only into the named
   * containers, at the path in-cluster clients expect.
   *
   * @default - no container can call the API server
   */
  readonly apiAccess?: ApiAccessOptions;

  /**
   * Projected tokens for other audiences, each mounted only into the containers it names.
   *
   * @default - none
   */
  readonly audienceTokens?: AudienceTokenOptions[];
}

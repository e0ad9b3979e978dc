import type { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { PodHardening } from './pod-hardening';
import { PropertyError } from '../errors';
import { ApiCredentials } from '../identity/api-credentials';
import { SecureServiceAccount } from '../identity/secure-service-account';
import { tokenExpirationSeconds } from '../identity/token-expiration';
import { definedMetadata } from '../metadata';

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

/** Options for `SecureDeployment`: every cdk8s-plus Deployment option, plus token access. */
export interface SecureDeploymentProps extends kplus.DeploymentProps {
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

const TYPE = 'SecureDeployment';

/**
 * A cdk8s-plus Deployment whose pods are Pod Security "restricted" and hold no standing
 * credential. Out of the box:
 *
 * - a dedicated `SecureServiceAccount` is created when none is given (`default` is refused);
 * - `automountServiceAccountToken: false` on the pod;
 * - `runAsNonRoot`, user/group/fsGroup 65532 unless given (never 0);
 * - every container: no privilege escalation, not privileged, all capabilities dropped,
 *   RuntimeDefault seccomp, read-only root filesystem, resource requests and limits;
 * - API access only through `apiAccess`: a projected token mounted only into the named containers.
 *
 * Explicit values that break "restricted" are refused with an error; the only accepted weakening
 * is `readOnlyRootFilesystem: false` on a container, which the compliance pack reports.
 */
export class SecureDeployment extends kplus.Deployment {
  /** The ServiceAccount the pods run as (created here unless given). */
  public readonly secureServiceAccount?: SecureServiceAccount;
  private readonly credentials: ApiCredentials[] = [];

  constructor(scope: Construct, id: string, props: SecureDeploymentProps = {}) {
    const path = `${scope.node.path}/${id}`.replace(/^\//, '');
    if (props.automountServiceAccountToken === true) {
      throw new PropertyError(TYPE, path, 'automountServiceAccountToken', 'true is refused: it hands a long-lived token to every container. Use apiAccess to mount a short-lived token into the containers that need it');
    }
    if (props.hostNetwork === true) {
      throw new PropertyError(TYPE, path, 'hostNetwork', 'true is refused: host namespaces break Pod Security "baseline" (allowed: false or unset)');
    }
    if (props.serviceAccount?.name === 'default') {
      throw new PropertyError(TYPE, path, 'serviceAccount', '\'default\' is refused: give the workload its own ServiceAccount (or omit it and one is created)');
    }
    if (props.serviceAccount instanceof kplus.ServiceAccount && props.serviceAccount.automountToken) {
      throw new PropertyError(TYPE, path, 'serviceAccount', `'${props.serviceAccount.name}' has automountToken true; use a SecureServiceAccount (automount is always false)`);
    }
    super(scope, id, {
      ...props,
      metadata: definedMetadata(props.metadata),
      automountServiceAccountToken: false,
      securityContext: PodHardening.podSecurityContext(TYPE, path, props.securityContext),
    });

    if (!props.serviceAccount) {
      const serviceAccount = new SecureServiceAccount(this, 'ServiceAccount', {
        metadata: { namespace: props.metadata?.namespace },
      });
      // AbstractPod reads `serviceAccount` only when rendering, so setting it here is enough.
      Object.defineProperty(this, 'serviceAccount', { value: serviceAccount });
      this.secureServiceAccount = serviceAccount;
    } else if (props.serviceAccount instanceof SecureServiceAccount) {
      this.secureServiceAccount = props.serviceAccount;
    }

    if (props.apiAccess) this.addApiAccess(props.apiAccess);
    for (const token of props.audienceTokens ?? []) this.addAudienceToken(token);
  }

  /** Adds a container with Pod Security "restricted" defaults (explicit weakening is refused). */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return super.addContainer(PodHardening.container(TYPE, this, cont));
  }

  /** Adds an init container with Pod Security "restricted" defaults. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return super.addInitContainer(PodHardening.container(TYPE, this, cont));
  }

  /**
   * Mounts projected API credentials (token, `ca.crt`, `namespace`) read-only at
   * `/var/run/secrets/kubernetes.io/serviceaccount` in the named containers only.
   * A pod has at most one set of API credentials.
   */
  public addApiAccess(options: ApiAccessOptions): ApiCredentials {
    tokenExpirationSeconds(TYPE, this, 'apiAccess.expiration', options.expiration);
    if (this.credentials.some(c => c.audience === undefined)) {
      throw new PropertyError(TYPE, this, 'apiAccess', 'is already set: a pod has one set of API credentials (list every container that needs them in one call)');
    }
    const credentials = new ApiCredentials(this, 'ApiCredentials', { containers: options.containers, expiration: options.expiration });
    this.credentials.push(credentials);
    return credentials;
  }

  /** Mounts a projected token for another audience into the named containers only. */
  public addAudienceToken(options: AudienceTokenOptions): ApiCredentials {
    tokenExpirationSeconds(TYPE, this, `audienceTokens['${options.audience}'].expiration`, options.expiration);
    if (this.credentials.some(c => c.audience === options.audience)) {
      throw new PropertyError(TYPE, this, 'audienceTokens', `names audience '${options.audience}' twice`);
    }
    const id = `Token-${options.audience}`.replace(/\//g, '-');
    const credentials = new ApiCredentials(this, id, options);
    this.credentials.push(credentials);
    return credentials;
  }

  /** The projected tokens of this pod (API credentials and audience tokens). */
  public get projectedTokens(): ApiCredentials[] {
    return [...this.credentials];
  }
}

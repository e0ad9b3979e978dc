import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { PodHardening } from './pod-hardening';
import type { ApiAccessOptions, AudienceTokenOptions, SecurePodOptions } from './secure-pod-options';
import { PropertyError } from '../errors';
import { ApiCredentials } from '../identity/api-credentials';
import { SecureServiceAccount } from '../identity/secure-service-account';
import { tokenExpirationSeconds } from '../identity/token-expiration';
import { definedMetadata } from '../metadata';

/** The props every secure workload takes: a cdk8s-plus pod's, plus the token options. */
type SecurePodProps = kplus.AbstractPodProps & SecurePodOptions;

/**
 * The one implementation of what makes a cdk8s-plus pod (of any kind) secure, used by every
 * secure workload class; they differ only in the cdk8s-plus class they extend.
 *
 * - `podProps` (before the cdk8s-plus constructor): refuses automount, host networking, the
 *   `default` ServiceAccount and any ServiceAccount that is not a `SecureServiceAccount`; sets
 *   automount off and the restricted pod security context.
 * - the constructor (after it): the dedicated ServiceAccount and the projected tokens.
 * - `PodHardening.container` (in `attachContainer`/`addInitContainer`): every container.
 */
export class SecurePodSpec {
  /** The given props, validated, with automount off and the restricted pod security context. */
  public static podProps<T extends SecurePodProps>(typeName: string, scope: Construct, id: string, props: T): T {
    const path = `${scope.node.path}/${id}`.replace(/^\//, '');
    if (props.automountServiceAccountToken === true) {
      throw new PropertyError(typeName, path, 'automountServiceAccountToken', 'true is refused: it hands a long-lived token to every container. Use apiAccess to mount a short-lived token into the containers that need it');
    }
    if (props.hostNetwork === true) {
      throw new PropertyError(typeName, path, 'hostNetwork', 'true is refused: host namespaces break Pod Security "baseline" (allowed: false or unset)');
    }
    const serviceAccount = props.serviceAccount;
    if (serviceAccount?.name === 'default') {
      throw new PropertyError(typeName, path, 'serviceAccount', '\'default\' is refused: give the workload its own ServiceAccount (or omit it and one is created)');
    }
    if (serviceAccount instanceof kplus.ServiceAccount && serviceAccount.automountToken) {
      throw new PropertyError(typeName, path, 'serviceAccount', `'${serviceAccount.name}' has automountToken true; use a SecureServiceAccount (automount is always false)`);
    }
    if (serviceAccount !== undefined && !(serviceAccount instanceof SecureServiceAccount)) {
      // Only a SecureServiceAccount is known to stay automount-free and Secret-free, and it is
      // what `secureServiceAccount` (always defined) returns for grants.
      throw new PropertyError(typeName, path, 'serviceAccount', `'${serviceAccount.name}' is not a SecureServiceAccount (allowed: a SecureServiceAccount, or omit it and one is created)`);
    }
    return {
      ...props,
      metadata: definedMetadata(props.metadata),
      automountServiceAccountToken: false,
      securityContext: PodHardening.podSecurityContext(typeName, path, props.securityContext),
    };
  }

  /** The ServiceAccount the pods run as: the given one, or one created for the workload. */
  public readonly serviceAccount: SecureServiceAccount;
  private readonly credentials: ApiCredentials[] = [];

  /**
   * Run after the cdk8s-plus constructor: creates the ServiceAccount unless one was given, then
   * mounts `apiAccess` and `audienceTokens`.
   */
  constructor(private readonly typeName: string, private readonly pod: kplus.AbstractPod, props: SecurePodProps) {
    if (props.serviceAccount instanceof SecureServiceAccount) {
      this.serviceAccount = props.serviceAccount;
    } else {
      this.serviceAccount = new SecureServiceAccount(pod, 'ServiceAccount', {
        metadata: { namespace: props.metadata?.namespace },
      });
      // AbstractPod reads `serviceAccount` only when rendering, so setting it here is enough.
      Object.defineProperty(pod, 'serviceAccount', { value: this.serviceAccount });
    }
    if (props.apiAccess) this.addApiAccess(props.apiAccess);
    for (const token of props.audienceTokens ?? []) this.addAudienceToken(token);
  }

  /** See `SecureDeployment.addApiAccess`. */
  public addApiAccess(options: ApiAccessOptions): ApiCredentials {
    tokenExpirationSeconds(this.typeName, this.pod, 'apiAccess.expiration', options.expiration);
    if (this.credentials.some(c => c.audience === undefined)) {
      throw new PropertyError(this.typeName, this.pod, 'apiAccess', 'is already set: a pod has one set of API credentials (list every container that needs them in one call)');
    }
    const credentials = new ApiCredentials(this.pod, 'ApiCredentials', { containers: options.containers, expiration: options.expiration });
    this.credentials.push(credentials);
    return credentials;
  }

  /** See `SecureDeployment.addAudienceToken`. */
  public addAudienceToken(options: AudienceTokenOptions): ApiCredentials {
    tokenExpirationSeconds(this.typeName, this.pod, `audienceTokens['${options.audience}'].expiration`, options.expiration);
    if (this.credentials.some(c => c.audience === options.audience)) {
      throw new PropertyError(this.typeName, this.pod, 'audienceTokens', `names audience '${options.audience}' twice`);
    }
    const id = `Token-${options.audience}`.replace(/\//g, '-');
    const credentials = new ApiCredentials(this.pod, id, options);
    this.credentials.push(credentials);
    return credentials;
  }

  /** The projected tokens of the pod (API credentials and audience tokens). */
  public get projectedTokens(): ApiCredentials[] {
    return [...this.credentials];
  }
}

import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { PodHardening } from './pod-hardening';
import type { ApiAccessOptions, AudienceTokenOptions, SecurePodOptions } from './secure-pod-options';
import { SecurePodSpec } from './secure-pod-spec';
import type { ApiCredentials } from '../identity/api-credentials';
import type { SecureServiceAccount } from '../identity/secure-service-account';

/** Options for `SecureDaemonSet`: every cdk8s-plus DaemonSet option, plus token access. */
export interface SecureDaemonSetProps extends kplus.DaemonSetProps, SecurePodOptions {}

const TYPE = 'SecureDaemonSet';

/**
 * A cdk8s-plus DaemonSet whose pods are Pod Security "restricted" and hold no standing
 * credential, with exactly the defaults, opt-outs and errors of `SecureDeployment` (so no host
 * network, host paths or privileged node agents: those need a namespace that is not "restricted").
 */
export class SecureDaemonSet extends kplus.DaemonSet {
  /** The ServiceAccount the pods run as (created here unless given). */
  public readonly secureServiceAccount: SecureServiceAccount;
  private readonly secureSpec: SecurePodSpec;

  constructor(scope: Construct, id: string, props: SecureDaemonSetProps = {}) {
    super(scope, id, SecurePodSpec.podProps(TYPE, scope, id, props));
    this.secureSpec = new SecurePodSpec(TYPE, this, props);
    this.secureServiceAccount = this.secureSpec.serviceAccount;
  }

  /** Attaches a container, hardened in place to Pod Security "restricted" (explicit weakening is refused). */
  public attachContainer(cont: kplus.Container): void {
    super.attachContainer(PodHardening.container(TYPE, this, cont));
  }

  /** Adds an init container with Pod Security "restricted" defaults (explicit weakening is refused). */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return PodHardening.container(TYPE, this, super.addInitContainer(cont));
  }

  /**
   * Mounts projected API credentials (token, `ca.crt`, `namespace`) read-only at
   * `/var/run/secrets/kubernetes.io/serviceaccount` in the named containers only.
   * A pod has at most one set of API credentials.
   */
  public addApiAccess(options: ApiAccessOptions): ApiCredentials {
    return this.secureSpec.addApiAccess(options);
  }

  /** Mounts a projected token for another audience into the named containers only. */
  public addAudienceToken(options: AudienceTokenOptions): ApiCredentials {
    return this.secureSpec.addAudienceToken(options);
  }

  /** The projected tokens of this pod (API credentials and audience tokens). */
  public get projectedTokens(): ApiCredentials[] {
    return this.secureSpec.projectedTokens;
  }
}

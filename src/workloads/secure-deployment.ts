import * as kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { PodHardening } from './pod-hardening';
import type { ApiAccessOptions, AudienceTokenOptions, SecurePodOptions } from './secure-pod-options';
import { SecurePodSpec } from './secure-pod-spec';
import type { ApiCredentials } from '../identity/api-credentials';
import type { SecureServiceAccount } from '../identity/secure-service-account';

/** Options for `SecureDeployment`: every cdk8s-plus Deployment option, plus token access. */
export interface SecureDeploymentProps extends kplus.DeploymentProps, SecurePodOptions {}

const TYPE = 'SecureDeployment';

/**
 * A cdk8s-plus Deployment whose pods are Pod Security "restricted" and hold no standing
 * credential. Out of the box:
 *
 * - a dedicated `SecureServiceAccount` is created when none is given (`default`, and any
 *   ServiceAccount that is not a `SecureServiceAccount`, is refused);
 * - `automountServiceAccountToken: false` on the pod;
 * - `runAsNonRoot`, user/group/fsGroup 65532 unless given (never 0);
 * - every container, including those added later (`addContainer`, `attachContainer`,
 *   `addInitContainer`): no privilege escalation, not privileged, all capabilities dropped,
 *   RuntimeDefault seccomp, read-only root filesystem, resource requests and limits;
 * - API access only through `apiAccess`: a projected token mounted only into the named containers.
 *
 * Explicit values that break "restricted" are refused with an error; the only accepted weakening
 * is `readOnlyRootFilesystem: false` on a container, which the compliance pack reports.
 * `SecureStatefulSet`, `SecureDaemonSet`, `SecureJob`, `SecureCronJob` and `SecurePod` do the same.
 */
export class SecureDeployment extends kplus.Deployment {
  /** The ServiceAccount the pods run as (created here unless given). */
  public readonly secureServiceAccount: SecureServiceAccount;
  private readonly secureSpec: SecurePodSpec;

  constructor(scope: Construct, id: string, props: SecureDeploymentProps = {}) {
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

import type * as kplus from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { PodHardening } from './pod-hardening';

/**
 * Pod Security "restricted" hardening for a single cdk8s-plus container.
 *
 * The secure workloads (`SecureDeployment`, `SecureStatefulSet`, `SecureDaemonSet`,
 * `SecureJob`, `SecureCronJob`, `SecurePod`) already harden every container they get, whenever
 * it is added (`containers`, `initContainers`, `addContainer`, `addInitContainer`,
 * `attachContainer`). Use this for a container of a plain cdk8s-plus workload, for example one
 * built by a third-party construct:
 *
 * ```ts
 * SecureContainer.harden(job, job.addContainer({ image: 'ghcr.io/acme/tool:1.0' }));
 * ```
 *
 * The pod-level settings (automount off, non-root pod security context, a dedicated
 * ServiceAccount) are not the container's: a plain workload still needs them, which is what
 * the secure workloads add.
 */
export class SecureContainer {
  /**
   * Hardens the container in place and returns it: `runAsNonRoot`, `privileged: false`,
   * `allowPrivilegeEscalation: false`, `readOnlyRootFilesystem: true` (unless explicitly false),
   * `capabilities.drop: [ALL]` and `seccompProfile: RuntimeDefault` (unless Localhost).
   * Running it twice changes nothing.
   *
   * @param scope the construct named in errors (usually the workload the container belongs to)
   * @param container the container to harden
   * @throws PropertyError for an explicit value that breaks "restricted" (privileged, privilege
   * escalation, `runAsNonRoot: false`, user 0, an added capability other than NET_BIND_SERVICE,
   * `Unconfined` seccomp)
   */
  public static harden(scope: IConstruct, container: kplus.Container): kplus.Container {
    return PodHardening.container('SecureContainer', scope, container);
  }

  private constructor() {}
}

import * as kplus from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { PropertyError } from '../errors';

/**
 * A non-root UID and GID that exist in distroless "nonroot" images. Running every container of
 * the pod as the same non-zero user also makes the kubelet write the projected token file
 * readable by that user only (mode 0600).
 */
export const DEFAULT_RUN_AS_ID = 65532;

/** The only capability Pod Security "restricted" lets a container add. */
const ALLOWED_ADDED_CAPABILITIES = new Set<string>([kplus.Capability.NET_BIND_SERVICE]);

/**
 * Pod Security "restricted" defaults for cdk8s-plus pod and container props, and the checks that
 * refuse explicit values that would break it. Shared by every secure workload (`SecurePodSpec`)
 * and `SecureContainer`.
 */
export class PodHardening {
  /**
   * The pod security context: non-root, a non-zero user and group (and fsGroup) defaulting to
   * 65532. Refuses `ensureNonRoot: false` and user 0.
   */
  public static podSecurityContext(
    typeName: string, scope: IConstruct | string, given: kplus.PodSecurityContextProps = {},
  ): kplus.PodSecurityContextProps {
    if (given.ensureNonRoot === false) {
      throw new PropertyError(typeName, scope, 'securityContext.ensureNonRoot', 'false is refused: Pod Security "restricted" requires runAsNonRoot (allowed: true or unset)');
    }
    if (given.user === 0) {
      throw new PropertyError(typeName, scope, 'securityContext.user', '0 (root) is refused: Pod Security "restricted" forbids runAsUser 0 (allowed: any non-zero UID; default 65532)');
    }
    return {
      ...given,
      ensureNonRoot: true,
      user: given.user ?? DEFAULT_RUN_AS_ID,
      group: given.group ?? DEFAULT_RUN_AS_ID,
      fsGroup: given.fsGroup ?? DEFAULT_RUN_AS_ID,
    };
  }

  /**
   * Hardens a container in place with "restricted" security defaults: non-root, no privilege
   * escalation, not privileged, read-only root filesystem, all capabilities dropped,
   * RuntimeDefault seccomp. Explicit values that break "restricted" are refused;
   * `readOnlyRootFilesystem: false` is the one accepted weakening (it is a hardening
   * recommendation, reported as a warning). Idempotent. Returns the container.
   *
   * It reads the container's security context as cdk8s-plus built it (cdk8s-plus has already
   * turned unset fields into its own secure defaults, so a weak value here was given explicitly)
   * and replaces it: cdk8s-plus renders `securityContext` only at synth time.
   */
  public static container(typeName: string, scope: IConstruct, container: kplus.Container): kplus.Container {
    const where = `containers['${container.name}'].securityContext`;
    const sc = container.securityContext;
    if (sc.privileged === true) {
      throw new PropertyError(typeName, scope, `${where}.privileged`, 'true is refused: privileged containers break Pod Security "baseline" (allowed: false or unset)');
    }
    if (sc.allowPrivilegeEscalation === true) {
      throw new PropertyError(typeName, scope, `${where}.allowPrivilegeEscalation`, 'true is refused: Pod Security "restricted" requires false (allowed: false or unset)');
    }
    if (sc.ensureNonRoot === false) {
      throw new PropertyError(typeName, scope, `${where}.ensureNonRoot`, 'false is refused: Pod Security "restricted" requires runAsNonRoot (allowed: true or unset)');
    }
    if (sc.user === 0) {
      throw new PropertyError(typeName, scope, `${where}.user`, '0 (root) is refused: Pod Security "restricted" forbids runAsUser 0 (allowed: a non-zero UID or unset)');
    }
    if (sc.seccompProfile?.type === kplus.SeccompProfileType.UNCONFINED) {
      throw new PropertyError(typeName, scope, `${where}.seccompProfile.type`, '\'Unconfined\' is refused: Pod Security "restricted" requires RuntimeDefault or Localhost');
    }
    const added = sc.capabilities?.add ?? [];
    const forbidden = added.filter(c => !ALLOWED_ADDED_CAPABILITIES.has(c));
    if (forbidden.length > 0) {
      throw new PropertyError(typeName, scope, `${where}.capabilities.add`, `[${forbidden.join(', ')}] is refused: Pod Security "restricted" allows adding only NET_BIND_SERVICE`);
    }
    const drop = sc.capabilities?.drop ?? [];
    const hardened = new kplus.ContainerSecurityContext({
      ensureNonRoot: true,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? true,
      user: sc.user,
      group: sc.group,
      capabilities: {
        add: added.length > 0 ? added : undefined,
        drop: drop.includes(kplus.Capability.ALL) ? drop : [kplus.Capability.ALL, ...drop],
      },
      seccompProfile: sc.seccompProfile ?? { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    });
    Object.defineProperty(container, 'securityContext', { value: hardened });
    return container;
  }
}

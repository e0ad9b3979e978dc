import type { ContainerRef, PodSpecRef } from '../../manifest-index';
import type { Violation } from '../../rule';

/** Escapes one segment of a JSON pointer (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON pointer to the pod template metadata (or a Pod's own metadata). */
export function podMetadataPath(pod: PodSpecRef): string {
  return pod.path.replace(/\/spec$/, '/metadata');
}

/** A plain object, or `undefined` for anything else (null, arrays, scalars). */
export function asObject(value: unknown): Record<string, any> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, any> : undefined;
}

/** The items of an array, or none. */
export function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/** The pod-level `securityContext`, if it is an object. */
export function podSecurityContext(pod: PodSpecRef): Record<string, any> | undefined {
  return asObject(pod.spec.securityContext);
}

/** The container-level `securityContext`, if it is an object. */
export function containerSecurityContext(container: ContainerRef): Record<string, any> | undefined {
  return asObject(container.container.securityContext);
}

/**
 * Pods with `spec.os.name: windows`. Since v1.25 the restricted profile does not apply its
 * Linux-only controls (privilege escalation, seccomp, capabilities) to them.
 */
export function isWindowsPod(pod: PodSpecRef): boolean {
  return asObject(pod.spec.os)?.name === 'windows';
}

/** `init container 'setup'`, `container 'app'`, `ephemeral container 'debug'`. */
export function describeContainer(container: ContainerRef): string {
  const kind = container.kind === 'initContainers' ? 'init container' : container.kind === 'ephemeralContainers' ? 'ephemeral container' : 'container';
  return `${kind} '${container.name}'`;
}

/** A violation on the pod spec's owner object. */
export function podViolation(pod: PodSpecRef, path: string, message: string, target?: string): Violation {
  return target === undefined
    ? { objectIndex: pod.owner.index, path, message }
    : { objectIndex: pod.owner.index, path, message, target };
}

/** A violation on one container (target = container name). */
export function containerViolation(pod: PodSpecRef, container: ContainerRef, relativePath: string, message: string): Violation {
  return podViolation(pod, `${container.path}${relativePath}`, message, container.name);
}

/** The link to the Pod Security Standards page, with the profile anchor. */
export const PSS_BASELINE_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline';
export const PSS_RESTRICTED_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

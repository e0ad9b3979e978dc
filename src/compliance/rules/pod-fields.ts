import type { ContainerRef, PodSpecRef } from '../manifest-index';

/** Reading pod and container fields as the API server would: shared by the pod and container rules. */

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

/** True for a field that is absent or null (the API server treats both as unset). */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
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

/** The link to the Pod Security Standards page, with the profile anchor. */
export const PSS_BASELINE_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline';
export const PSS_RESTRICTED_URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted';

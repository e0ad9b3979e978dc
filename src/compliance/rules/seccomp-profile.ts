/** Seccomp profile types both Pod Security profiles accept. */
export const ALLOWED_SECCOMP_TYPES: readonly string[] = ['RuntimeDefault', 'Localhost'];

/**
 * Classifies a `securityContext.seccompProfile`: `unset` (no profile), `allowed`
 * (RuntimeDefault or Localhost) or `forbidden` (Unconfined, a missing type, anything else).
 */
export function seccompStatus(securityContext: Record<string, any> | undefined): 'unset' | 'allowed' | 'forbidden' {
  const profile = securityContext?.seccompProfile;
  if (profile === undefined || profile === null) return 'unset';
  // A scalar profile has no `type`, so it is forbidden like an object without one.
  return ALLOWED_SECCOMP_TYPES.includes(profile.type) ? 'allowed' : 'forbidden';
}

/** The offending type for a message. */
export function seccompType(securityContext: Record<string, any> | undefined): string {
  const type = securityContext?.seccompProfile?.type;
  return type === undefined ? '(unset)' : JSON.stringify(type);
}

/**
 * Legacy ServiceAccount token Secrets: a Secret of this type holds a token that never expires,
 * for the account its annotation names (the token controller fills it in). Since 1.24 none is
 * generated; one in a manifest is a standing credential. Source: k8s.io/api core/v1
 * `SecretTypeServiceAccountToken`, `ServiceAccountNameKey`.
 */
export const LegacyTokenSecret = {
  TYPE: 'kubernetes.io/service-account-token',
  ACCOUNT_ANNOTATION: 'kubernetes.io/service-account.name',
} as const;

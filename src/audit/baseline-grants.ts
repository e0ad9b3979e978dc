import type { PolicyRuleJson } from '../rbac/policy-rule';

/**
 * The grants every ServiceAccount holds in every cluster, from the RBAC bootstrap policy
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, Kubernetes 1.28-1.31), bound by
 * ClusterRoleBindings of the same names to `system:authenticated` (and `system:serviceaccounts`
 * for issuer discovery). DESIGN: they do not count as permissions an account "needs": requests
 * they allow are left out of `suggested` (granting them again is noise), and they are never
 * reported `unused`.
 *
 * TODO(bootstrap policy): this is the only copy of these four roles in the audit layer; when the
 * RBAC model carries the whole bootstrap policy (roles and bindings), read them from there.
 */
export const BASELINE_CLUSTER_ROLES: ReadonlyMap<string, readonly PolicyRuleJson[]> = new Map<string, readonly PolicyRuleJson[]>([
  ['system:basic-user', [
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]],
  ['system:discovery', [
    {
      nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'],
      verbs: ['get'],
    },
  ]],
  ['system:public-info-viewer', [
    { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] },
  ]],
  ['system:service-account-issuer-discovery', [
    {
      nonResourceURLs: ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'],
      verbs: ['get'],
    },
  ]],
]);

/** The groups whose bindings to the roles above make them baseline (every ServiceAccount is in both). */
export const BASELINE_GROUPS: readonly string[] = ['system:authenticated', 'system:serviceaccounts'];

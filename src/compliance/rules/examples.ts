import type { Manifest } from '../../k8s/manifest';
import type { PolicyRuleJson } from '../../rbac/policy-rule';

/**
 * Builders for the rule examples (`RuleMetadata.examples`): the objects a chart ships, cut down
 * to what the rules read, so that each rule file shows only the field its example is about.
 * Namespaced objects are in one namespace, as `helm template --namespace shop` renders them.
 */

export const EXAMPLE_NAMESPACE = 'shop';

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

/** The application container of the examples, with `fields` added or replaced. */
export function exampleContainer(fields: Record<string, unknown> = {}): Record<string, any> {
  return { name: 'web', image: 'registry.example.com/shop/web:1.4.2', ...fields };
}

/** A Deployment running `podSpec`, with the labels and selector charts write. */
export function exampleDeployment(podSpec: Record<string, unknown>, name = 'web'): Manifest {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: EXAMPLE_NAMESPACE, labels },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
  };
}

/** A ServiceAccount that does not automount its token (the one every workload example runs as). */
export function exampleServiceAccount(name = 'web'): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: EXAMPLE_NAMESPACE }, automountServiceAccountToken: false };
}

/** A Role (in the example namespace) or a ClusterRole. */
export function exampleRole(kind: 'Role' | 'ClusterRole', name: string, rules: readonly PolicyRuleJson[]): Manifest {
  return { apiVersion: RBAC_API_VERSION, kind, metadata: kind === 'Role' ? { name, namespace: EXAMPLE_NAMESPACE } : { name }, rules };
}

/** A RoleBinding (in the example namespace) or a ClusterRoleBinding of a role to subjects. */
export function exampleBinding(
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  name: string,
  roleRef: { readonly kind: 'Role' | 'ClusterRole'; readonly name: string },
  subjects: ReadonlyArray<Record<string, string>>,
): Manifest {
  return {
    apiVersion: RBAC_API_VERSION,
    kind,
    metadata: kind === 'RoleBinding' ? { name, namespace: EXAMPLE_NAMESPACE } : { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

/** The subject for the ServiceAccount `name` of the example namespace. */
export function exampleServiceAccountSubject(name = 'web'): Record<string, string> {
  return { kind: 'ServiceAccount', name, namespace: EXAMPLE_NAMESPACE };
}

/**
 * What a chart ships to give its workload permissions: the ServiceAccount `name` and a Role bound
 * to it by a RoleBinding, or a ClusterRole bound by a ClusterRoleBinding.
 */
export function exampleGrant(kind: 'Role' | 'ClusterRole', name: string, rules: readonly PolicyRuleJson[]): Manifest[] {
  return [
    exampleServiceAccount(name),
    exampleRole(kind, name, rules),
    exampleBinding(kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding', name, { kind, name }, [exampleServiceAccountSubject(name)]),
  ];
}

/**
 * A projected volume with what a container needs to call the API server (the same sources as the
 * automounted `kube-api-access-*` volume): the ServiceAccount token with `token`'s fields, the
 * cluster CA and the namespace.
 */
export function exampleTokenVolume(name: string, token: Record<string, unknown>): Record<string, any> {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', ...token } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** Mounts the volume `name` where client libraries look for in-cluster credentials. */
export function exampleTokenMount(name: string): Record<string, any> {
  return { name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
}

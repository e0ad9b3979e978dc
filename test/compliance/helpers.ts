import { ComplianceEngine, SuppressedManifestInput } from '../../src/compliance/engine';
import type { Report } from '../../src/compliance/model';
import type { Manifest } from '../../src/k8s/manifest';

/** Runs the engine with options over plain manifests. */
export function runEngine(manifests: readonly any[], options: ConstructorParameters<typeof ComplianceEngine>[0] = {}): Report {
  const inputs: SuppressedManifestInput[] = manifests.map((manifest) => ({ manifest }));
  return new ComplianceEngine(options).check(inputs);
}

/** A pod template spec that passes every token rule on its own. */
export function securePodSpec(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    automountServiceAccountToken: false,
    serviceAccountName: 'web',
    containers: [{ name: 'main', image: 'nginx:1.27' }],
    ...extra,
  };
}

export function deployment(name: string, podSpec: Record<string, any>, namespace?: string): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: namespace ? { name, namespace } : { name },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec } },
  };
}

export function serviceAccount(name: string, extra: Record<string, unknown> = { automountServiceAccountToken: false }, namespace?: string): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: namespace ? { name, namespace } : { name }, ...extra };
}

export function role(name: string, rules: any[], kind: 'Role' | 'ClusterRole' = 'Role'): Manifest {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name }, rules };
}

export function binding(name: string, roleRef: { kind: string; name: string }, subjects: any[], kind: 'RoleBinding' | 'ClusterRoleBinding' = 'RoleBinding'): Manifest {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
    subjects,
  };
}

export function projectedTokenVolume(name: string, token: Record<string, unknown>): Record<string, any> {
  return { name, projected: { sources: [{ serviceAccountToken: { path: 'token', ...token } }] } };
}

/** The manifest placed in a namespace. */
export function inNamespace(manifest: Manifest, namespace: string): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}


/** A JWT of these claims (the signature is not checked: the shape is what makes a bearer token). */
export function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJlLWJ5dGVz`;
}

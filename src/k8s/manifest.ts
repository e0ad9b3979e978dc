/**
 * A Kubernetes object as plain JSON, and its identity. TypeScript-only (not part of the jsii API):
 * manifests are arbitrary JSON.
 */

/** A Kubernetes object as plain JSON. Only apiVersion, kind and metadata.name are guaranteed. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: any;
}

/** Identifies an object: what a finding, a report line or a command-line option names. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Object identity. */
export class ObjectRefs {
  /** The identity of a manifest, with the namespace as written (absent when the manifest has none). */
  public static of(manifest: Manifest): ObjectRef {
    return ObjectRefs.in(manifest, manifest.metadata.namespace);
  }

  /** The identity of a manifest in the namespace it lives in (`Namespaces.resolve`; `undefined` when cluster-scoped). */
  public static in(manifest: Manifest, namespace: string | undefined): ObjectRef {
    const { apiVersion, kind } = manifest;
    const name = manifest.metadata.name;
    return namespace !== undefined ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
  }

  private constructor() {}
}

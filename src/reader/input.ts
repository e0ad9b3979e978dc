import type { Manifest } from '../k8s/manifest';

/**
 * What every reader hands to the engine: manifests with where they came from (a file and line,
 * or the construct that emitted them), and the documents that could not be read.
 */

/** Where a manifest came from: a construct (synth time) or a file and line (CLI). */
export interface ManifestSource {
  /** The construct path of the ApiObject that emitted the manifest. */
  readonly constructPath?: string;
  /** The file the manifest was read from. */
  readonly file?: string;
  /** The 1-based line of the document's first line in that file. */
  readonly line?: number;
  /**
   * The 1-based line and column of the field a JSON pointer names (or of its deepest existing
   * parent), when the reader can tell; computed on demand, so objects without findings cost nothing.
   */
  locate?(pointer: string): { readonly line: number; readonly column: number };
}

/** One manifest handed to the engine. */
export interface ManifestInput {
  readonly manifest: Manifest;
  readonly source?: ManifestSource;
}

/** A document that could not be checked (invalid YAML, not a Kubernetes object, ...). */
export interface InputError {
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

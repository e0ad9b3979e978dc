import { CliIo, readStdinOrReport } from './cli-io';
import type { Manifest } from '../k8s/manifest';
import type { InputError, ManifestInput } from '../reader/input';
import { InputPaths } from '../reader/input-paths';
import { ObjectShape } from '../reader/object-shape';

/** What `check` and `access` read from their PATH operands. */
export interface ManifestInputsRead {
  readonly inputs: ManifestInput[];
  readonly errors: InputError[];
  /** Remarks for the user (build-tool files skipped in directories). */
  readonly notes: string[];
}

/**
 * The objects `kubectl apply -R -f PATH...` would send (src/reader), as the engine's inputs.
 * Objects the checker cannot name (no apiVersion, kind or metadata.name: kubectl apply fails on
 * them too) are input errors.
 */
export class ManifestInputs {
  public static read(paths: readonly string[], exclude: readonly string[], io: CliIo): ManifestInputsRead {
    const read = InputPaths.read(paths, { readStdin: () => readStdinOrReport(io), exclude });
    const inputs: ManifestInput[] = [];
    const errors: InputError[] = [...read.errors];
    for (const { object, source } of read.objects) {
      const problem = ObjectShape.problem(object);
      if (problem !== undefined) {errors.push({ file: source.file, line: source.line, message: `not a Kubernetes object: ${problem}` });} else {
        const located = { file: source.file, line: source.line, locate: (pointer: string) => source.locate(pointer) };
        inputs.push({ manifest: object as unknown as Manifest, source: located });
      }
    }
    return { inputs, errors, notes: read.notes };
  }

  private constructor() {}
}

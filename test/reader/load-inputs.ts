import type { Manifest } from '../../src/k8s/manifest';
import type { InputError, ManifestInput } from '../../src/reader/input';
import { ManifestReader } from '../../src/reader/manifest-reader';
import { ObjectShape } from '../../src/reader/object-shape';

/** A file read as the CLI reads it (src/reader), as the engine's inputs, for tests in process. */
export function loadInputs(content: Buffer | string, file: string): { inputs: ManifestInput[]; errors: InputError[] } {
  const read = ManifestReader.read(content, file);
  const inputs: ManifestInput[] = [];
  const errors: InputError[] = [...read.errors];
  for (const { object, source } of read.objects) {
    const problem = ObjectShape.problem(object);
    if (problem !== undefined) errors.push({ file, line: source.line, message: `not a Kubernetes object: ${problem}` });
    else inputs.push({ manifest: object as unknown as Manifest, source: { file, line: source.line } });
  }
  return { inputs, errors };
}

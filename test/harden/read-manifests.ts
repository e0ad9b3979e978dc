import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Manifest } from '../../src/k8s/manifest';
import { ManifestReader } from '../../src/reader/manifest-reader';
import type { ReadError } from '../../src/reader/model';
import { kubectlRead } from '../reader/kubectl';

/** The objects kubectl would read from a text (the reader the CLI uses), and its errors. */
export function readManifests(text: string | Buffer, file = 'in.yaml'): { manifests: Manifest[]; errors: ReadError[] } {
  const read = ManifestReader.read(text, file);
  return { manifests: read.objects.map((o) => o.object as unknown as Manifest), errors: read.errors };
}

/** What kubectl's own reader reads from a text (written to a file with this extension); fails on anything kubectl refuses. */
export function kubectlReadText(text: string, extension = '.yaml'): Array<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kubectl-'));
  try {
    const file = path.join(dir, `input${extension}`);
    fs.writeFileSync(file, text);
    const read = kubectlRead(file);
    if (read.stderr.trim() !== '') throw new Error(`kubectl could not read it: ${read.stderr}`);
    return read.objects;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

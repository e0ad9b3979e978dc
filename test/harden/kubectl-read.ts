import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The annotation added so that kubectl prints what it read; taken out again. */
const PROBE = 'harden-differential.example.com/probe';

/**
 * The objects `kubectl apply -f` would read from `text`, without a cluster: `kubectl annotate
 * --local -f FILE PROBE=x -o json` runs kubectl's own reader and prints each object; the probe is
 * taken out again (an object without annotations gets none back).
 */
export function kubectlRead(text: string, extension = '.yaml'): Array<Record<string, any>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-kubectl-'));
  try {
    const file = path.join(dir, `input${extension}`);
    fs.writeFileSync(file, text);
    const result = spawnSync(process.env.KUBECTL ?? 'kubectl', ['annotate', '--local', '-f', file, `${PROBE}=x`, '-o', 'json'], { encoding: 'utf-8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`kubectl could not read it: ${result.stderr}`);
    // kubectl pretty-prints each object in turn: each starts with a `{` at the start of a line.
    const objects = result.stdout.split(/\n(?=\{)/).filter((chunk) => chunk.trim() !== '').map((chunk) => JSON.parse(chunk) as Record<string, any>);
    return objects.map((object) => {
      const annotations = object.metadata?.annotations;
      if (annotations) {
        delete annotations[PROBE];
        if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
      }
      return object;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { spawnSync } from 'child_process';

/** kubectl as installed on this machine (CI installs it too). */
export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** `kubectl version --client`, or undefined if kubectl cannot be run. */
export function kubectlVersion(): string | undefined {
  const result = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf-8', timeout: 30_000 });
  if (result.error || result.status !== 0) return undefined;
  return result.stdout.trim();
}

export interface KubectlRead {
  /** The objects kubectl's reader produced, in order, exactly as read (see `kubectlRead`). */
  readonly objects: Array<Record<string, unknown>>;
  /** What kubectl printed on stderr (its errors, each naming the file where it can). */
  readonly stderr: string;
}

/** The annotation and label added to run kubectl's reader without a cluster; removed again. */
const ADDED = 'guardrails-differential.example.com/probe';

/**
 * The objects `kubectl apply -f PATH` would read, without a cluster: `kubectl annotate --local
 * -f PATH ADDED=x -o json` runs kubectl's own resource builder (file walking, YAML/JSON
 * decoding, list flattening) and prints each object. The annotation it adds is taken out again
 * exactly: a second run adds a label instead, and each object's annotations are taken from the
 * run that did not touch them (and its labels from the other), so that `annotations: {}`,
 * `annotations: null` and no annotations stay what they were.
 */
export function kubectlRead(path: string): KubectlRead {
  const annotated = run(['annotate', '--local', '-f', path, `${ADDED}=x`, '-o', 'json']);
  const labelled = run(['label', '--local', '-f', path, `${ADDED}=x`, '-o', 'json']);
  const a = splitJson(annotated.stdout);
  const l = splitJson(labelled.stdout);
  if (a.length !== l.length) {
    throw new Error(`kubectl annotate printed ${a.length} objects but kubectl label ${l.length}:\n${annotated.stderr}\n${labelled.stderr}`);
  }
  const objects = a.map((withAnnotation, i) => {
    const object = structuredClone(withAnnotation);
    const metadata = object.metadata as Record<string, unknown>;
    const labelMetadata = (l[i].metadata ?? {}) as Record<string, unknown>;
    if ('annotations' in labelMetadata) metadata.annotations = labelMetadata.annotations;
    else delete metadata.annotations;
    return object;
  });
  return { objects, stderr: annotated.stderr };
}

function run(args: string[]): { stdout: string; stderr: string } {
  const result = spawnSync(KUBECTL, args, { encoding: 'utf-8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr };
}

/** Objects printed one after another (`-o json` pretty-prints each). */
export function splitJson(text: string): Array<Record<string, unknown>> {
  const objects: Array<Record<string, unknown>> = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {inString = true;} else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) {
      objects.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return objects;
}

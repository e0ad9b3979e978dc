import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';

/**
 * An independent check that synthesized objects are valid Kubernetes objects: the validators of
 * the npm package `kubernetes-models` (generated from the Kubernetes OpenAPI specification: types,
 * required fields, enums, formats), not a schema of ours. The class is chosen from each object's
 * apiVersion and kind; an object with no schema there is a problem too, so nothing goes unchecked.
 * cert-manager and prometheus-operator objects use `@kubernetes-models/cert-manager` and
 * `@kubernetes-models/prometheus-operator` (generated from those projects' CRDs).
 *
 * `kubernetes-models` is ESM-only, which jest's CommonJS runtime cannot load, so the validators
 * run in one long-lived child `node` process, asked over stdin/stdout one JSON line at a time
 * (about a millisecond per request, which property tests need).
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const SERVER_SCRIPT = `
import { createInterface } from 'node:readline';
const models = new Map();
// Custom resources the operator bundle writes, validated by their projects' published models.
const PACKAGES = { 'cert-manager.io': '@kubernetes-models/cert-manager/', 'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/' };
async function modelOf(apiVersion, kind) {
  const key = apiVersion + '/' + kind;
  if (!models.has(key)) {
    let Model;
    try {
      Model = (await import((PACKAGES[apiVersion.split('/')[0]] || 'kubernetes-models/') + key))[kind];
    } catch {
      Model = undefined;
    }
    models.set(key, Model);
  }
  return models.get(key);
}
async function problemOf(object) {
  const apiVersion = object && object.apiVersion;
  const kind = object && object.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9.\\/-]+$/.test(apiVersion + kind)) {
    return 'not a Kubernetes object: ' + JSON.stringify(object).slice(0, 80);
  }
  const Model = await modelOf(apiVersion, kind);
  if (!Model) return kind + ' ' + apiVersion + ': kubernetes-models has no schema for it';
  try {
    new Model(object).validate();
    return '';
  } catch (e) {
    return kind + ' ' + (object.metadata && object.metadata.name) + ': ' + e.message;
  }
}
for await (const line of createInterface({ input: process.stdin })) {
  const { id, objects } = JSON.parse(line);
  const problems = [];
  for (const object of objects) problems.push(await problemOf(object));
  process.stdout.write(JSON.stringify({ id, problems }) + '\\n');
}
`;

type Pending = { resolve: (problems: string[]) => void; reject: (e: Error) => void };

/** A running `kubernetes-models` validator. Start one per test file; `close()` it in `afterAll`. */
export class KubernetesSchema {
  /** Starts the validator process. */
  public static start(): KubernetesSchema {
    return new KubernetesSchema();
  }

  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stderr = '';

  private constructor() {
    this.child = spawn(process.execPath, ['--input-type=module', '-e', SERVER_SCRIPT], { cwd: REPO_ROOT, stdio: 'pipe' });
    this.child.stderr.on('data', (chunk) => { this.stderr += String(chunk); });
    this.child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`the kubernetes-models validator exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      const { id, problems } = JSON.parse(line) as { id: number; problems: string[] };
      this.pending.get(id)?.resolve(problems);
      this.pending.delete(id);
    });
  }

  /** The schema problem of each object, in order ('' when the object is valid). */
  public problems(objects: readonly unknown[]): Promise<string[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, objects })}\n`);
    });
  }

  /** Only the problems (empty when every object is valid). */
  public async invalid(objects: readonly unknown[]): Promise<string[]> {
    return (await this.problems(objects)).filter((problem) => problem !== '');
  }

  /** Stops the process. */
  public close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

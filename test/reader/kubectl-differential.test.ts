import * as fs from 'fs';
import * as path from 'path';
import { generatedFiles } from './differential-corpus';
import { kubectlRead, kubectlVersion } from './kubectl';
import { Namespaces } from '../../src/k8s/namespace';
import { REPO_ROOT, removeTempDirs, runCli, tempDir } from '../cli/built-cli';

/**
 * The reader's contract is kubectl's: `cdk8s-guardrails parse` must print exactly the objects
 * `kubectl apply -f` would send. kubectl itself is the oracle: `kubectl annotate --local` runs its
 * reader without a cluster (see ./kubectl.ts). Compared: every YAML and JSON fixture of the test
 * suite and the examples, and generated files (./differential-corpus.ts), all in one directory
 * read by one kubectl run and one parse run; a marker file after each case splits both outputs.
 *
 * Per case: without input errors, the objects are equal (parse fills the namespace of
 * namespace-less objects of namespaced kinds as kubectl apply does: `default`; the same is done
 * to kubectl's output, which --local cannot do itself). Where kubectl refuses something, parse
 * reports an input error, and kubectl's objects are where parse's begin (kubectl stops reading a
 * file at a YAML error; parse reads on). Duplicate keys, which parse refuses on purpose and
 * kubectl does not, leave parse's objects a subsequence of kubectl's.
 */

const GENERATED = Number(process.env.DIFFERENTIAL_FILES ?? 400);
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2 ** 31);

afterAll(removeTempDirs);

/** Every YAML and JSON file of the test fixtures and the examples (not their build configuration). */
function fixtureFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'imports'].includes(entry.name)) walk(full);
      } else if (/\.(ya?ml|json)$/.test(entry.name) && !/^(cdk8s\.yaml|tsconfig.*\.json|package.*\.json)$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  walk(path.join(REPO_ROOT, 'test', 'fixtures'));
  walk(path.join(REPO_ROOT, 'examples'));
  return found.sort();
}

/** JSON with sorted keys: objects compare by content, not key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

const MARKER = 'zz-differential-marker-';

/** Splits objects at the marker ConfigMaps: one list per case. */
function perCase(objects: ReadonlyArray<Record<string, unknown>>, cases: number): Array<Array<Record<string, unknown>>> {
  const out: Array<Array<Record<string, unknown>>> = Array.from({ length: cases }, () => []);
  let current = 0;
  for (const object of objects) {
    const name = (object.metadata as { name?: unknown } | undefined)?.name;
    if (object.kind === 'ConfigMap' && typeof name === 'string' && name.startsWith(MARKER)) current = Number(name.slice(MARKER.length)) + 1;
    else if (current < cases) out[current].push(object);
  }
  return out;
}

function isPrefix(prefix: readonly string[], of: readonly string[]): boolean {
  return prefix.length <= of.length && prefix.every((p, i) => p === of[i]);
}

function isSubsequence(sub: readonly string[], of: readonly string[]): boolean {
  let i = 0;
  for (const x of of) if (i < sub.length && sub[i] === x) i++;
  return i === sub.length;
}

describe('parse reads exactly what kubectl reads', () => {
  test('fixtures and generated files: the same objects, and an input error wherever kubectl refuses', () => {
    // GIVEN kubectl
    const version = kubectlVersion();
    if (version === undefined) {
      throw new Error('kubectl is not installed or does not run: this test compares the reader with kubectl\'s own reader. '
        + 'Install kubectl (https://kubernetes.io/docs/tasks/tools/) and run it again.');
    }
    // AND a corpus: the fixtures, then generated files, each followed by a marker file
    const dir = tempDir('guardrails-differential-');
    const texts: string[] = [];
    const names: string[] = [];
    const add = (content: Buffer | string, extension: string) => {
      const i = names.length;
      const name = path.join(dir, `${String(i).padStart(5, '0')}-case${extension}`);
      fs.writeFileSync(name, content);
      fs.writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}-z.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${MARKER}${i}\n`);
      names.push(name);
      texts.push(content.toString());
    };
    for (const fixture of fixtureFiles()) add(fs.readFileSync(fixture), path.extname(fixture));
    const fixtures = names.length;
    for (const generated of generatedFiles(GENERATED, SEED)) add(generated.text, generated.extension);

    // WHEN kubectl and parse read the directory
    const kubectl = kubectlRead(dir);
    const parse = runCli(['parse', dir]);
    const parsed = parse.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

    // THEN each case has the same objects (kubectl's with the namespace that kubectl apply fills in)
    const customClusterScoped = Namespaces.clusterScopedCustomKinds(kubectl.objects);
    const withNamespace = kubectl.objects.map((o) => {
      const ns = Namespaces.resolve(o, undefined, customClusterScoped);
      const metadata = o.metadata as Record<string, unknown>;
      return ns === undefined || metadata.namespace === ns ? o : { ...o, metadata: { ...metadata, namespace: ns } };
    });
    const theirs = perCase(withNamespace, names.length).map((list) => list.map(canonical));
    const ours = perCase(parsed, names.length).map((list) => list.map(canonical));
    const ourErrors = (file: string) => parse.stderr.split('\n').filter((l) => l.startsWith(`${file}:`));
    const kubectlErrors = (file: string) => kubectl.stderr.split('\n').filter((l) => l.includes(file));
    const failures: string[] = [];
    let compared = 0;
    let refused = 0;
    names.forEach((file, i) => {
      const errors = ourErrors(file);
      // kubectl annotate itself (not its reader) refuses metadata that is not valid ObjectMeta:
      // such objects are missing from kubectl's side only.
      const annotateRefused = kubectlErrors(file).some((e) => /Go struct field ObjectMeta/.test(e));
      const stricter = errors.some((e) => /keys must be unique/.test(e));
      let agrees: boolean;
      if (errors.length === 0 && !annotateRefused) {
        agrees = kubectlErrors(file).length === 0 && canonical(theirs[i]) === canonical(ours[i]);
      } else {
        const reported = kubectlErrors(file).length > 0 || errors.every((e) => /item \d+ of the list|keys must be unique/.test(e));
        agrees = (isPrefix(theirs[i], ours[i]) && (reported || annotateRefused))
          || (stricter && isSubsequence(ours[i], theirs[i]))
          || (annotateRefused && isSubsequence(theirs[i], ours[i]));
      }
      if (errors.length > 0) refused++;
      compared += theirs[i].length;
      if (!agrees) {
        if (process.env.DIFFERENTIAL_DUMP) fs.copyFileSync(file, path.join(process.env.DIFFERENTIAL_DUMP, path.basename(file)));
        failures.push(`case ${i} (${i < fixtures ? 'fixture' : 'generated'}):\n--- file:\n${texts[i]}\n--- kubectl (${kubectlErrors(file).join('; ') || 'no error'}):\n`
          + `${theirs[i].join('\n')}\n--- parse (${errors.join('; ') || 'no error'}):\n${ours[i].join('\n')}`);
      }
    });
    // kubectl's errors about list items name no file (and identical messages are printed once):
    // read each file whose only errors are such errors again, on its own, and count them.
    const ITEM_ERROR = /item \d+ of the list (has no|is itself a list)/;
    let ourItemErrors = 0;
    let itemErrors = 0;
    for (const file of names) {
      const errors = ourErrors(file);
      if (errors.length > 0 && errors.every((e) => ITEM_ERROR.test(e))) {
        ourItemErrors += errors.length;
        itemErrors += (kubectlRead(file).stderr.match(/unable to get type info|is not a list: no Items field/g) ?? []).length;
      }
    }
    console.log(`${version}\ncompared ${compared} objects kubectl read from ${names.length} files `
      + `(${fixtures} fixtures, ${names.length - fixtures} generated with seed ${SEED}); ${refused} files hold input errors`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(ourItemErrors).toBe(itemErrors);
    expect(compared).toBeGreaterThan(names.length);
  });
});

import { Composer, Parser, parseAllDocuments } from 'yaml';
import { firstDocuments } from './block-yaml';
import { median, timeMs } from './stats';
import { jsYamlLoadAll, KUBERNETES_YAML11_SCHEMA } from './yaml11-schema';
import { firstDuplicateKey } from '../src/reader/duplicate-keys';

/** A way to turn a YAML stream into plain objects; throws on invalid input. */
interface Candidate {
  readonly name: string;
  readonly parse: (text: string) => unknown[];
}

/** The CLI's parser, options and duplicate-key check (src/reader/yaml-manifests.ts), without line numbers. */
function yamlLikeCli(text: string): unknown[] {
  const composer = new Composer({ version: '1.1', uniqueKeys: false, strict: true, prettyErrors: false });
  const result: unknown[] = [];
  for (const doc of composer.compose(new Parser().parse(text))) {
    if (doc.errors.length > 0) throw doc.errors[0];
    if (firstDuplicateKey(doc) !== undefined) throw new Error('duplicate key');
    const warning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (warning) throw warning;
    result.push(doc.toJS({ maxAliasCount: 100 }));
  }
  return result;
}

const CANDIDATES: readonly Candidate[] = [
  { name: 'yaml 2 (CLI: compose, YAML 1.1, unique keys)', parse: yamlLikeCli },
  {
    name: 'yaml 2 parseAllDocuments (YAML 1.2 defaults)',
    parse: (text) => parseAllDocuments(text).map((d) => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS();
    }),
  },
  { name: 'js-yaml 4 loadAll (YAML 1.2 core schema)', parse: (text) => jsYamlLoadAll(text) },
  { name: 'js-yaml 4 loadAll + Kubernetes YAML 1.1 schema (bench/yaml11-schema.ts)', parse: (text) => jsYamlLoadAll(text, KUBERNETES_YAML11_SCHEMA) },
];

/**
 * What Kubernetes (sigs.k8s.io/yaml, go-yaml v2, YAML 1.1) reads, and what a checker must
 * therefore read: a parser that reads `privileged: yes` as a string misses a privileged pod.
 */
const PROBES: ReadonlyArray<{ readonly yaml: string; readonly expect: unknown }> = [
  { yaml: 'privileged: yes\n', expect: { privileged: true } },
  { yaml: 'automountServiceAccountToken: no\n', expect: { automountServiceAccountToken: false } },
  { yaml: 'hostNetwork: on\n', expect: { hostNetwork: true } },
  { yaml: 'defaultMode: 0644\n', expect: { defaultMode: 420 } },
  { yaml: 'version: "1.10"\nreplicas: 1_000\n', expect: { version: '1.10', replicas: 1000 } },
  { yaml: 'a: 1\na: 2\n', expect: 'error' },
  { yaml: 'a: !custom x\n', expect: 'error' },
];

export interface ParserBenchResult {
  readonly rows: string[][];
}

/** Times each candidate over the benchmark stream (alternately) and runs the correctness probes. */
export function benchParsers(options: { readonly yamlText: string; readonly documents: number; readonly rounds: number }): ParserBenchResult {
  const text = firstDocuments(options.yamlText, options.documents);
  const samples = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds + 1; round++) {
    for (const candidate of round % 2 === 0 ? CANDIDATES : [...CANDIDATES].reverse()) {
      const ms = timeMs(() => candidate.parse(text));
      if (round > 0) samples.get(candidate.name)!.push(ms);
    }
  }
  const reference = median(samples.get(CANDIDATES[0].name)!);
  const rows = CANDIDATES.map((candidate) => {
    const ms = median(samples.get(candidate.name)!);
    const failed = PROBES.filter((probe) => !probeHolds(candidate, probe)).map((probe) => JSON.stringify(probe.yaml.trim()));
    return [candidate.name, ms.toFixed(0), `x${(ms / reference).toFixed(3)}`, failed.length === 0 ? `all ${PROBES.length} probes` : `wrong on ${failed.join(', ')}`];
  });
  return { rows };
}

function probeHolds(candidate: Candidate, probe: { yaml: string; expect: unknown }): boolean {
  let value: unknown;
  try {
    value = candidate.parse(probe.yaml)[0];
  } catch {
    return probe.expect === 'error';
  }
  return probe.expect !== 'error' && JSON.stringify(value) === JSON.stringify(probe.expect);
}


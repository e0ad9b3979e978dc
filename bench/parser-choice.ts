import { Composer, Parser, parseAllDocuments } from 'yaml';
import { firstDocuments } from './block-yaml';
import { median, timeMs } from './stats';
import { jsYamlLoadAll, KUBERNETES_YAML11_SCHEMA } from './yaml11-schema';
import { ManifestReader } from '../src/reader/manifest-reader';

/** A way to turn a YAML stream into plain objects; throws on invalid input. */
interface Candidate {
  readonly name: string;
  readonly parse: (text: string) => unknown[];
}

/** The CLI's reader (src/reader: kubectl's reading, go-yaml v2 semantics), objects only. */
function reader(text: string): unknown[] {
  const read = ManifestReader.read(text, 'bench.yaml');
  if (read.errors.length > 0) throw new Error(read.errors[0].message);
  return read.objects.map((o) => o.object);
}

/** The `yaml` package as the CLI configured it before src/reader (YAML 1.1, no timestamps as dates). */
function yamlPackage(text: string): unknown[] {
  const composer = new Composer({ version: '1.1', uniqueKeys: false, strict: true, prettyErrors: false });
  const result: unknown[] = [];
  for (const doc of composer.compose(new Parser().parse(text))) {
    if (doc.errors.length > 0) throw doc.errors[0];
    result.push(doc.toJS({ maxAliasCount: 100 }));
  }
  return result;
}

const CANDIDATES: readonly Candidate[] = [
  { name: 'cdk8s-guardrails reader (src/reader, kubectl\'s reading)', parse: reader },
  { name: 'yaml 2 (compose, YAML 1.1)', parse: yamlPackage },
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

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n';

/**
 * What kubectl 1.32 sends for each text (checked with `kubectl annotate --local`), and what a
 * checker must therefore read: a parser that reads `privileged: yes` as a string misses a
 * privileged pod; one that keeps an explicit key over a later merge reads the opposite of it.
 * `error`: kubectl refuses the document, or (duplicate keys) the checker must refuse it.
 */
const PROBES: ReadonlyArray<{ readonly yaml: string; readonly expect: unknown }> = [
  { yaml: `${SA}privileged: yes\n`, expect: { privileged: true } },
  { yaml: `${SA}automountServiceAccountToken: no\n`, expect: { automountServiceAccountToken: false } },
  { yaml: `${SA}hostNetwork: on\n`, expect: { hostNetwork: true } },
  { yaml: `${SA}defaultMode: 0644\n`, expect: { defaultMode: 420 } },
  { yaml: `${SA}version: "1.10"\nreplicas: 1_000\n`, expect: { version: '1.10', replicas: 1000 } },
  { yaml: `${SA}a: 1\na: 2\n`, expect: 'error' },
  { yaml: `${SA}a: !custom x\n`, expect: { a: 'x' } },
  { yaml: `${SA}automountServiceAccountToken: false\n<<: {automountServiceAccountToken: true}\n`, expect: { automountServiceAccountToken: true } },
  { yaml: `${SA}# comment\u0085automountServiceAccountToken: true\n`, expect: { automountServiceAccountToken: true } },
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
    const failed = PROBES.filter((probe) => !probeHolds(candidate, probe)).map((probe) => JSON.stringify(probe.yaml.slice(SA.length).trim()));
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
  if (probe.expect === 'error' || value === null || typeof value !== 'object') return false;
  const { apiVersion, kind, metadata, ...rest } = value as Record<string, unknown>;
  void apiVersion;
  void kind;
  void metadata;
  return JSON.stringify(rest) === JSON.stringify(probe.expect);
}

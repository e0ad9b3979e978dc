import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';
import { firstDocuments, toYamlStream } from './block-yaml';
import { ChildRun, runNodeChild } from './child-process';
import { buildCli } from './cli-build';
import { generateCrdBundle } from './crd-bundle';
import { generateFleet } from './fleet';
import { CLOCK, median, pairedRange, pairedRatio } from './stats';

export interface CliBenchOptions {
  readonly documents: number;
  /** Bytes of the CRD-heavy bundle checked with the stream. */
  readonly crdBytes: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly workDir: string;
  readonly log: (message: string) => void;
}

export interface CliBenchResult {
  /** Time: `cdk8s-guardrails check` / js-yaml with the Kubernetes YAML 1.1 schema parsing the same files. */
  readonly cliVsFastParse: number;
  /** Peak RSS: the same two processes. */
  readonly cliRssVsParse: number;
  readonly documents: number;
  readonly yamlText: string;
  readonly detail: string;
  readonly rssDetail: string;
}

const PARSE_SCRIPT = path.join(__dirname, 'child', 'parse-stream-js-yaml.js');

type CliVariant = 'cli' | 'parse';
const VARIANTS: readonly CliVariant[] = ['cli', 'parse'];

/**
 * `cdk8s-guardrails check --format json STREAM CRDS` against its floor: js-yaml with the
 * Kubernetes YAML 1.1 schema (`child/parse-stream-js-yaml.js`, the fastest parser that reads YAML
 * as Kubernetes does) parsing the same two files and nothing else, as alternating child processes
 * with the same node flags. The inputs: one generated stream of realistic manifests (3% of the
 * services violate a rule) and a generated CRD-heavy bundle (large openAPIV3Schemas).
 */
export function benchCli(options: CliBenchOptions): CliBenchResult {
  const manifests = generateFleet({ objects: options.documents, violatingFraction: 0.03 }).slice(0, options.documents);
  const yamlText = toYamlStream(manifests);
  checkRoundTrip(yamlText, manifests);
  const stream = path.join(options.workDir, 'stream.yaml');
  fs.writeFileSync(stream, yamlText);
  const crds = generateCrdBundle({ bytes: options.crdBytes }, (m) => toYamlStream(m).length);
  const crdText = toYamlStream(crds);
  checkRoundTrip(crdText, crds);
  const bundle = path.join(options.workDir, 'crds.yaml');
  fs.writeFileSync(bundle, crdText);
  const objects = manifests.length + crds.length;
  options.log(`cli: ${(yamlText.length / 2 ** 20).toFixed(1)} MiB stream and ${(crdText.length / 2 ** 20).toFixed(1)} MiB CRD bundle written; transpiling the CLI`);
  const cli = buildCli(options.workDir);

  const start: Record<CliVariant, () => ChildRun> = {
    cli: () => runNodeChild(cli.main, ['check', '--format', 'json', stream, bundle]),
    parse: () => runNodeChild(PARSE_SCRIPT, [cli.yaml11Schema, stream, bundle]),
  };
  const runs: Record<CliVariant, ChildRun[]> = { cli: [], parse: [] };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const variant of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
      const run = start[variant]();
      if (variant === 'cli') checkCliRun(run, objects);
      else checkParseRun(run, objects);
      if (round >= options.warmup) runs[variant].push(run);
    }
  }
  const time = (r: ChildRun[]) => r.map((x) => x.ms);
  const wall = (r: ChildRun[]) => r.map((x) => x.wallMs);
  const rss = (r: ChildRun[]) => r.map((x) => x.peakRssKb);
  const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
  return {
    cliVsFastParse: pairedRatio(time(runs.cli), time(runs.parse)),
    cliRssVsParse: pairedRatio(rss(runs.cli), rss(runs.parse)),
    documents: objects,
    yamlText,
    detail: `${manifests.length} documents (${(yamlText.length / 2 ** 20).toFixed(1)} MiB) + ${crds.length} CRDs (${(crdText.length / 2 ** 20).toFixed(1)} MiB), `
      + `whole child process: check ${median(time(runs.cli)).toFixed(0)} ms vs js-yaml parse ${median(time(runs.parse)).toFixed(0)} ms ${CLOCK}`
      + `${CLOCK === 'wall' ? '' : ` (wall ${median(wall(runs.cli)).toFixed(0)} vs ${median(wall(runs.parse)).toFixed(0)} ms)`}; `
      + `${pairedRange(time(runs.cli), time(runs.parse))}`,
    rssDetail: `peak RSS: check ${mib(median(rss(runs.cli)))} vs js-yaml parse ${mib(median(rss(runs.parse)))}`,
  };
}

/** The generated YAML must parse back to exactly the generated objects (checked on a sample). */
function checkRoundTrip(yamlText: string, manifests: readonly unknown[]): void {
  const docs = parseAllDocuments(firstDocuments(yamlText, 300), { version: '1.1', uniqueKeys: true });
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`generated YAML document ${i} is invalid: ${doc.errors[0].message}`);
    if (!isDeepStrictEqual(doc.toJS(), JSON.parse(JSON.stringify(manifests[i])))) throw new Error(`generated YAML document ${i} does not parse back to its object`);
  });
}

function checkCliRun(run: ChildRun, objects: number): void {
  let summary: { objects?: number } | undefined;
  let inputErrors: unknown[] = [];
  try {
    const report = JSON.parse(run.stdout);
    summary = report.summary;
    inputErrors = report.inputErrors;
  } catch {
    throw new Error(`cdk8s-guardrails check printed no JSON report (exit ${run.exitCode}): ${run.stderr.slice(0, 2000)}`);
  }
  if (run.exitCode !== 1 || summary?.objects !== objects || inputErrors.length > 0) {
    throw new Error(`cdk8s-guardrails check: expected exit 1 with ${objects} objects and no input errors; got exit ${run.exitCode}, `
      + `${summary?.objects} objects, ${inputErrors.length} input errors: ${run.stderr.slice(0, 2000)}`);
  }
}

function checkParseRun(run: ChildRun, objects: number): void {
  if (run.exitCode !== 0 || run.stdout.trim() !== `${objects} documents`) {
    throw new Error(`parse baseline failed (exit ${run.exitCode}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 2000)}`);
  }
}

import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parseAllDocuments } from 'yaml';
import { firstDocuments, toYamlStream } from './block-yaml';
import { ChildRun, runNodeChild } from './child-process';
import { buildCli } from './cli-build';
import { generateFleet } from './fleet';
import { CLOCK, median, ratio } from './stats';

export interface CliBenchOptions {
  readonly documents: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly workDir: string;
  readonly log: (message: string) => void;
}

export interface CliBenchResult {
  /** Wall time: `cdk8s-guardrails check` / parsing the same stream alone. */
  readonly cliVsParse: number;
  /** Peak RSS: check / parse alone. */
  readonly cliRssVsParse: number;
  readonly documents: number;
  readonly yamlText: string;
  readonly detail: string;
  readonly rssDetail: string;
  /** The same two ratios if the CLI read YAML with js-yaml and the Kubernetes YAML 1.1 schema. */
  readonly jsYaml: { readonly cliVsParse: number; readonly cliRssVsParse: number; readonly detail: string };
}

const PARSE_SCRIPT = path.join(__dirname, 'child', 'parse-stream.js');
const CHECK_JS_YAML_SCRIPT = path.join(__dirname, 'child', 'check-with-js-yaml.js');
const PARSE_JS_YAML_SCRIPT = path.join(__dirname, 'child', 'parse-stream-js-yaml.js');

type CliVariant = 'cli' | 'parse' | 'cliJsYaml' | 'parseJsYaml';
const VARIANTS: readonly CliVariant[] = ['cli', 'parse', 'cliJsYaml', 'parseJsYaml'];

/**
 * `cdk8s-guardrails check --format json STREAM` against the parse floor (`child/parse-stream.js`:
 * the same parser and options, nothing else), as alternating child processes with the same node
 * flags, over one generated stream of realistic manifests (3% of the services violate a rule).
 */
export function benchCli(options: CliBenchOptions): CliBenchResult {
  const manifests = generateFleet({ objects: options.documents, violatingFraction: 0.03 }).slice(0, options.documents);
  const yamlText = toYamlStream(manifests);
  checkRoundTrip(yamlText, manifests);
  const stream = path.join(options.workDir, 'stream.yaml');
  fs.writeFileSync(stream, yamlText);
  options.log(`cli: ${(yamlText.length / 2 ** 20).toFixed(1)} MiB stream written; transpiling the CLI`);
  const cli = buildCli(options.workDir);

  const checkArgs = ['check', '--format', 'json', stream];
  const start: Record<CliVariant, () => ChildRun> = {
    cli: () => runNodeChild(cli.main, checkArgs),
    parse: () => runNodeChild(PARSE_SCRIPT, [stream]),
    cliJsYaml: () => runNodeChild(CHECK_JS_YAML_SCRIPT, [cli.main, cli.yaml11Schema, ...checkArgs]),
    parseJsYaml: () => runNodeChild(PARSE_JS_YAML_SCRIPT, [cli.yaml11Schema, stream]),
  };
  const runs: Record<CliVariant, ChildRun[]> = { cli: [], parse: [], cliJsYaml: [], parseJsYaml: [] };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const variant of round % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) {
      const run = start[variant]();
      if (variant.startsWith('cli')) checkCliRun(run, options.documents);
      else checkParseRun(run, options.documents);
      if (round >= options.warmup) runs[variant].push(run);
    }
  }
  const time = (r: ChildRun[]) => r.map((x) => x.ms);
  const wall = (r: ChildRun[]) => r.map((x) => x.wallMs);
  const rss = (r: ChildRun[]) => r.map((x) => x.peakRssKb);
  const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;
  return {
    cliVsParse: ratio(time(runs.cli), time(runs.parse)),
    cliRssVsParse: ratio(rss(runs.cli), rss(runs.parse)),
    documents: options.documents,
    yamlText,
    detail: `${options.documents} documents (${(yamlText.length / 2 ** 20).toFixed(1)} MiB), whole child process: check ${median(time(runs.cli)).toFixed(0)} ms vs parse ${median(time(runs.parse)).toFixed(0)} ms ${CLOCK}`
      + `${CLOCK === 'wall' ? '' : ` (wall ${median(wall(runs.cli)).toFixed(0)} vs ${median(wall(runs.parse)).toFixed(0)} ms)`}`,
    rssDetail: `peak RSS: check ${mib(median(rss(runs.cli)))} vs parse ${mib(median(rss(runs.parse)))}`,
    jsYaml: {
      cliVsParse: ratio(time(runs.cliJsYaml), time(runs.parseJsYaml)),
      cliRssVsParse: ratio(rss(runs.cliJsYaml), rss(runs.parseJsYaml)),
      detail: `check ${median(time(runs.cliJsYaml)).toFixed(0)} ms vs parse ${median(time(runs.parseJsYaml)).toFixed(0)} ms ${CLOCK}; `
        + `peak RSS ${mib(median(rss(runs.cliJsYaml)))} vs ${mib(median(rss(runs.parseJsYaml)))}`,
    },
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

function checkCliRun(run: ChildRun, documents: number): void {
  let summary: { objects?: number } | undefined;
  let inputErrors: unknown[] = [];
  try {
    const report = JSON.parse(run.stdout);
    summary = report.summary;
    inputErrors = report.inputErrors;
  } catch {
    throw new Error(`cdk8s-guardrails check printed no JSON report (exit ${run.exitCode}): ${run.stderr.slice(0, 2000)}`);
  }
  if (run.exitCode !== 1 || summary?.objects !== documents || inputErrors.length > 0) {
    throw new Error(`cdk8s-guardrails check: expected exit 1 with ${documents} objects and no input errors; got exit ${run.exitCode}, `
      + `${summary?.objects} objects, ${inputErrors.length} input errors: ${run.stderr.slice(0, 2000)}`);
  }
}

function checkParseRun(run: ChildRun, documents: number): void {
  if (run.exitCode !== 0 || run.stdout.trim() !== `${documents} documents`) {
    throw new Error(`parse baseline failed (exit ${run.exitCode}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 2000)}`);
  }
}

import * as fs from 'fs';
import * as path from 'path';
import { toYamlStream } from './block-yaml';
import { ChildRun, runNodeChild } from './child-process';
import { buildCli } from './cli-build';
import { generateFleet } from './fleet';
import { CLOCK, median, pairedRatio } from './stats';
import type { Manifest } from '../src/k8s/manifest';

export interface HardenBenchOptions {
  readonly documents: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly workDir: string;
  readonly log: (message: string) => void;
}

export interface HardenBenchResult {
  /** `cdk8s-guardrails harden` of the fleet stream / js-yaml with the Kubernetes YAML 1.1 schema parsing it. */
  readonly hardenVsFastParse: number;
  readonly detail: string;
  /** The same over the fleet as upstream would ship it (automount everywhere: most documents are edited). */
  readonly unhardened: { readonly hardenVsFastParse: number; readonly detail: string };
  /** harden / `check --format json` over the same stream: the rewrite against the check. */
  readonly hardenVsCheck: number;
}

const FAST_PARSE_SCRIPT = path.join(__dirname, 'child', 'parse-stream-js-yaml.js');

/**
 * `cdk8s-guardrails harden STREAM` (stdout to a file) against the fast parse floor (js-yaml and the
 * Kubernetes YAML 1.1 schema, `child/parse-stream-js-yaml.js`), as alternating child processes,
 * over the 20,000-document fleet stream of the CLI benchmark, and over the same fleet as an
 * upstream install would ship it (no automount setting, no projected tokens), where harden edits
 * every ServiceAccount and workload.
 */
export function benchHarden(options: HardenBenchOptions): HardenBenchResult {
  const fleet = generateFleet({ objects: options.documents, violatingFraction: 0.03 }).slice(0, options.documents);
  const hardened = path.join(options.workDir, 'harden-fleet.yaml');
  const upstream = path.join(options.workDir, 'harden-upstream.yaml');
  fs.writeFileSync(hardened, toYamlStream(fleet));
  fs.writeFileSync(upstream, toYamlStream(fleet.map(asShippedUpstream)));
  options.log(`harden: streams written (${(fs.statSync(hardened).size / 2 ** 20).toFixed(1)} and ${(fs.statSync(upstream).size / 2 ** 20).toFixed(1)} MiB)`);
  const cli = buildCli(options.workDir);

  const variants = {
    harden: () => runNodeChild(cli.main, ['harden', hardened]),
    fastParse: () => runNodeChild(FAST_PARSE_SCRIPT, [cli.yaml11Schema, hardened]),
    check: () => runNodeChild(cli.main, ['check', '--format', 'json', hardened]),
    hardenUpstream: () => runNodeChild(cli.main, ['harden', upstream]),
    fastParseUpstream: () => runNodeChild(FAST_PARSE_SCRIPT, [cli.yaml11Schema, upstream]),
  };
  type Name = keyof typeof variants;
  const names = Object.keys(variants) as Name[];
  const runs: Record<Name, ChildRun[]> = { harden: [], fastParse: [], check: [], hardenUpstream: [], fastParseUpstream: [] };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const run = variants[name]();
      check(name, run, options.documents);
      if (round >= options.warmup) runs[name].push(run);
    }
  }
  const ms = (name: Name) => runs[name].map((r) => r.ms);
  const med = (name: Name) => median(ms(name)).toFixed(0);
  return {
    hardenVsFastParse: pairedRatio(ms('harden'), ms('fastParse')),
    detail: `${options.documents} documents, whole child process: harden ${med('harden')} ms vs js-yaml parse ${med('fastParse')} ms ${CLOCK}`,
    unhardened: {
      hardenVsFastParse: pairedRatio(ms('hardenUpstream'), ms('fastParseUpstream')),
      detail: `as shipped upstream (every account and workload edited): harden ${med('hardenUpstream')} ms vs js-yaml parse ${med('fastParseUpstream')} ms ${CLOCK}`,
    },
    hardenVsCheck: pairedRatio(ms('harden'), ms('check')),
  };
}

/** The fleet as a vendor ships it: automount left to its default, no projected token. */
function asShippedUpstream(manifest: Manifest): Manifest {
  const copy = JSON.parse(JSON.stringify(manifest));
  delete copy.automountServiceAccountToken;
  const spec = copy.kind === 'CronJob' ? copy.spec?.jobTemplate?.spec?.template?.spec : copy.spec?.template?.spec;
  if (spec) {
    delete spec.automountServiceAccountToken;
    spec.volumes = (spec.volumes ?? []).filter((v: any) => v.name !== 'api-token');
    for (const c of spec.containers) c.volumeMounts = (c.volumeMounts ?? []).filter((m: any) => m.name !== 'api-token');
  }
  return copy;
}

function check(name: string, run: ChildRun, documents: number): void {
  const ok = name.startsWith('harden')
    ? run.exitCode === 0 && run.stdout.length > 0 && run.stderr.startsWith(`cdk8s-guardrails harden: ${documents} objects read`)
    : name === 'check'
      ? run.exitCode === 1 && summaryObjects(run.stdout) === documents
      : run.exitCode === 0 && run.stdout.trim() === `${documents} documents`;
  if (!ok) throw new Error(`${name} failed (exit ${run.exitCode}): ${run.stderr.slice(0, 2000)}`);
}

/** `summary.objects` of a JSON report, or undefined when it is not one. */
function summaryObjects(stdout: string): number | undefined {
  try {
    return JSON.parse(stdout).summary?.objects;
  } catch {
    return undefined;
  }
}

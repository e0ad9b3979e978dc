/**
 * `npx projen bench`: measures what the guardrails cost, always as a ratio of two variants run
 * alternately in this one process (or as alternating child processes), so that the noise of the
 * machine cancels out. Prints a table, then, as the very last line, one JSON object:
 * synthOverhead, perObjectVsPlain, cliVsFastParse, cliRssVsParse, scaling10x, auditVsJsonParse, hardenVsFastParse, objects.
 *
 * `BENCH_QUICK=1` runs smaller inputs and fewer rounds (under 40 s on 2 cores), same keys.
 * `BENCH_NODE=24` runs it all under the pinned Node 24 (bench/bench-node.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchAudit } from './audit-metric';
import { rerunUnderBenchNode } from './bench-node';
import { buildCli } from './cli-build';
import { benchCli } from './cli-metric';
import { benchEngineScaling } from './engine-metric';
import { benchHarden } from './harden-metric';
import { benchParsers } from './parser-choice';
import { CLOCK } from './stats';
import { benchSynth } from './synth-metric';
import { formatTable } from './table';

const QUICK = process.env.BENCH_QUICK === '1';

/** Input sizes and rounds. Full: the sizes the targets are stated for. */
const SIZES = QUICK
  ? {
    workloads: 200,
    synthRounds: 5,
    engineObjects: 2000,
    engineRounds: 5,
    cliDocuments: 2000,
    crdBytes: 400_000,
    cliRounds: 3,
    parserDocuments: 1000,
    auditEvents: 100_000,
    auditRounds: 3,
    warmup: 1,
  }
  : {
    workloads: 1000,
    synthRounds: 15,
    engineObjects: 20000,
    // 21, not 11: on a host whose speed drifts within seconds, single rounds of the engine ranged
    // from 1.3 to 25, 11-round medians of the same code from 9.2 to 11.1 (seven runs) and 21-round
    // medians from 9.8 to 11.4 (five runs; docs/performance.md, 2026-12-02, fourth stop).
    engineRounds: 21,
    cliDocuments: 20000,
    crdBytes: 4_000_000,
    cliRounds: 15,
    parserDocuments: 20000,
    auditEvents: 1_000_000,
    auditRounds: 5,
    warmup: 1,
  };

/** The targets (all "at most"). */
const TARGETS = {
  synthOverhead: 1.05, perObjectVsPlain: 1.2, cliVsFastParse: 1.5, cliRssVsParse: 1.5, scaling10x: 11, auditVsJsonParse: 1.5, hardenVsFastParse: 2.0,
};

function main(): void {
  const started = Date.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-guardrails-bench-'));
  const log = (message: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  log(`${QUICK ? 'quick' : 'full'} run; ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
  try {
    log(`synth: ${SIZES.workloads} workloads`);
    const synth = benchSynth({ workloads: SIZES.workloads, rounds: SIZES.synthRounds, warmup: SIZES.warmup, outdir: path.join(workDir, 'dist') });
    log(`engine: ${SIZES.engineObjects} and ${SIZES.engineObjects * 10} objects`);
    // The engine is warmed up longer: its runs are short, and the JIT must not favour the second size.
    const engine = benchEngineScaling({ objects: SIZES.engineObjects, rounds: SIZES.engineRounds, warmup: 3 });
    log(`cli: ${SIZES.cliDocuments} documents`);
    const cli = benchCli({ documents: SIZES.cliDocuments, crdBytes: SIZES.crdBytes, rounds: SIZES.cliRounds, warmup: SIZES.warmup, workDir, log });
    log(`harden: ${SIZES.cliDocuments} documents`);
    const harden = benchHarden({ documents: SIZES.cliDocuments, rounds: SIZES.cliRounds, warmup: SIZES.warmup, workDir, log });
    log('parsers');
    const parsers = benchParsers({ yamlText: cli.yamlText, documents: SIZES.parserDocuments, rounds: QUICK ? 2 : 3 });
    log(`audit: ${SIZES.auditEvents} events`);
    const audit = benchAudit({ events: SIZES.auditEvents, rounds: SIZES.auditRounds, warmup: SIZES.warmup, workDir, cli: buildCli(workDir), log });

    const result = {
      synthOverhead: synth.synthOverhead,
      perObjectVsPlain: synth.perObjectVsPlain,
      cliVsFastParse: cli.cliVsFastParse,
      cliRssVsParse: cli.cliRssVsParse,
      scaling10x: engine.scaling10x,
      auditVsJsonParse: audit.auditVsJsonParse,
      hardenVsFastParse: harden.hardenVsFastParse,
      objects: Math.max(synth.objects, engine.largest, cli.documents),
    };
    const status = (key: keyof typeof TARGETS) => (result[key] <= TARGETS[key] ? 'met' : 'MISSED');
    const rows = [
      ['synthOverhead', String(result.synthOverhead), `<= ${TARGETS.synthOverhead}`, status('synthOverhead'), synth.detail],
      ['perObjectVsPlain', String(result.perObjectVsPlain), `<= ${TARGETS.perObjectVsPlain}`, status('perObjectVsPlain'), synth.perObjectDetail],
      ['cliVsFastParse', String(result.cliVsFastParse), `<= ${TARGETS.cliVsFastParse}`, status('cliVsFastParse'), cli.detail],
      ['cliRssVsParse', String(result.cliRssVsParse), `<= ${TARGETS.cliRssVsParse}`, status('cliRssVsParse'), cli.rssDetail],
      ['scaling10x', String(result.scaling10x), `<= ${TARGETS.scaling10x}`, status('scaling10x'), engine.detail],
      ['auditVsJsonParse', String(result.auditVsJsonParse), `<= ${TARGETS.auditVsJsonParse}`, status('auditVsJsonParse'), audit.detail],
      ['hardenVsFastParse', String(result.hardenVsFastParse), `<= ${TARGETS.hardenVsFastParse}`, status('hardenVsFastParse'), harden.detail],
      ['  upstream-shaped', String(harden.unhardened.hardenVsFastParse), '', '', harden.unhardened.detail],
      ['  vs check', String(harden.hardenVsCheck), '', '', 'harden / check --format json over the same stream'],
      ['objects', String(result.objects), '', '', 'objects in the largest run'],
    ];
    console.log(`cdk8s-guardrails benchmark (${QUICK ? 'BENCH_QUICK' : 'full'}, ${CLOCK} time): ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, `
      + `node ${process.version}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg()[0].toFixed(1)} at the end`);
    console.log(formatTable(['metric', 'ratio', 'target', 'status', 'medians'], rows));
    console.log();
    console.log(`YAML parsers over the first ${Math.min(SIZES.parserDocuments, cli.documents)} documents of the same stream (in process, median of ${QUICK ? 2 : 3}):`);
    console.log(formatTable(['parser', 'ms', 'vs CLI reader', 'reads as kubectl reads (probes)'], parsers.rows));
    console.log(`(run took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const rerun = rerunUnderBenchNode(__filename);
if (rerun === undefined) main();
else process.exitCode = rerun;

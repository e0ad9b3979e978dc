import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { inBatch } from './batch-files';
import { addCounts, countByFile, describeScore, MutantCounts, MutationReport, mutationScore, NO_MUTANTS } from './score';
import { formatTable } from '../bench/table';

/**
 * `npx projen mutation [batch...]`: runs the Stryker batches of mutation/batches.json one after
 * the other (all of them by default), then prints the score per file and over everything.
 * Exits 1 if a batch fails to run or the total is below the 85% the project holds itself to.
 * MUTATION_CONCURRENCY sets Stryker's test-runner processes (default 2).
 */

const ROOT = path.resolve(__dirname, '..');
const REPORTS = path.join(ROOT, 'reports', 'mutation');
const MINIMUM_SCORE = 85;

function main(): number {
  const { batches } = JSON.parse(fs.readFileSync(path.join(__dirname, 'batches.json'), 'utf-8')) as { batches: Record<string, { mutate: string[] }> };
  const known = Object.keys(batches);
  const requested = process.argv.slice(2);
  const unknown = requested.filter((b) => !known.includes(b));
  if (unknown.length > 0) {
    console.error(`unknown batch ${unknown.join(', ')}; the batches are: ${known.join(', ')}`);
    return 2;
  }
  fs.mkdirSync(REPORTS, { recursive: true });

  let failed = false;
  for (const batch of requested.length > 0 ? requested : known) {
    const log = path.join(REPORTS, `${batch}.log`);
    const started = Date.now();
    process.stdout.write(`${batch}: running Stryker (log: ${path.relative(ROOT, log)}) ... `);
    const out = fs.openSync(log, 'w');
    const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
      cwd: ROOT,
      env: { ...process.env, MUTATION_BATCH: batch },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (run.status !== 0) {
      failed = true;
      console.log(`failed (exit ${run.status ?? run.signal}) after ${seconds} s; see the log`);
      continue;
    }
    console.log(`${describeScore(totalOf(readReport(batch), batches[batch].mutate))} in ${seconds} s`);
  }

  // The summary covers every batch that has a report, so a partial rerun still shows the whole picture.
  const rows: string[][] = [];
  let total: MutantCounts = NO_MUTANTS;
  const notRun: string[] = [];
  for (const batch of known) {
    const report = readReport(batch);
    if (!report) {
      notRun.push(batch);
      rows.push([batch, '(not run)', '', '', '', '', '']);
      continue;
    }
    for (const [file, counts] of countByFile(report)) {
      if (!inBatch(file, batches[batch].mutate) || mutationScore(counts) === undefined) continue;
      rows.push([batch, file, ...cells(counts)]);
      total = addCounts(total, counts);
    }
  }
  console.log('');
  console.log(formatTable(['batch', 'file', 'score', 'killed', 'timeout', 'survived', 'no cov'], rows));
  console.log('');
  const coverage = notRun.length === 0 ? 'src/compliance and src/rbac' : `batches with a report only; not run: ${notRun.join(', ')}`;
  console.log(`Mutation score (${coverage}): ${describeScore(total)}`);
  const score = mutationScore(total) ?? 0;
  if (score < MINIMUM_SCORE) {
    console.log(`below the ${MINIMUM_SCORE}% minimum`);
    return 1;
  }
  return failed ? 1 : 0;
}

function readReport(batch: string): MutationReport | undefined {
  const file = path.join(REPORTS, `${batch}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) as MutationReport : undefined;
}

/** The counts of a batch's own files (an incremental report may still hold files of earlier runs). */
function totalOf(report: MutationReport | undefined, globs: readonly string[]): MutantCounts {
  if (!report) return NO_MUTANTS;
  return [...countByFile(report)].filter(([file]) => inBatch(file, globs)).map(([, counts]) => counts).reduce(addCounts, NO_MUTANTS);
}

function cells(c: MutantCounts): string[] {
  return [`${mutationScore(c)?.toFixed(2) ?? 'n/a'}%`, String(c.killed), String(c.timeout), String(c.survived), String(c.noCoverage)];
}

process.exitCode = main();

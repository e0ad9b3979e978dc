import * as fs from 'fs';
import * as path from 'path';
import { ChildRun, runNodeChild } from './child-process';
import { BuiltCli } from './cli-build';
import { CLOCK, median, pairedRange, pairedRatio } from './stats';
import { eventsOf, Random, SimAccount, simAccount, SimRequest } from '../test/audit/audit-log-generator';

export interface AuditBenchOptions {
  readonly events: number;
  readonly rounds: number;
  readonly warmup: number;
  readonly workDir: string;
  readonly cli: BuiltCli;
  readonly log: (message: string) => void;
}

export interface AuditBenchResult {
  /** CPU (or wall) time: `cdk8s-guardrails audit --format json LOG` / streaming the same lines through JSON.parse. */
  readonly auditVsJsonParse: number;
  readonly events: number;
  readonly detail: string;
}

const PARSE_SCRIPT = path.join(__dirname, 'child', 'parse-json-lines.js');

/**
 * The whole `audit` command (reading, JSON.parse, summarizing, the report) over a log of
 * `events` audit Events, against the floor of reading and JSON.parse-ing its lines, as
 * alternating child processes.
 */
export function benchAudit(options: AuditBenchOptions): AuditBenchResult {
  const log = path.join(options.workDir, 'audit.log');
  const bytes = writeLog(log, options.events);
  options.log(`audit: ${options.events} events (${(bytes / 2 ** 20).toFixed(0)} MiB) written`);
  const runs: Record<'audit' | 'parse', ChildRun[]> = { audit: [], parse: [] };
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const variant of round % 2 === 0 ? ['audit', 'parse'] as const : ['parse', 'audit'] as const) {
      const run = variant === 'audit'
        ? runNodeChild(options.cli.main, ['audit', '--format', 'json', '--output', path.join(options.workDir, 'audit.json'), log])
        : runNodeChild(PARSE_SCRIPT, [log]);
      check(variant, run, options.events, options.workDir);
      if (round >= options.warmup) runs[variant].push(run);
    }
  }
  const time = (r: ChildRun[]) => r.map((x) => x.ms);
  const rss = (r: ChildRun[]) => median(r.map((x) => x.peakRssKb)) / 1024;
  fs.rmSync(log, { force: true });
  return {
    auditVsJsonParse: pairedRatio(time(runs.audit), time(runs.parse)),
    events: options.events,
    detail: `${options.events} events (${(bytes / 2 ** 20).toFixed(0)} MiB): audit ${median(time(runs.audit)).toFixed(0)} ms vs JSON.parse ${median(time(runs.parse)).toFixed(0)} ms ${CLOCK}; `
      + `peak RSS ${rss(runs.audit).toFixed(0)} vs ${rss(runs.parse).toFixed(0)} MiB; ${pairedRange(time(runs.audit), time(runs.parse))}`,
  };
}

/**
 * A cluster's log: 12 operators and controllers (2-3 pods each, some with rotated tokens, one
 * with a legacy token) reconciling, watching and updating status, some 403s and impersonated
 * requests, and a third of the requests by other users (kubelets, the controller manager), with
 * RequestReceived and ResponseComplete stages (and ResponseStarted for watches). Written in
 * batches: the file does not fit in one string.
 */
function writeLog(file: string, events: number): number {
  const random = new Random(20240506);
  const accounts: SimAccount[] = Array.from({ length: 12 }, (_, i) => simAccount(random, `team-${i % 4}`, `controller-${i}`, 2 + (i % 2)));
  accounts[11] = { ...accounts[11], legacySecret: 'controller-11-token' };
  const resources = [
    { apiGroup: '', resource: 'configmaps' }, { apiGroup: '', resource: 'pods' }, { apiGroup: '', resource: 'services' },
    { apiGroup: 'apps', resource: 'deployments' }, { apiGroup: 'coordination.k8s.io', resource: 'leases' },
    { apiGroup: 'example.com', resource: 'widgets' }, { apiGroup: 'example.com', resource: 'widgets', subresource: 'status' },
  ];
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let bytes = 0;
  let batch: string[] = [];
  let n = 0;
  try {
    while (written < events) {
      n++;
      const target = random.pick(resources);
      const verb = target.subresource ? random.pick(['update', 'patch'] as const) : random.pick(['get', 'get', 'get', 'list', 'watch', 'update', 'patch', 'create'] as const);
      const account = random.pick(accounts);
      const request: SimRequest = {
        account,
        pod: random.int(account.pods.length),
        verb,
        ...target,
        namespace: account.namespace,
        ...(verb === 'list' || verb === 'watch' ? {} : { name: `obj-${random.int(200)}` }),
        allowed: random.next() > 0.05,
        time: n * 2.5,
        auditID: random.uuid(),
        ...(random.next() < 0.01 ? { impersonatedBy: 'alice@example.com' } : {}),
      };
      let requestEvents = eventsOf(request);
      // A third of the traffic is not ServiceAccounts (in a log of every user): nodes, the controller manager.
      if (random.next() < 0.33) {
        const user = { username: random.next() < 0.5 ? `system:node:node-${random.int(3) + 1}` : 'system:kube-controller-manager', groups: ['system:authenticated'] };
        requestEvents = requestEvents.map(({ impersonatedUser, ...event }: any) => ({ ...event, user }));
      }
      const lines = requestEvents.map((event) => JSON.stringify(event));
      for (const line of lines.slice(0, events - written)) {
        batch.push(line);
        written++;
      }
      if (batch.length >= 10_000 || written >= events) {
        const text = `${batch.join('\n')}\n`;
        fs.writeSync(fd, text);
        bytes += Buffer.byteLength(text);
        batch = [];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

function check(variant: 'audit' | 'parse', run: ChildRun, events: number, workDir: string): void {
  if (variant === 'parse') {
    if (run.exitCode !== 0 || run.stdout.trim() !== `${events} events`) throw new Error(`JSON.parse baseline failed (exit ${run.exitCode}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 2000)}`);
    return;
  }
  let report: { events?: number; skipped?: { malformedLines?: number } } = {};
  try {
    report = JSON.parse(fs.readFileSync(path.join(workDir, 'audit.json'), 'utf-8'));
  } catch {
    throw new Error(`cdk8s-guardrails audit wrote no JSON report (exit ${run.exitCode}): ${run.stderr.slice(0, 2000)}`);
  }
  if (run.exitCode !== 0 || report.events !== events || report.skipped?.malformedLines !== 0) {
    throw new Error(`cdk8s-guardrails audit: expected exit 0 and ${events} events, none malformed; got exit ${run.exitCode}, ${report.events} events: ${run.stderr.slice(0, 2000)}`);
  }
}

import * as v8 from 'v8';
import * as vm from 'vm';
import { eventsOf, Random, SimAccount, simAccount, SimRequest } from './audit-log-generator';
import { AuditLogReader, AuditLogSource } from '../../src/audit/audit-log-reader';
import { AuditSummarizer } from '../../src/audit/audit-summarizer';

// The audit keeps strings from the log (auditIDs, times, names, pods, addresses, agents, reasons,
// token ids) without copying the ones JSON.parse returns (src/audit/own-string.ts): V8 copies
// string values out of the parsed text. If it ever returned slices of the line instead, each
// kept value would keep the megabyte chunk its line was cut from. This holds the summarizer to
// bounded memory on the real reading path: 1 MiB chunks, lines sliced from them.

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const MIB = 2 ** 20;
const CHUNKS = 40;

/** A log of CHUNKS megabytes: each starts with a 1 MiB line of another user, then ServiceAccount requests whose every value is new. */
function megabyteChunkedLog(): Buffer {
  const random = new Random(99);
  const lines: string[] = [];
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    const padding = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', stage: 'ResponseComplete', auditID: random.uuid(), verb: 'get', padding: 'x'.repeat(MIB) };
    lines.push(JSON.stringify({ ...padding, user: { username: 'system:node:node-1' } }));
    // A new account per chunk: new pods, token ids, addresses; new names and times per request.
    const account: SimAccount = simAccount(random, `team-${chunk}`, `controller-${chunk}`, 2);
    for (let i = 0; i < 10; i++) {
      const target = { verb: 'get', apiGroup: '', resource: 'configmaps', namespace: account.namespace, name: `cm-${chunk}-${i}` } as const;
      const request: SimRequest = { ...target, account, pod: i % 2, allowed: i % 5 !== 0, time: chunk * 1000 + i, auditID: random.uuid(), userAgent: `agent/${chunk}.${i}` };
      for (const event of eventsOf(request)) lines.push(JSON.stringify(event));
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Reads the log as the audit command does (1 MiB chunks) into a summarizer; `alsoKeep` sees every line. */
async function summarize(log: Buffer, alsoKeep: (line: string) => void): Promise<AuditSummarizer> {
  const source: AuditLogSource = {
    name: 'audit.log',
    async *open() {
      for (let offset = 0; offset < log.length; offset += MIB) yield log.subarray(offset, offset + MIB);
    },
  };
  const summarizer = new AuditSummarizer();
  await AuditLogReader.forEachLine(source, (text, line) => {
    summarizer.addLine(text, source.name, line);
    alsoKeep(text);
  }, () => { throw new Error('no line is too long here'); });
  return summarizer;
}

/** Full collections after the pending callbacks have run (what an async reader still holds is let go first). */
async function settledHeapUsed(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/**
 * What `run`'s result keeps alive (MiB): the heap after full collections with the result still
 * referenced, minus the heap once it is dropped (measured against the heap after the result, so
 * that garbage left by earlier tests in the same worker cannot count for or against it); and what
 * the run left behind that its result does not reach (the heap once the result is dropped, minus
 * the heap before the run: at most noise, unless something keeps what was read).
 */
async function retainedMib<T>(run: () => Promise<T>, check: (result: T) => void): Promise<{ mib: number; leftMib: number }> {
  const before = await settledHeapUsed();
  const held: { result?: T } = { result: await run() };
  check(held.result!);
  const withResult = await settledHeapUsed();
  delete held.result;
  const without = await settledHeapUsed();
  return { mib: (withResult - without) / MIB, leftMib: (without - before) / MIB };
}

describe('audit: what the summarizer keeps from a log does not keep the log', () => {
  const log = megabyteChunkedLog();

  test(`after ${CHUNKS} MiB of log in 1 MiB chunks, the summary holds well under one chunk per chunk read`, async () => {
    const { mib, leftMib } = await retainedMib(() => summarize(log, () => undefined), (summarizer) => {
      const summary = summarizer.summary();
      // The summarizer did keep something from every chunk: 40 accounts, each with its pods, tokens, names and times.
      expect(summary.accounts).toHaveLength(CHUNKS);
      expect(summary.accounts.every((a) => a.report().used[0].names.length === 8 && a.report().tokens.length === 2)).toBe(true);
    });
    expect(mib).toBeLessThan(CHUNKS / 4);
    expect(leftMib).toBeLessThan(CHUNKS / 4);
  });

  test('the measurement sees a chunk kept through a slice of one of its lines (the control)', async () => {
    // A 20-character slice of each 1 MiB line keeps the chunk string it was cut from.
    const { mib } = await retainedMib(async () => {
      const kept: string[] = [];
      const summarizer = await summarize(log, (line) => {
        if (line.length > MIB) kept.push(line.slice(1, 21));
      });
      return { summarizer, kept };
    }, ({ summarizer, kept }) => {
      expect(summarizer.summary().accounts).toHaveLength(CHUNKS);
      expect(kept).toHaveLength(CHUNKS);
    });
    expect(mib).toBeGreaterThan(CHUNKS / 2);
  });
});

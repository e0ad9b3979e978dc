import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { StringDecoder } from 'string_decoder';
import * as zlib from 'zlib';
import { FileSystem } from '../reader/file-system';

/** The name standard input has in messages. */
export const STDIN_LOG_NAME = '<stdin>';

/** A log file (or standard input) that can be read as a stream of chunks. */
export interface AuditLogSource {
  readonly name: string;
  /** The raw bytes, gzip-compressed or not. */
  open(): AsyncIterable<Buffer>;
}

/** A path that could not be read: the run goes on with the others and exits 2. */
export interface AuditReadError {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/**
 * Log files in a directory: the API server's log backend writes `audit.log` and rotates it to
 * `audit-<timestamp>.log` (optionally gzip-compressed); shippers use `.json`, `.jsonl`, `.ndjson`
 * and numbered rotations (`audit.log.1`). Sorted by name, the timestamped backups come before
 * `audit.log` (`-` sorts before `.`), so a rotated directory is read oldest first.
 */
const LOG_FILE = /\.(log|json|jsonl|ndjson)(\.\d+)?(\.gz)?$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const GZIP_MAGIC = [0x1f, 0x8b];
/** Longer lines are reported as malformed and skipped: they would not fit in a JavaScript string. */
export const MAX_LINE_CHARS = 64 * 2 ** 20;
const READ_CHUNK_BYTES = 2 ** 20;

/**
 * Reads audit logs as lines, streaming with bounded memory: chunks are decoded as they come
 * (gzip is detected by its magic bytes, for files and standard input alike, and inflated with
 * node's zlib as a stream), and only the current partial line is kept between chunks.
 */
export class AuditLogReader {
  /**
   * The sources the operands name: a file as itself, a directory as its log files (recursively,
   * sorted), `-` as standard input. Paths that cannot be read are added to `errors`.
   */
  public static sources(operands: readonly string[], stdin: () => AsyncIterable<Buffer>, errors: AuditReadError[]): AuditLogSource[] {
    const sources: AuditLogSource[] = [];
    for (const operand of operands) {
      if (operand === '-') {
        sources.push({ name: STDIN_LOG_NAME, open: stdin });
        continue;
      }
      let stat: fs.Stats;
      try {
        stat = fs.statSync(operand);
      } catch (e) {
        errors.push({ file: operand, message: `cannot read: ${FileSystem.describeError(e)}` });
        continue;
      }
      if (!stat.isDirectory()) {
        sources.push(fileSource(operand));
        continue;
      }
      const found: string[] = [];
      walk(operand, found, errors);
      if (found.length === 0) errors.push({ file: operand, message: 'directory contains no audit log (*.log, *.json, *.jsonl, *.ndjson, optionally .gz)' });
      for (const file of found) sources.push(fileSource(file));
    }
    return sources;
  }

  /**
   * Calls `onLine` with every line of the source and its 1-based number (a trailing `\r` is
   * removed; empty lines are passed too). Rejects when the source cannot be read to its end
   * (the lines before the failure have been passed). A line longer than `MAX_LINE_CHARS` is
   * passed to `onTooLong` instead, and skipped.
   */
  public static async forEachLine(
    source: AuditLogSource, onLine: (text: string, line: number) => void, onTooLong: (line: number) => void,
  ): Promise<number> {
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let skipping = false;
    let line = 0;
    const take = (text: string) => {
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        const piece = text.slice(start, newline);
        start = newline + 1;
        line++;
        if (skipping) {
          skipping = false;
          pending = '';
          continue;
        }
        const full = pending === '' ? piece : pending + piece;
        pending = '';
        onLine(full.endsWith('\r') ? full.slice(0, -1) : full, line);
      }
      if (skipping) return;
      pending = start === 0 ? pending + text : text.slice(start);
      if (pending.length > MAX_LINE_CHARS) {
        onTooLong(line + 1);
        skipping = true;
        pending = '';
      }
    };
    for await (const chunk of inflated(source.open())) take(decoder.write(chunk));
    take(decoder.end());
    if (!skipping && pending !== '') {
      line++;
      onLine(pending.endsWith('\r') ? pending.slice(0, -1) : pending, line);
    }
    return line;
  }

  /** Standard input of this process, as a stream of chunks. */
  public static processStdin(): AsyncIterable<Buffer> {
    return process.stdin;
  }

  private constructor() {}
}

function fileSource(file: string): AuditLogSource {
  return { name: file, open: () => fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) };
}

/** The chunks as they are, or inflated when the first two bytes are gzip's magic number. */
async function* inflated(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = await iterator.next();
  // The magic number could be split over two tiny chunks (a pipe): gather at least two bytes.
  let head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  while (!first.done && head.length < GZIP_MAGIC.length) {
    first = await iterator.next();
    if (!first.done) head = Buffer.concat([head, Buffer.from(first.value)]);
  }
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => iterator };
  if (head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) {
    const compressed = Readable.from((async function* () {
      yield head;
      if (!first.done) yield* rest;
    })());
    const gunzip = zlib.createGunzip();
    compressed.on('error', (e) => gunzip.destroy(e));
    yield* compressed.pipe(gunzip);
    return;
  }
  if (head.length > 0) yield head;
  if (!first.done) yield* rest;
}

function walk(dir: string, found: string[], errors: AuditReadError[]): void {
  for (const entry of FileSystem.sortedEntries(dir, errors) ?? []) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full, found, errors);
    } else if (LOG_FILE.test(entry.name) && (entry.isFile() || FileSystem.isFileLink(full))) {
      found.push(full);
    }
  }
}


import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { AuditLogReader, AuditLogSource, AuditReadError } from '../../src/audit/audit-log-reader';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-reader-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function linesOf(source: AuditLogSource): Promise<Array<[number, string]>> {
  const lines: Array<[number, string]> = [];
  await AuditLogReader.forEachLine(source, (text, line) => lines.push([line, text]), (line) => lines.push([line, '<too long>']));
  return lines;
}

/** A source that yields the given chunks, as a pipe delivers them. */
function chunked(...chunks: Array<Buffer | string>): AuditLogSource {
  return { name: '<stdin>', open: async function* () { for (const c of chunks) yield Buffer.from(c); } };
}

describe('AuditLogReader', () => {
  test('lines are numbered from 1; CRLF endings, a last line without a newline and empty lines are handled', async () => {
    expect(await linesOf(chunked('{"a":1}\r\n\n{"b":2}\n{"c":3}'))).toEqual([[1, '{"a":1}'], [2, ''], [3, '{"b":2}'], [4, '{"c":3}']]);
  });

  test('a line and a UTF-8 character split across chunks are put back together', async () => {
    const text = Buffer.from('{"user":"zoë"}\n');
    const cut = text.indexOf(0xc3) + 1; // inside the two bytes of ë
    expect(await linesOf(chunked(text.subarray(0, 3), text.subarray(3, cut), text.subarray(cut)))).toEqual([[1, '{"user":"zoë"}']]);
  });

  test('gzip is recognised by its magic bytes, in a file and on standard input, even when the first chunk holds one byte', async () => {
    const gz = zlib.gzipSync('{"a":1}\n{"b":2}\n');
    const file = path.join(dir, 'audit.log'); // no .gz: the bytes decide
    fs.writeFileSync(file, gz);
    const errors: AuditReadError[] = [];
    const [source] = AuditLogReader.sources([file], () => chunked().open(), errors);
    expect(await linesOf(source)).toEqual([[1, '{"a":1}'], [2, '{"b":2}']]);
    expect(await linesOf(chunked(gz.subarray(0, 1), gz.subarray(1)))).toEqual([[1, '{"a":1}'], [2, '{"b":2}']]);
    expect(errors).toEqual([]);
  });

  test('a truncated gzip file rejects after the lines before the damage were read', async () => {
    const gz = zlib.gzipSync(Array.from({ length: 200_000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(i % 97)}"}`).join('\n'));
    const lines: number[] = [];
    const reading = AuditLogReader.forEachLine(chunked(gz.subarray(0, gz.length - 20)), (_, line) => lines.push(line), () => undefined);
    await expect(reading).rejects.toThrow();
    expect(lines.length).toBeGreaterThan(1000);
    expect(lines.length).toBeLessThan(200_000);
  });

  test('a directory is read as its log files (rotated and compressed too), sorted by name, oldest rotation first; other files are ignored', () => {
    for (const name of ['audit.log', 'audit-2024-05-06T09-00-00.000.log.gz', 'audit-2024-05-05T09-00-00.000.log', 'notes.txt', 'policy.yaml']) {
      fs.writeFileSync(path.join(dir, name), '');
    }
    fs.mkdirSync(path.join(dir, 'node-2'));
    fs.writeFileSync(path.join(dir, 'node-2', 'audit.jsonl'), '');
    const errors: AuditReadError[] = [];
    const names = AuditLogReader.sources([dir], () => chunked().open(), errors).map((s) => path.relative(dir, s.name));
    expect(names).toEqual(['audit-2024-05-05T09-00-00.000.log', 'audit-2024-05-06T09-00-00.000.log.gz', 'audit.log', path.join('node-2', 'audit.jsonl')]);
    expect(errors).toEqual([]);
  });

  test('a path that does not exist, and a directory without logs, are input errors; the other paths are still read', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'a.log'), '');
    const errors: AuditReadError[] = [];
    const sources = AuditLogReader.sources([path.join(dir, 'missing.log'), path.join(dir, 'empty'), path.join(dir, 'a.log'), '-'], () => chunked().open(), errors);
    expect(sources.map((s) => path.basename(s.name))).toEqual(['a.log', '<stdin>']);
    expect(errors.map((e) => [path.basename(e.file), e.message])).toEqual([
      ['missing.log', 'cannot read: no such file or directory'],
      ['empty', 'directory contains no audit log (*.log, *.json, *.jsonl, *.ndjson, optionally .gz)'],
    ]);
  });
});

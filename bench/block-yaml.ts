/**
 * Writes JSON-like values as block-style YAML, the way `kubectl`, `helm template` and `cdk8s
 * synth` print manifests. Much faster than a general YAML serializer, which matters when the
 * benchmark writes 20,000 documents; it only needs to handle the values the generators make
 * (`run.ts` checks that the written stream parses back to the same objects).
 */
export function toYamlStream(documents: readonly unknown[]): string {
  const out: string[] = [];
  for (const doc of documents) {
    out.push('---\n');
    writeMap(doc as Record<string, unknown>, '', out);
  }
  return out.join('');
}

/** The first `n` documents of a stream written by `toYamlStream` (each starts with a `---` line). */
export function firstDocuments(stream: string, n: number): string {
  let at = 0;
  for (let i = 0; i < n; i++) {
    at = stream.indexOf('\n---\n', at);
    if (at < 0) return stream;
    at += 1;
  }
  return stream.slice(0, at);
}

function writeMap(map: Record<string, unknown>, indent: string, out: string[], firstPrefix?: string): void {
  let first = true;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const prefix = first && firstPrefix !== undefined ? firstPrefix : indent;
    first = false;
    writeEntry(`${prefix}${scalar(key)}:`, value, indent, out);
  }
  if (first) out.push(`${firstPrefix ?? indent}{}\n`);
}

function writeEntry(head: string, value: unknown, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${head} []\n`);
      return;
    }
    out.push(`${head}\n`);
    writeSeq(value, `${indent}  `, out);
  } else if (value !== null && typeof value === 'object') {
    if (Object.keys(value).length === 0) {
      out.push(`${head} {}\n`);
      return;
    }
    out.push(`${head}\n`);
    writeMap(value as Record<string, unknown>, `${indent}  `, out);
  } else if (typeof value === 'string' && value.includes('\n')) {
    const body = value.endsWith('\n') ? value.slice(0, -1) : value;
    out.push(`${head} ${value.endsWith('\n') ? '|' : '|-'}\n`);
    for (const line of body.split('\n')) out.push(line === '' ? '\n' : `${indent}  ${line}\n`);
  } else {
    out.push(`${head} ${scalar(value)}\n`);
  }
}

function writeSeq(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      writeMap(item as Record<string, unknown>, `${indent}  `, out, `${indent}- `);
    } else {
      writeEntry(`${indent}-`, item, indent, out);
    }
  }
}

/** Words that YAML 1.1 (what Kubernetes reads) would turn into booleans or null. */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~']);
/** Starts with a letter, no `: ` or ` #`, nothing a parser could read as a number, date or indicator. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@:-]*$/;

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    return PLAIN.test(value) && !value.endsWith(':') && !RESERVED.has(value.toLowerCase()) ? value : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new Error(`cannot write ${typeof value} as YAML`);
}

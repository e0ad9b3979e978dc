import { JsonValues } from './json-values';
import type { SourceEntry, SourceNode } from './source-map';

/** One value of a JSON stream, where it starts, and (when asked for) where its parts are. */
export interface JsonDocument {
  readonly value: unknown;
  readonly start: number;
  readonly end: number;
  readonly source?: SourceNode;
}

/** A JSON text kubectl refuses; `pos` is where. */
export class JsonStreamError extends Error {
  constructor(message: string, public readonly pos: number) {
    super(message);
    this.name = 'JsonStreamError';
  }
}

/** encoding/json's maximum nesting depth (scanner.go maxNestingDepth). */
const MAX_DEPTH = 10000;

/*
 * A JSON stream as kubectl reads a file whose first non-space character is '{'
 * (k8s.io/apimachinery yaml.NewYAMLOrJSONDecoder): Go's json.Decoder takes one value after
 * another (`{...}{...}`, one per line, or pretty-printed), each value becomes one document; a
 * syntax error ends the stream (what came before it is still applied). Values follow Go's
 * rules: strings must not hold raw control characters, `\u` escapes that are not valid UTF-16
 * become U+FFFD, numbers that do not fit a float64 fail the document (kubectl's number
 * conversion), 10,000 levels of nesting at most. Stricter than kubectl, deliberately: a key
 * repeated in one object fails that document (kubectl silently keeps the last).
 */
export class JsonStream {
  /** The values of a JSON stream, in order; stops (throws) at the first syntax error, after `onValue` saw the values before it. */
  public static read(text: string, onValue: (document: JsonDocument | JsonStreamError) => void): void {
    const reader = new JsonStream(text, false);
    for (;;) {
      reader.skipSpace();
      if (reader.pos >= text.length) return;
      const start = reader.pos;
      let value: unknown;
      try {
        value = reader.value();
      } catch (e) {
        if (!(e instanceof JsonStreamError) || !e.message.startsWith(DOCUMENT_ERROR)) throw e;
        // A value that is valid JSON but cannot be decoded (a number too large): only it fails.
        onValue(new JsonStreamError(e.message.slice(DOCUMENT_ERROR.length), e.pos));
        reader.pos = reader.endOfValue;
        continue;
      }
      onValue({ value, start, end: reader.pos });
    }
  }

  /** One JSON value at `start`, with where its parts are (for locating fields). */
  public static locate(text: string, start: number): SourceNode | undefined {
    const reader = new JsonStream(text, true);
    reader.pos = start;
    try {
      reader.value();
    } catch {
      return undefined;
    }
    return reader.lastSource;
  }

  private pos = 0;
  private depth = 0;
  private lastSource: SourceNode | undefined;
  /** After a document error: where the failed value ends, so the stream continues there. */
  private endOfValue = 0;
  private documentError: JsonStreamError | undefined;

  private constructor(private readonly text: string, private readonly withSource: boolean) {}

  private skipSpace(): void {
    const text = this.text;
    for (let c = text.charCodeAt(this.pos); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(this.pos)) this.pos++;
  }

  private fail(message: string, pos = this.pos): never {
    throw new JsonStreamError(message, pos);
  }

  private describe(pos: number): string {
    return pos >= this.text.length ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(this.text[pos])}`;
  }

  /** One value (iteratively: objects and arrays may nest 10,000 levels). */
  private value(): unknown {
    this.documentError = undefined;
    type Frame = { container: Record<string, unknown> | unknown[]; key: string | undefined; keyPos: number; source: SourceNode | undefined };
    const stack: Frame[] = [];
    let result: unknown;
    let resultSource: SourceNode | undefined;
    for (;;) {
      this.skipSpace();
      const start = this.pos;
      let value: unknown;
      let source: SourceNode | undefined;
      const c = this.text.charCodeAt(this.pos);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (++this.depth > MAX_DEPTH) this.fail('exceeded max depth');
        this.pos++;
        const container: Record<string, unknown> | unknown[] = c === 123 ? {} : [];
        const frameSource = this.withSource ? { pos: start, entries: c === 123 ? new Map<string, SourceEntry>() : [] } : undefined;
        const frame: Frame = { container, key: undefined, keyPos: 0, source: frameSource };
        this.skipSpace();
        const close = c === 123 ? 125 : 93;
        if (this.text.charCodeAt(this.pos) === close) {
          this.pos++;
          this.depth--;
          value = container;
          source = frameSource;
        } else {
          stack.push(frame);
          if (c === 123) this.readKey(frame);
          continue;
        }
      } else {
        value = this.scalar();
        if (this.withSource) source = { pos: start };
      }
      // Hand the value to its container; close every container that ends here.
      for (;;) {
        const frame = stack[stack.length - 1];
        if (frame === undefined) {
          result = value;
          resultSource = source;
          if (this.documentError !== undefined) {
            this.endOfValue = this.pos;
            throw this.documentError;
          }
          this.lastSource = resultSource;
          return result;
        }
        if (Array.isArray(frame.container)) {
          frame.container.push(value);
          if (frame.source) (frame.source.entries as SourceNode[]).push(source!);
        } else {
          const key = frame.key!;
          if (Object.prototype.hasOwnProperty.call(frame.container, key) && this.documentError === undefined) {
            this.documentError = new JsonStreamError(`${DOCUMENT_ERROR}object keys must be unique: ${JSON.stringify(key)} is repeated (kubectl would silently keep only the last value)`, frame.keyPos);
          }
          JsonValues.set(frame.container, key, value);
          if (frame.source) (frame.source.entries as Map<string, SourceEntry>).set(key, { keyPos: frame.keyPos, node: source! });
        }
        this.skipSpace();
        const next = this.text.charCodeAt(this.pos);
        const isObject = !Array.isArray(frame.container);
        if (next === 44 /* , */) {
          this.pos++;
          if (isObject) this.readKey(frame);
          break;
        }
        if (next === (isObject ? 125 : 93)) {
          this.pos++;
          this.depth--;
          stack.pop();
          value = frame.container;
          source = frame.source;
          continue;
        }
        this.fail(`${this.describe(this.pos)} after ${isObject ? 'object key:value pair' : 'array element'}`);
      }
    }
  }

  private readKey(frame: { key: string | undefined; keyPos: number }): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 34) this.fail(`${this.describe(this.pos)} looking for beginning of object key string`);
    frame.keyPos = this.pos;
    frame.key = this.string();
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 58) this.fail(`${this.describe(this.pos)} after object key`);
    this.pos++;
  }

  private scalar(): unknown {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 34) return this.string();
    if (c === 116 && text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (c === 102 && text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (c === 110 && text.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    const m = NUMBER.exec(text.slice(this.pos, this.pos + 400));
    if (m === null || m[0].length === 0) this.fail(`${this.describe(this.pos)} looking for beginning of value`);
    let literal = m[0];
    if (literal.length === 400) {
      // A long number: take all of it.
      const rest = /^[0-9.eE+-]*/.exec(text.slice(this.pos + 400))![0];
      literal = NUMBER.exec(text.slice(this.pos, this.pos + 400 + rest.length))![0];
    }
    const start = this.pos;
    this.pos += literal.length;
    // kubectl's conversion: int64 if the literal is an integer in range, else float64.
    const n = Number(literal);
    if (!Number.isFinite(n) && this.documentError === undefined) {
      this.documentError = new JsonStreamError(`${DOCUMENT_ERROR}json: cannot unmarshal number ${literal} into Go value of type float64`, start);
    }
    return /^-?[0-9]+$/.test(literal) && n === 0 ? 0 : n;
  }

  private string(): string {
    const text = this.text;
    const start = this.pos++;
    let out = '';
    let run = this.pos;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unexpected end of JSON input', start);
      if (c === 34) {
        out += text.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail(`invalid character ${JSON.stringify(text[this.pos])} in string literal`);
      if (c === 92) {
        out += text.slice(run, this.pos);
        out += this.escape();
        run = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private escape(): string {
    const e = this.text[this.pos + 1];
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    if (e !== 'u') this.fail(`invalid character ${JSON.stringify(e ?? '')} in string escape code`);
    const first = this.hex4(this.pos + 2);
    this.pos += 6;
    if (first >= 0xd800 && first < 0xdc00) {
      // A surrogate pair must follow as a second \u escape; anything else is U+FFFD (Go's unquote).
      if (this.text[this.pos] === '\\' && this.text[this.pos + 1] === 'u') {
        const second = this.hex4(this.pos + 2);
        if (second >= 0xdc00 && second < 0xe000) {
          this.pos += 6;
          return String.fromCharCode(first, second);
        }
      }
      return '\ufffd';
    }
    if (first >= 0xdc00 && first < 0xe000) return '\ufffd';
    return String.fromCharCode(first);
  }

  private hex4(at: number): number {
    const digits = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail('invalid character in \\u hexadecimal character escape', at);
    return parseInt(digits, 16);
  }
}

const DOCUMENT_ERROR = 'document: ';
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t' };

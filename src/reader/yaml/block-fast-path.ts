import type { DecodedYaml } from './decoder';
import { Scalars } from './scalars';
import { doubleQuotedEscape } from './scanner';
import { YamlError } from './yaml-error';
import { JsonValues } from '../json-values';
import type { SourceEntry, SourceNode } from '../source-map';

/*
 * A fast path for the YAML that generators write (kubectl, helm, kustomize, cdk8s): block
 * mappings and sequences (indentless sequences too), single-line plain and quoted scalars,
 * literal block scalars (`|`, `|-`, `|+`), empty `[]` and `{}`, comments. It reads them line by
 * line, as go-yaml's scanner would tokenize them, and gives up (returns undefined) at the first
 * thing outside that subset (anchors, aliases, tags, merge keys, flow collections, quoted keys,
 * multi-line scalars, folded scalars, tabs, duplicate keys, anything invalid): the full
 * port (decoder.ts) then reads the document from the start. Its results are the full port's
 * results: a property test compares them on generated documents, and the differential test
 * compares both with kubectl.
 */

enum Kind { MAP, SEQ }

interface Container {
  readonly kind: Kind;
  /** The column of its keys or of its '-' indicators. */
  readonly col: number;
  readonly value: Record<string, unknown> | unknown[];
  /** A sequence at its mapping's column (`key:` then `- a` lines at the same column). */
  readonly indentless: boolean;
  /** Where it and its parts were written (only when asked for). */
  readonly source?: SourceCollection;
}

interface SourceCollection {
  readonly pos: number;
  readonly entries: Map<string, SourceEntry> | SourceNode[];
}

/** A key or sequence item written without a value on its line: its value may follow on the next lines. */
interface Pending {
  readonly container: Container;
  readonly key: string;
  /** Where the key starts (mappings). */
  readonly keyPos: number;
  /** Where go-yaml puts an empty value: right after the key's ':' or the item's '-'. */
  readonly emptyPos: number;
}

/** Characters that cannot start a plain scalar (or start something this path does not handle). */
const NOT_PLAIN = new Uint8Array(128);
for (const ch of '-?:,[]{}#&*!|>\'"%@`\t') NOT_PLAIN[ch.charCodeAt(0)] = 1;

/** Line breaks other than LF, and the characters the fast path leaves to the full port. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED = /[\r\u0085\u2028\u2029\t]/;

const MAX_DEPTH = 10000;
const MAX_KEY_LENGTH = 1024;

class GiveUp {}
const GIVE_UP = new GiveUp();

export class BlockFastPath {
  /** Whether a text may be read by the fast path at all (no CR, NEL, LS, PS or tab anywhere). */
  public static applies(text: string): boolean {
    return !UNSUPPORTED.test(text);
  }

  /**
   * The first document of `text` as the full decoder reads it, or undefined to use the full decoder.
   * @param withSource also record where each part was written, as the full decoder does (for locating fields)
   */
  public static decode(text: string, withSource = false): DecodedYaml | undefined {
    try {
      return new BlockFastPath(text, withSource).run();
    } catch (e) {
      if (e === GIVE_UP || e instanceof YamlError) return undefined;
      throw e;
    }
  }

  private readonly stack: Container[] = [];
  private pending: Pending | undefined;
  private root: unknown = undefined;
  private rootStart = 0;
  private rootSource: SourceNode | undefined;
  /** Where the line after the last value starts (a block scalar spans several lines). */
  private next = 0;

  private constructor(private readonly text: string, private readonly withSource: boolean) {}

  private run(): DecodedYaml {
    const text = this.text;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd < 0) lineEnd = n;
      let i = pos;
      while (text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      if (i >= lineEnd || c === 35 /* # */) {
        pos = lineEnd + 1;
        continue;
      }
      const col = i - pos;
      if (col === 0 && (c === 37 /* % */ || ((c === 45 || c === 46) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c))) {
        throw GIVE_UP; // directives, document markers
      }
      pos = this.line(i, col, lineEnd);
    }
    if (this.pending !== undefined) this.setPending(null);
    const decoded = { value: this.root === undefined ? null : this.root, start: this.rootStart };
    // An empty document's null has no place of its own, as in the full port.
    return this.rootSource === undefined ? decoded : { ...decoded, source: this.rootSource };
  }

  /** One content line; returns where the next line starts (a block scalar consumes several). */
  private line(i: number, col: number, lineEnd: number): number {
    const text = this.text;
    const isItem = text.charCodeAt(i) === 45 && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 32);
    if (this.root === undefined) {
      this.rootStart = i;
      const container = this.open(isItem ? Kind.SEQ : Kind.MAP, col, false, i);
      this.root = container.value;
      this.rootSource = container.source;
    } else if (this.pending !== undefined) {
      const owner = this.pending.container;
      if (col > owner.col) {
        // The value of the key (or item) written on the line before: a nested collection.
        const nested = this.open(isItem ? Kind.SEQ : Kind.MAP, col, false, i);
        this.setPending(nested.value, nested.source);
      } else if (col === owner.col && isItem && owner.kind === Kind.MAP) {
        const nested = this.open(Kind.SEQ, col, true, i);
        this.setPending(nested.value, nested.source);
      } else {
        this.setPending(null);
      }
    }
    const stack = this.stack;
    while (stack.length > 0 && stack[stack.length - 1].col > col) stack.pop();
    let top = stack[stack.length - 1];
    if (top === undefined || top.col < col) throw GIVE_UP;
    if (top.kind === Kind.SEQ && !isItem) {
      if (!top.indentless) throw GIVE_UP;
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (top.kind === Kind.SEQ) return this.item(top, i, lineEnd);
    if (isItem) throw GIVE_UP;
    return this.entry(top, i, lineEnd);
  }

  /** Opens a collection whose first key or '-' is at `pos`. */
  private open(kind: Kind, col: number, indentless: boolean, pos: number): Container {
    if (this.stack.length >= MAX_DEPTH) throw GIVE_UP;
    const source = this.withSource ? { pos, entries: kind === Kind.MAP ? new Map<string, SourceEntry>() : [] } : undefined;
    const container: Container = { kind, col, value: kind === Kind.MAP ? {} : [], indentless, source };
    this.stack.push(container);
    return container;
  }

  /** Gives the pending key or item its value (and, with sources, its place: a nested collection's, else empty). */
  private setPending(value: unknown, source?: SourceNode): void {
    const { container, key, keyPos, emptyPos } = this.pending!;
    this.pending = undefined;
    if (container.kind === Kind.SEQ) {
      (container.value as unknown[])[(container.value as unknown[]).length - 1] = value;
    } else {
      JsonValues.set(container.value as Record<string, unknown>, key, value);
    }
    if (this.withSource) this.placed(container, key, keyPos, source ?? { pos: emptyPos });
  }

  /** Records where a value was written (and its key, in a mapping); called only when sources are asked for. */
  private placed(container: Container, key: string, keyPos: number, node: SourceNode): void {
    const entries = container.source!.entries;
    if (Array.isArray(entries)) entries.push(node);
    else entries.set(key, { keyPos, node });
  }

  /** `- ...` in a sequence at the dash's column. */
  private item(seq: Container, dash: number, lineEnd: number): number {
    const text = this.text;
    const list = seq.value as unknown[];
    let k = dash + 1;
    while (text.charCodeAt(k) === 32) k++;
    list.push(null);
    if (k >= lineEnd || text.charCodeAt(k) === 35) {
      this.pending = { container: seq, key: '', keyPos: 0, emptyPos: dash + 1 };
      return lineEnd + 1;
    }
    const c = text.charCodeAt(k);
    if (c === 45 && (k + 1 === lineEnd || text.charCodeAt(k + 1) === 32)) throw GIVE_UP; // - - nested
    const colon = this.keyEnd(k, lineEnd);
    if (colon >= 0) {
      // `- key: value`: a mapping that starts in the item, at the key's column.
      const lineStart = text.lastIndexOf('\n', dash) + 1;
      const map = this.open(Kind.MAP, k - lineStart, false, k);
      list[list.length - 1] = map.value;
      if (this.withSource) this.placed(seq, '', 0, map.source!);
      return this.entry(map, k, lineEnd);
    }
    list[list.length - 1] = this.value(seq, k, lineEnd);
    if (this.withSource) this.placed(seq, '', 0, nodeOf(list[list.length - 1], k));
    return this.next;
  }

  /** `key: value` in a mapping. */
  private entry(map: Container, k: number, lineEnd: number): number {
    const text = this.text;
    const colon = this.keyEnd(k, lineEnd);
    if (colon < 0) throw GIVE_UP;
    let keyEnd = colon;
    while (text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
    const keyText = text.slice(k, keyEnd);
    if (keyText === '<<' || colon - k > MAX_KEY_LENGTH) throw GIVE_UP;
    const key = Scalars.key('', keyText, true, k);
    const target = map.value as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(target, key)) throw GIVE_UP; // the full port reports the duplicate
    let v = colon + 1;
    while (text.charCodeAt(v) === 32) v++;
    if (v >= lineEnd || text.charCodeAt(v) === 35) {
      JsonValues.set(target, key, null); // holds the key's place; set when the value is known
      this.pending = { container: map, key, keyPos: k, emptyPos: colon + 1 };
      return lineEnd + 1;
    }
    const value = this.value(map, v, lineEnd);
    if (key === '__proto__') JsonValues.set(target, key, value);
    else target[key] = value;
    if (this.withSource) this.placed(map, key, k, nodeOf(value, v));
    return this.next;
  }

  /**
   * Where a plain key on this line ends (its ':' followed by a space or the line end), or -1 if
   * the line holds no key. Gives up on keys this path does not read (quoted, anchored, `?`, ...).
   */
  private keyEnd(k: number, lineEnd: number): number {
    const text = this.text;
    const c = text.charCodeAt(k);
    if (c < 128 && NOT_PLAIN[c] === 1) {
      const next = text.charCodeAt(k + 1);
      // '-', '?' and ':' may start a plain scalar when a non-space follows.
      if (!((c === 45 || c === 63 || c === 58) && k + 1 < lineEnd && next !== 32)) {
        if (c === 34 || c === 39 || c === 91 || c === 123 || c === 124) return -1; // values: handled by value()
        throw GIVE_UP;
      }
    }
    for (let j = k; j < lineEnd; j++) {
      const d = text.charCodeAt(j);
      if (d === 58 && (j + 1 === lineEnd || text.charCodeAt(j + 1) === 32)) return j;
      if (d === 35 && text.charCodeAt(j - 1) === 32) return -1; // a comment: no key on this line
    }
    return -1;
  }

  /** A value on the line at `v` (not empty); sets `next` to where the next line starts. */
  private value(container: Container, v: number, lineEnd: number): unknown {
    this.next = lineEnd + 1;
    const text = this.text;
    const c = text.charCodeAt(v);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const single = c === 39;
      let s = '';
      let run = v + 1;
      let j = v + 1;
      for (;;) {
        if (j >= lineEnd) throw GIVE_UP; // continues on the next line
        const d = text.charCodeAt(j);
        if (!single && d === 92) {
          // An escape (go-yaml's set); an escaped line break continues the scalar on the next line.
          const escape = doubleQuotedEscape(text, j);
          if (escape === undefined) throw GIVE_UP;
          s += text.slice(run, j) + escape.value;
          j += escape.length;
          run = j;
          continue;
        }
        if (d === c) {
          if (single && text.charCodeAt(j + 1) === 39) {
            s += text.slice(run, j + 1);
            j += 2;
            run = j;
            continue;
          }
          break;
        }
        j++;
      }
      s += text.slice(run, j);
      this.endOfLine(j + 1, lineEnd);
      return s;
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (text.charCodeAt(v + 1) !== (c === 91 ? 93 : 125)) throw GIVE_UP; // only [] and {}
      this.endOfLine(v + 2, lineEnd);
      return c === 91 ? [] : {};
    }
    if (c === 124 /* | */) return this.literal(container, v, lineEnd);
    if (c < 128 && NOT_PLAIN[c] === 1 && !((c === 45 || c === 63 || c === 58) && v + 1 < lineEnd && text.charCodeAt(v + 1) !== 32)) {
      throw GIVE_UP;
    }
    // A plain scalar: to a comment (' #') or the line end; ': ' inside it is an error.
    let end = lineEnd;
    for (let j = v; j < lineEnd; j++) {
      const d = text.charCodeAt(j);
      if (d === 35 && text.charCodeAt(j - 1) === 32) {
        end = j;
        break;
      }
      if (d === 58 && (j + 1 === lineEnd || text.charCodeAt(j + 1) === 32)) throw GIVE_UP;
    }
    while (text.charCodeAt(end - 1) === 32) end--;
    const value = Scalars.value('', text.slice(v, end), true, v);
    if (typeof value === 'number' && !Number.isFinite(value)) throw GIVE_UP;
    return value;
  }

  /** After a quoted scalar or [] {}: only spaces and a comment may follow on the line. */
  private endOfLine(j: number, lineEnd: number): void {
    const text = this.text;
    while (text.charCodeAt(j) === 32) j++;
    if (j < lineEnd && text.charCodeAt(j) !== 35) throw GIVE_UP;
  }

  /** A literal block scalar (`|`, `|-`, `|+`), as scan_block_scalar reads it with no indentation indicator. */
  private literal(container: Container, v: number, lineEnd: number): string {
    const text = this.text;
    let j = v + 1;
    let chomping = 0;
    const indicator = text.charCodeAt(j);
    if (indicator === 45 || indicator === 43) {
      chomping = indicator === 43 ? 1 : -1;
      j++;
    }
    this.endOfLine(j, lineEnd);
    if (j < lineEnd && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 35) throw GIVE_UP; // |2 and the like
    // Leading empty lines, and the indentation: the deepest of them and of the first content line.
    let p = lineEnd + 1;
    let breaks = '';
    let maxIndent = 0;
    let q: number;
    for (;;) {
      q = p;
      while (text.charCodeAt(q) === 32) q++;
      if (q - p > maxIndent) maxIndent = q - p;
      if (text.charCodeAt(q) !== 10) break;
      breaks += '\n';
      p = q + 1;
    }
    const indent = Math.max(maxIndent, container.col + 1, 1);
    if (q < text.length && q - p < indent && maxIndent > q - p) throw GIVE_UP; // spaces-only lines deeper than the content
    let s = '';
    let leadingBreak = '';
    while (q - p === indent && q < text.length) {
      s += leadingBreak + breaks;
      breaks = '';
      const le = text.indexOf('\n', q);
      s += text.slice(q, le);
      leadingBreak = '\n';
      p = le + 1;
      for (;;) {
        q = p;
        while (text.charCodeAt(q) === 32 && q - p < indent) q++;
        if (text.charCodeAt(q) !== 10) break;
        breaks += '\n';
        p = q + 1;
      }
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += breaks;
    this.next = p;
    return s;
  }
}

/** The place of a value written on its line at `pos`: a scalar, or an empty `[]` or `{}` (the only collections written on one line here). */
function nodeOf(value: unknown, pos: number): SourceNode {
  if (value === null || typeof value !== 'object') return { pos };
  return { pos, entries: Array.isArray(value) ? [] : new Map<string, SourceEntry>() };
}

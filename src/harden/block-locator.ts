import type { LocatedEntry, LocatedMap, LocatedNode, LocatedScalar, LocatedSeq } from './located-yaml';

/*
 * A fast locator for the YAML generators write (kubectl, helm template, kustomize, cdk8s): block
 * mappings and sequences (indentless sequences too), single-line plain and quoted scalars, block
 * scalars (`|`, `>`, with `-` or an indentation indicator), single-line flow collections, comments,
 * a leading `---`. It reads line by line and gives up (undefined) at the first thing outside that
 * subset: anchors, aliases, tags, quoted or complex keys, multi-line plain, quoted or flow
 * scalars, kept block scalars (`|+`), tabs in indentation, directives, a second document. The
 * editor then uses `YamlLibLocator`. A differential test compares both on the same documents.
 */

/** Thrown to stop reading: the document is outside the subset. */
const GIVE_UP = Symbol('give up');

/** Characters that cannot start a plain key or scalar here (indicators, and what the subset leaves out). */
const NOT_PLAIN = new Set('-?:,[]{}#&*!|>\'"%@`');

interface OpenMap {
  readonly type: 'map';
  readonly col: number;
  readonly start: number;
  readonly entries: Array<{ key: string; keyStart: number; keyEnd: number; colon: number; value?: LocatedNode }>;
  mergeKey: boolean;
}

interface OpenSeq {
  readonly type: 'seq';
  readonly col: number;
  readonly start: number;
  readonly items: Array<LocatedNode | undefined>;
  readonly dashes: number[];
}

type Open = OpenMap | OpenSeq;

/** A key or item written without a value on its line: its value may be on the next lines. */
interface Pending {
  readonly container: Open;
  /** The entry or item index whose value is pending. */
  readonly index: number;
}

export class BlockLocator {
  /** The document's root, or undefined when it is outside the plain block subset. */
  public static locate(text: string): LocatedNode | undefined {
    try {
      return new Scanner(text).document();
    } catch (e) {
      if (e === GIVE_UP) return undefined;
      throw e;
    }
  }

  private constructor() {}
}

class Scanner {
  private readonly stack: Open[] = [];
  private pending?: Pending;
  private root?: Open;
  /** Offset of the line being read, its end (before the line break) and the next line's start. */
  private lineStart = 0;
  private lineEnd = 0;
  private next = 0;

  constructor(private readonly text: string) {}

  public document(): LocatedNode | undefined {
    const text = this.text;
    // A lone CR is a line break to YAML: leave such text to the full locator.
    if (/\r(?!\n)/.test(text)) throw GIVE_UP;
    let seenContent = false;
    while (this.advance()) {
      const { col, first } = this.indentation();
      if (first === this.lineEnd || text[first] === '#') continue;
      if (col === 0 && (text.startsWith('---', first) || text.startsWith('...', first) || text[first] === '%')) {
        // Only a leading `---` line (a comment may follow): the document itself starts below it.
        if (seenContent || !text.startsWith('---', first) || !this.onlyComment(first + 3)) throw GIVE_UP;
        continue;
      }
      seenContent = true;
      this.line(col, first);
    }
    this.resolvePending();
    while (this.stack.length > 0) this.close();
    return this.root ? this.located(this.root) : undefined;
  }

  /** Moves to the next line; false at the end of the text. */
  private advance(): boolean {
    if (this.next >= this.text.length) return false;
    this.lineStart = this.next;
    const newline = this.text.indexOf('\n', this.lineStart);
    const end = newline < 0 ? this.text.length : newline;
    this.lineEnd = end > this.lineStart && this.text[end - 1] === '\r' ? end - 1 : end;
    this.next = newline < 0 ? this.text.length : newline + 1;
    return true;
  }

  /** The line's indentation (spaces only: a tab there gives up) and its first other character. */
  private indentation(): { col: number; first: number } {
    let at = this.lineStart;
    while (at < this.lineEnd && this.text[at] === ' ') at++;
    if (this.text[at] === '\t') throw GIVE_UP;
    return { col: at - this.lineStart, first: at };
  }

  private line(col: number, first: number): void {
    const dash = this.text[first] === '-' && (first + 1 === this.lineEnd || this.text[first + 1] === ' ');
    if (this.pending) {
      const owner = this.pending.container;
      if (col > owner.col || (col === owner.col && dash && owner.type === 'map')) {
        // The pending value is a block collection that starts on this line (an indentless sequence at the key's column).
        const opened = this.open(dash ? 'seq' : 'map', col, first);
        this.setValue(this.pending, opened as unknown as LocatedNode);
        this.pending = undefined;
        this.stack.push(opened);
        this.element(opened, first, dash);
        return;
      }
      this.resolvePending();
    }
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (col < top.col || (col === top.col && top.type === 'seq' && !dash)) {
        this.close();
        continue;
      }
      if (col > top.col) throw GIVE_UP;
      break;
    }
    let container = this.stack[this.stack.length - 1];
    if (!container) {
      if (this.root) throw GIVE_UP;
      container = this.open(dash ? 'seq' : 'map', col, first);
      this.root = container;
      this.stack.push(container);
    }
    if ((container.type === 'seq') !== dash) throw GIVE_UP;
    this.element(container, first, dash);
  }

  /** Reads one entry of a mapping or item of a sequence, starting at `at`. */
  private element(container: Open, at: number, dash: boolean): void {
    if (container.type === 'seq') {
      if (!dash) throw GIVE_UP;
      container.dashes.push(at);
      container.items.push(undefined);
      let rest = at + 1;
      while (rest < this.lineEnd && this.text[rest] === ' ') rest++;
      if (rest === this.lineEnd || this.text[rest] === '#') {
        this.pending = { container, index: container.items.length - 1 };
        return;
      }
      if (this.text[rest] === '-' && (rest + 1 === this.lineEnd || this.text[rest + 1] === ' ')) throw GIVE_UP;
      if (this.keyColon(rest) >= 0) {
        // `- key: value`: a mapping whose keys are at the column of this first key.
        const map = this.open('map', rest - this.lineStart, rest) as OpenMap;
        container.items[container.items.length - 1] = map as unknown as LocatedNode;
        this.stack.push(map);
        this.entry(map, rest);
        return;
      }
      container.items[container.items.length - 1] = this.value(rest, container.col);
      return;
    }
    this.entry(container, at);
  }

  private entry(map: OpenMap, at: number): void {
    const colon = this.keyColon(at);
    if (colon < 0) throw GIVE_UP;
    const key = this.text.slice(at, colon).replace(/ +$/, '');
    if (key === '<<') map.mergeKey = true;
    map.entries.push({ key, keyStart: at, keyEnd: at + key.length, colon });
    let rest = colon + 1;
    while (rest < this.lineEnd && this.text[rest] === ' ') rest++;
    if (rest === this.lineEnd || this.text[rest] === '#') {
      if (rest < this.lineEnd && rest === colon + 1) throw GIVE_UP;
      this.pending = { container: map, index: map.entries.length - 1 };
      return;
    }
    map.entries[map.entries.length - 1].value = this.value(rest, map.col);
  }

  /** The colon that ends a plain key starting at `at` (`: ` or `:` at the line's end), or -1. */
  private keyColon(at: number): number {
    if (NOT_PLAIN.has(this.text[at])) return -1;
    for (let i = at; i < this.lineEnd; i++) {
      const c = this.text[i];
      if (c === ':' && (i + 1 === this.lineEnd || this.text[i + 1] === ' ')) return i;
      if (c === '#' && this.text[i - 1] === ' ') return -1;
    }
    return -1;
  }

  /** An inline value at `at` (not empty); `parentCol` is the column a block scalar's lines must pass. */
  private value(at: number, parentCol: number): LocatedNode {
    const c = this.text[at];
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`' || c === '?') throw GIVE_UP;
    if (c === '|' || c === '>') return this.blockScalar(at, parentCol);
    if (c === '"' || c === '\'') {
      const end = this.quotedEnd(at);
      this.expectLineEnd(end);
      return { type: 'scalar', start: at, end };
    }
    if (c === '[' || c === '{') {
      const end = this.flowEnd(at);
      this.expectLineEnd(end);
      if (this.text.slice(at + 1, end - 1).trim() === '') {
        return c === '['
          ? { type: 'seq', flow: true, start: at, end, items: [] }
          : { type: 'map', flow: true, start: at, end, entries: [], mergeKey: false };
      }
      return { type: 'opaque', start: at, end, reason: 'a flow collection' };
    }
    // A plain scalar, up to a comment or the line's end.
    let end = this.lineEnd;
    for (let i = at; i < this.lineEnd; i++) {
      if (this.text[i] === '#' && this.text[i - 1] === ' ') {
        end = i;
        break;
      }
      if (this.text[i] === ':' && (i + 1 === this.lineEnd || this.text[i + 1] === ' ')) throw GIVE_UP;
    }
    while (end > at && this.text[end - 1] === ' ') end--;
    return { type: 'scalar', start: at, end };
  }

  /** A block scalar: its header, then every line that is blank or indented past `parentCol`. */
  private blockScalar(at: number, parentCol: number): LocatedScalar {
    let header = at + 1;
    while (header < this.lineEnd && /[-0-9]/.test(this.text[header])) header++;
    if (this.text[header] === '+') throw GIVE_UP;
    this.expectLineEnd(header);
    let end = this.next;
    while (this.next < this.text.length) {
      const save = { lineStart: this.lineStart, lineEnd: this.lineEnd, next: this.next };
      this.advance();
      const { col, first } = this.indentation();
      if (first !== this.lineEnd && col <= parentCol) {
        Object.assign(this, save);
        break;
      }
      if (first !== this.lineEnd) end = this.next;
    }
    return { type: 'scalar', start: at, end };
  }

  /** The offset after the closing quote of a single-line quoted scalar at `at`. */
  private quotedEnd(at: number): number {
    const quote = this.text[at];
    for (let i = at + 1; i < this.lineEnd; i++) {
      const c = this.text[i];
      if (quote === '"' && c === '\\') {
        i++;
      } else if (c === quote) {
        if (quote === '\'' && this.text[i + 1] === '\'') {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    throw GIVE_UP;
  }

  /** The offset after the bracket that closes a single-line flow collection at `at`. */
  private flowEnd(at: number): number {
    let depth = 0;
    for (let i = at; i < this.lineEnd; i++) {
      const c = this.text[i];
      if (c === '"' || c === '\'') {
        i = this.quotedEnd(i) - 1;
      } else if (c === '[' || c === '{') {
        depth++;
      } else if (c === ']' || c === '}') {
        if (--depth === 0) return i + 1;
      } else if (c === '&' || c === '*' || c === '!' || (c === '#' && this.text[i - 1] === ' ')) {
        throw GIVE_UP;
      }
    }
    throw GIVE_UP;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private expectLineEnd(at: number): void {
    if (!this.onlyComment(at)) throw GIVE_UP;
  }

  private onlyComment(at: number): boolean {
    let i = at;
    while (i < this.lineEnd && this.text[i] === ' ') i++;
    return i === this.lineEnd || (this.text[i] === '#' && i > at);
  }

  private open(type: 'map' | 'seq', col: number, start: number): Open {
    return type === 'map' ? { type, col, start, entries: [], mergeKey: false } : { type, col, start, items: [], dashes: [] };
  }

  /** A pending value that never came is null, right after its colon or dash. */
  private resolvePending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const container = pending.container;
    const at = container.type === 'map' ? container.entries[pending.index].colon + 1 : container.dashes[pending.index] + 1;
    this.setValue(pending, { type: 'scalar', start: at, end: at });
  }

  private setValue(pending: Pending, value: LocatedNode): void {
    const container = pending.container;
    if (container.type === 'map') container.entries[pending.index].value = value;
    else container.items[pending.index] = value;
  }

  private close(): void {
    this.resolvePendingIn(this.stack[this.stack.length - 1]);
    this.stack.pop();
  }

  private resolvePendingIn(container: Open): void {
    if (this.pending?.container === container) this.resolvePending();
  }

  /** The open containers as located nodes, their ends computed. */
  private located(node: Open): LocatedMap | LocatedSeq {
    if (node.type === 'map') {
      const entries: LocatedEntry[] = node.entries.map((e) => ({ key: e.key, keyStart: e.keyStart, keyEnd: e.keyEnd, value: this.child(e.value!) }));
      const last = entries[entries.length - 1];
      return { type: 'map', flow: false, start: node.start, end: Math.max(last.keyEnd, last.value.end), entries, mergeKey: node.mergeKey };
    }
    const items = node.items.map((item) => this.child(item!));
    return { type: 'seq', flow: false, start: node.start, end: items[items.length - 1].end, items };
  }

  private child(node: LocatedNode | Open): LocatedNode {
    return 'col' in node ? this.located(node) : node;
  }
}

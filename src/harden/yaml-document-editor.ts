import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Parser, YAMLMap, YAMLSeq } from 'yaml';
import { BlockYaml } from './block-yaml';
import type { ManifestEdit, PathSegment } from './manifest-edit';
import { YAML_PARSE_OPTIONS } from '../reader/yaml-manifests';

/** The edits of one object of a document, and where the object is in it. */
export interface DocumentObjectEdits {
  /** The object's path in the document: `[]`, or `['items', i]` for an item of a List. */
  readonly prefix: readonly PathSegment[];
  readonly edits: readonly ManifestEdit[];
}

/** A change of the text: `[start, end)` becomes `text` (an insertion when start === end). */
interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * How deep the changed collection is: of two insertions at the same offset (the end of a
   * sequence that ends its mapping), the deeper one comes first, so each lands in its own collection.
   */
  readonly depth: number;
  /** The order of the edits otherwise. */
  readonly order: number;
}

/** Why a document cannot be edited in place; it is then written anew (see `HardenDocuments`). */
export class NotEditableInPlace extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotEditableInPlace';
  }
}

/**
 * Applies edits to the text of one YAML (or JSON) document without touching anything else:
 * comments, key order, quoting, indentation and every other byte stay as they were. Each edit
 * becomes a splice at the positions the YAML parser reports:
 *
 * - a value replaced where it is (`automountServiceAccountToken: true` -> `false`);
 * - a new key at the end of a block mapping, at the mapping's indentation;
 * - a new item after the last item of a block sequence, at its dashes' column;
 * - a removed item's lines cut out (an emptied sequence becomes `[]`);
 * - in flow collections (and so in JSON), `, "key": value` or `, value` after the last entry;
 *   a removal rewrites that one flow collection as JSON.
 *
 * It refuses (`NotEditableInPlace`) what it cannot edit where it stands: a path through an alias
 * or a merge key (`<<`), or a document that is not one YAML document.
 */
export class YamlDocumentEditor {
  /**
   * @param text the document as written (one piece of a file, `---` line included)
   * @returns the edited text
   * @throws NotEditableInPlace
   */
  public static edit(text: string, objects: readonly DocumentObjectEdits[]): string {
    return new YamlDocumentEditor(text).apply(objects);
  }

  private readonly root: Node;
  private readonly edits: TextEdit[] = [];
  /** The sequences something is appended to (removing all their old items does not empty them). */
  private readonly appended = new Set<string>();
  private sequenceIndent?: number;

  private readonly crlf: boolean;

  private constructor(private readonly text: string) {
    this.crlf = text.includes('\r\n');
    const docs = [...new Composer(YAML_PARSE_OPTIONS).compose(new Parser().parse(text))];
    const withContent = docs.filter((d) => d.contents !== null);
    if (withContent.length !== 1 || withContent[0].errors.length > 0) throw new NotEditableInPlace('not exactly one readable YAML document');
    this.root = withContent[0].contents as Node;
  }

  private apply(objects: readonly DocumentObjectEdits[]): string {
    for (const object of objects) {
      // Removals per sequence are handled together (an emptied sequence becomes `[]`); a flow
      // sequence with removals is written anew with what is appended to it.
      const removals = new Map<string, { path: PathSegment[]; indices: number[]; appended: unknown[] }>();
      for (const edit of object.edits) {
        if (edit.op !== 'remove') continue;
        const path = [...object.prefix, ...edit.path];
        const key = JSON.stringify(path);
        const entry = removals.get(key) ?? { path, indices: [], appended: [] };
        entry.indices.push(edit.index);
        removals.set(key, entry);
      }
      for (const edit of object.edits) {
        const path = [...object.prefix, ...edit.path];
        if (edit.op === 'set') {
          this.set(path, edit.key, edit.value);
        } else if (edit.op === 'append') {
          const withRemovals = removals.get(JSON.stringify(path));
          const target = this.collection(path);
          if (withRemovals && isSeq(target) && target.flow) withRemovals.appended.push(edit.value);
          else this.append(path, edit.value);
        }
      }
      for (const { path, indices, appended } of removals.values()) this.remove(path, indices, appended);
    }
    return this.splice();
  }

  private set(path: PathSegment[], key: string, value: unknown): void {
    const map = this.collection(path);
    if (!isMap(map)) throw new NotEditableInPlace(`no mapping at /${path.join('/')}`);
    const pair = this.findPair(map, key);
    if (pair) {
      this.replaceValue(map, pair, value);
      return;
    }
    if (map.flow) {
      this.insertInFlow(map, `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
      return;
    }
    this.insertLines(this.lineEndAfter(this.contentEnd(map)), BlockYaml.entry(key, value, this.column(map.range![0]), this.seqIndent()), path.length);
  }

  private append(path: PathSegment[], value: unknown): void {
    const seq = this.collection(path);
    if (!isSeq(seq)) throw new NotEditableInPlace(`no sequence at /${path.join('/')}`);
    if (seq.flow) {
      if (seq.items.length === 0) {
        // `volumeMounts: []` in a block mapping becomes a block sequence.
        const parent = this.parentPair(path);
        if (parent && !parent.map.flow) {
          this.replaceValue(parent.map, parent.pair, [value]);
          return;
        }
        this.replace(seq.range![0], seq.range![1], JSON.stringify([value]));
        return;
      }
      this.insertInFlow(seq, JSON.stringify(value));
      return;
    }
    const dash = this.column(seq.range![0]);
    const last = seq.items[seq.items.length - 1];
    const itemIndent = isMap(last) && !last.flow ? this.column(last.range![0]) - dash : 2;
    this.appended.add(JSON.stringify(path));
    this.insertLines(this.lineEndAfter(this.contentEnd(seq)), BlockYaml.item(value, dash, this.seqIndent(), itemIndent), path.length);
  }

  /** Removes items; `appended` are the items appended to the same flow sequence, written with it. */
  private remove(path: PathSegment[], indices: number[], appended: readonly unknown[]): void {
    const seq = this.collection(path);
    if (!isSeq(seq)) throw new NotEditableInPlace(`no sequence at /${path.join('/')}`);
    const removed = new Set(indices);
    const kept = seq.items.filter((_, i) => !removed.has(i));
    const emptied = kept.length === 0 && appended.length === 0 && !this.appended.has(JSON.stringify(path));
    if (seq.flow || emptied) {
      const parent = this.parentPair(path);
      if (emptied && parent && !parent.map.flow) {
        this.replaceValue(parent.map, parent.pair, []);
        return;
      }
      // A flow sequence is written anew, as JSON, with the items that stay.
      this.replace(seq.range![0], seq.range![1], JSON.stringify([...kept.map((item) => (item as Node).toJSON()), ...appended]));
      return;
    }
    for (const index of removed) {
      const item = seq.items[index] as Node;
      const start = this.lineStart(item.range![0]);
      if (this.text.slice(start, item.range![0]).trim() !== '-') throw new NotEditableInPlace(`item ${index} of /${path.join('/')} does not start its line`);
      this.replace(start, this.lineEndAfter(this.contentEnd(item)), '');
    }
  }

  /** The node at `path`, refusing aliases and values that come from a merge key. */
  private collection(path: readonly PathSegment[]): Node {
    let node: Node = this.root;
    for (const segment of path) {
      if (isAlias(node)) throw new NotEditableInPlace(`an alias at /${path.join('/')}`);
      if (isMap(node)) {
        const pair = this.findPair(node, String(segment));
        if (!pair) throw new NotEditableInPlace(`no key '${segment}' (a merge key?) at /${path.join('/')}`);
        node = pair.value as Node;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment] as Node;
      } else {
        throw new NotEditableInPlace(`nothing at /${path.join('/')}`);
      }
      if (!node) throw new NotEditableInPlace(`nothing at /${path.join('/')}`);
    }
    if (isAlias(node)) throw new NotEditableInPlace(`an alias at /${path.join('/')}`);
    return node;
  }

  /** The pair that holds the collection at `path` (its parent mapping and key), if any. */
  private parentPair(path: readonly PathSegment[]): { map: YAMLMap; pair: Pair } | undefined {
    if (path.length === 0) return undefined;
    const parent = this.collection(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const pair = this.findPair(parent, String(path[path.length - 1]));
    return pair ? { map: parent, pair } : undefined;
  }

  /** The explicit entry with this key (the reader refuses duplicates); a mapping with a merge key is refused. */
  private findPair(map: YAMLMap, key: string): Pair | undefined {
    let found: Pair | undefined;
    for (const item of map.items) {
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (k === '<<' || (isScalar(item.key) && item.key.source === '<<')) throw new NotEditableInPlace('a merge key (<<) in an edited mapping');
      if (String(k) === key) found = item as Pair;
    }
    return found;
  }

  /**
   * Replaces a pair's value where it stands: a scalar in place, anything else from after the colon.
   * (A block collection is never inside a flow one, so the mapping's style is the pair's context.)
   */
  private replaceValue(map: YAMLMap, pair: Pair, value: unknown): void {
    const node = pair.value as Node | null;
    const isCollection = value !== null && typeof value === 'object';
    if (node && isScalar(node) && !isCollection) {
      const [start, end] = node.range!;
      const spacer = start > 0 && this.text[start - 1] === ':' ? ' ' : '';
      this.replace(start, end, spacer + (map.flow ? JSON.stringify(value) : BlockYaml.scalar(value)));
      return;
    }
    const keyNode = pair.key as Node;
    const colon = this.text.indexOf(':', keyNode.range![1]);
    const end = node ? this.contentEnd(node) : colon + 1;
    if (colon < 0 || colon >= end) throw new NotEditableInPlace('no colon after a key');
    if (map.flow || !isCollection || Object.keys(value as object).length === 0) {
      this.replace(colon + 1, end, ` ${map.flow ? JSON.stringify(value) : BlockYaml.inline(value)}`);
      return;
    }
    // A block collection after the key: its lines start on the next line.
    const keyColumn = this.column(keyNode.range![0]);
    const entry = BlockYaml.entry('k', value, keyColumn, this.seqIndent());
    const body = entry.slice(entry.indexOf('\n'));
    this.replace(colon + 1, end, body.endsWith('\n') ? body.slice(0, -1) : body);
  }

  /** Adds an entry after the last one of a flow collection (on its own line when the collection spans lines). */
  private insertInFlow(collection: YAMLMap | YAMLSeq, entry: string): void {
    const close = collection.range![1] - 1;
    if (this.text[close] !== '}' && this.text[close] !== ']') throw new NotEditableInPlace('a flow collection without its closing bracket');
    if (collection.items.length === 0) {
      this.insert(close, entry);
      return;
    }
    const last = collection.items[collection.items.length - 1];
    const lastNode = (isPair(last) ? (last.value ?? last.key) : last) as Node;
    const lastStart = (isPair(last) ? (last.key as Node) : lastNode).range![0];
    const end = this.contentEnd(lastNode);
    const multiline = this.text.lastIndexOf('\n', lastStart) > collection.range![0];
    this.insert(end, multiline ? `,\n${' '.repeat(this.column(lastStart))}${entry}` : `, ${entry}`);
  }

  /** The offset right after the last character of a node's content (comments after it excluded). */
  private contentEnd(node: Node): number {
    if (isMap(node) && !node.flow && node.items.length > 0) {
      const last = node.items[node.items.length - 1];
      const keyEnd = (last.key as Node).range![1];
      return last.value ? Math.max(keyEnd, this.contentEnd(last.value as Node)) : keyEnd;
    }
    if (isSeq(node) && !node.flow && node.items.length > 0) return this.contentEnd(node.items[node.items.length - 1] as Node);
    return node.range![1];
  }

  /** The start of the line after the one `offset` ends in (or `offset` when it already starts a line). */
  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset;
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** How this document indents block sequences under a key (0: `containers:\n- name`, 2: `containers:\n  - name`). */
  private seqIndent(): number {
    if (this.sequenceIndent === undefined) {
      this.sequenceIndent = 2;
      const find = (node: unknown): boolean => {
        if (isMap(node) && !node.flow) {
          for (const pair of node.items) {
            const value = pair.value as Node | null;
            if (isSeq(value) && !value.flow && value.items.length > 0) {
              this.sequenceIndent = this.column(value.range![0]) - this.column((pair.key as Node).range![0]);
              return true;
            }
            if (find(value)) return true;
          }
        } else if (isSeq(node) && !node.flow) {
          return node.items.some(find);
        }
        return false;
      };
      find(this.root);
    }
    return this.sequenceIndent;
  }

  private insert(at: number, text: string, depth = 0): void {
    this.edits.push({ start: at, end: at, text: this.lineBreaks(text), depth, order: this.edits.length });
  }

  /** New lines end as the document's lines do (CR LF in a CR LF file). */
  private lineBreaks(text: string): string {
    return this.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  /** Inserts whole lines at a line start (after a final line that has no line break, on a line of their own). */
  private insertLines(at: number, lines: string, depth: number): void {
    this.insert(at, at === this.text.length && at > 0 && this.text[at - 1] !== '\n' ? `\n${lines}` : lines, depth);
  }

  private replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text: this.lineBreaks(text), depth: 0, order: this.edits.length });
  }

  private splice(): string {
    const edits = [...this.edits].sort((a, b) => a.start - b.start || b.depth - a.depth || a.order - b.order);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      if (edit.start < at) throw new NotEditableInPlace('two edits overlap');
      out += this.text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return out + this.text.slice(at);
  }
}

import { BlockLocator } from './block-locator';
import { BlockYaml } from './block-yaml';
import type { LocatedEntry, LocatedMap, LocatedNode, LocatedSeq } from './located-yaml';
import { ManifestEdit, ManifestEdits, PathSegment } from './manifest-edit';
import { YamlLibLocator } from './yaml-lib-locator';

/** The edits of one object of a document, and where the object is in it. */
export interface DocumentObjectEdits {
  /** The object's path in the document: `[]`, or `['items', i]` for an item of a List. */
  readonly prefix: readonly PathSegment[];
  readonly edits: readonly ManifestEdit[];
  /** The object with its edits applied (a flow sequence that loses items is written anew from it). */
  readonly edited: unknown;
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
  /** It writes a whole collection anew from the edited object: edits inside it are already in it. */
  readonly covers?: boolean;
}

/** Why a document cannot be edited in place; it is then written anew (see `HardenStream`). */
export class NotEditableInPlace extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotEditableInPlace';
  }
}

/**
 * Applies edits to the text of one YAML (or JSON) document without touching anything else:
 * comments, key order, quoting, indentation and every other byte stay as they were. Each edit
 * becomes a splice at the positions a locator found:
 *
 * - a value replaced where it is (`automountServiceAccountToken: true` -> `false`);
 * - a new key at the end of a block mapping, at the mapping's indentation;
 * - a new item after the last item of a block sequence, at its dashes' column;
 * - a removed item's lines cut out (an emptied sequence becomes `[]`);
 * - in flow collections (and so in JSON), `, "key": value` or `, value` after the last entry;
 *   a flow sequence that loses items is written anew as JSON.
 *
 * It refuses (`NotEditableInPlace`) what it cannot edit where it stands: a path through an alias
 * or a merge key (`<<`), or a document that is not one YAML document.
 */
export class YamlDocumentEditor {
  /**
   * Edits with the fast locator (plain block YAML, the way generators write it).
   * @throws NotEditableInPlace when the document is outside what the fast locator reads, or cannot be edited in place
   */
  public static editFast(text: string, objects: readonly DocumentObjectEdits[]): string {
    const root = BlockLocator.locate(text);
    if (!root) throw new NotEditableInPlace('not plain block YAML');
    return new YamlDocumentEditor(text, root).apply(objects);
  }

  /**
   * Edits any YAML or JSON document (located with the `yaml` package).
   * @param text the document as written (one piece of a file, `---` line included)
   * @throws NotEditableInPlace
   */
  public static edit(text: string, objects: readonly DocumentObjectEdits[]): string {
    const root = YamlLibLocator.locate(text);
    if (!root) throw new NotEditableInPlace('not exactly one readable YAML document');
    return new YamlDocumentEditor(text, root).apply(objects);
  }

  private readonly edits: TextEdit[] = [];
  /** The sequences something is appended to (removing all their old items does not empty them). */
  private readonly appended = new Set<string>();
  private sequenceIndent?: number;
  private readonly crlf: boolean;

  private constructor(private readonly text: string, private readonly root: LocatedNode) {
    this.crlf = text.includes('\r\n');
  }

  private apply(objects: readonly DocumentObjectEdits[]): string {
    for (const object of objects) {
      // Removals per sequence are handled together (an emptied sequence becomes `[]`); a flow
      // sequence with removals is written anew from the edited object.
      const removals = new Map<string, { path: PathSegment[]; indices: number[]; within: PathSegment[] }>();
      for (const edit of object.edits) {
        if (edit.op !== 'remove') continue;
        const path = [...object.prefix, ...edit.path];
        const key = JSON.stringify(path);
        const entry = removals.get(key) ?? { path, indices: [], within: [...edit.path] };
        entry.indices.push(edit.index);
        removals.set(key, entry);
      }
      for (const edit of object.edits) {
        const path = [...object.prefix, ...edit.path];
        if (edit.op === 'set') {
          this.set(path, edit.key, edit.value);
        } else if (edit.op === 'append') {
          const target = this.collection(path);
          // A flow sequence that also loses items is written whole, appended items included.
          if (!(removals.has(JSON.stringify(path)) && target.type === 'seq' && target.flow)) this.append(path, edit.value);
        }
      }
      for (const { path, indices, within } of removals.values()) this.remove(path, indices, () => ManifestEdits.resolve(object.edited, within));
    }
    return this.splice();
  }

  private set(path: PathSegment[], key: string, value: unknown): void {
    const map = this.collection(path);
    if (map.type !== 'map') throw new NotEditableInPlace(`no mapping at /${path.join('/')}`);
    const entry = this.findEntry(map, key);
    if (entry) {
      this.replaceValue(map, entry, value);
      return;
    }
    if (map.flow) {
      this.insertInFlow(map, `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
      return;
    }
    this.insertLines(this.lineEndAfter(map.end), BlockYaml.entry(key, value, this.column(map.start), this.seqIndent()), path.length);
  }

  private append(path: PathSegment[], value: unknown): void {
    const seq = this.collection(path);
    if (seq.type !== 'seq') throw new NotEditableInPlace(`no sequence at /${path.join('/')}`);
    if (seq.flow) {
      if (seq.items.length === 0) {
        // `volumeMounts: []` in a block mapping becomes a block sequence.
        const parent = this.parentEntry(path);
        if (parent && !parent.map.flow) {
          this.replaceValue(parent.map, parent.entry, [value]);
          return;
        }
        this.replace(seq.start, seq.end, JSON.stringify([value]));
        return;
      }
      this.insertInFlow(seq, JSON.stringify(value));
      return;
    }
    const dash = this.column(seq.start);
    const last = seq.items[seq.items.length - 1];
    const itemIndent = last.type === 'map' && !last.flow ? this.column(last.start) - dash : 2;
    this.appended.add(JSON.stringify(path));
    this.insertLines(this.lineEndAfter(seq.end), BlockYaml.item(value, dash, this.seqIndent(), itemIndent), path.length);
  }

  /** Removes items; `remaining` gives the sequence as it ends (for a flow sequence, written anew). */
  private remove(path: PathSegment[], indices: number[], remaining: () => unknown): void {
    const seq = this.collection(path);
    if (seq.type !== 'seq') throw new NotEditableInPlace(`no sequence at /${path.join('/')}`);
    const removed = new Set(indices);
    const emptied = seq.items.every((_, i) => removed.has(i)) && !this.appended.has(JSON.stringify(path));
    if (seq.flow || emptied) {
      const parent = this.parentEntry(path);
      if (emptied && parent && !parent.map.flow) {
        this.replaceValue(parent.map, parent.entry, [], true);
        return;
      }
      this.replace(seq.start, seq.end, JSON.stringify(remaining()), true);
      return;
    }
    for (const index of removed) {
      const item = seq.items[index];
      const start = this.lineStart(item.start);
      if (this.text.slice(start, item.start).trim() !== '-') throw new NotEditableInPlace(`item ${index} of /${path.join('/')} does not start its line`);
      this.replace(start, this.lineEndAfter(item.end), '');
    }
  }

  /** The node at `path`, refusing aliases, unread flow collections and values that may come from a merge key. */
  private collection(path: readonly PathSegment[]): LocatedNode {
    let node: LocatedNode = this.root;
    for (const segment of path) {
      if (node.type === 'opaque') throw new NotEditableInPlace(`${node.reason} at /${path.join('/')}`);
      let next: LocatedNode | undefined;
      if (node.type === 'map') next = this.findEntry(node, String(segment))?.value;
      else if (node.type === 'seq' && typeof segment === 'number') next = node.items[segment];
      if (!next) throw new NotEditableInPlace(`nothing at /${path.join('/')}`);
      node = next;
    }
    if (node.type === 'opaque') throw new NotEditableInPlace(`${node.reason} at /${path.join('/')}`);
    return node;
  }

  /** The entry that holds the collection at `path` (its parent mapping and key), if any. */
  private parentEntry(path: readonly PathSegment[]): { map: LocatedMap; entry: LocatedEntry } | undefined {
    if (path.length === 0) return undefined;
    const parent = this.collection(path.slice(0, -1));
    if (parent.type !== 'map') return undefined;
    const entry = this.findEntry(parent, String(path[path.length - 1]));
    return entry ? { map: parent, entry } : undefined;
  }

  /** The entry with this key (the reader refuses duplicates); a mapping with a merge key is refused. */
  private findEntry(map: LocatedMap, key: string): LocatedEntry | undefined {
    if (map.mergeKey) throw new NotEditableInPlace('a merge key (<<) in an edited mapping');
    return map.entries.find((e) => e.key === key);
  }

  /**
   * Replaces an entry's value where it stands: a scalar in place, anything else from after the
   * colon. (A block collection is never inside a flow one, so the mapping's style is the entry's context.)
   */
  private replaceValue(map: LocatedMap, entry: LocatedEntry, value: unknown, covers = false): void {
    const node = entry.value;
    const isCollection = value !== null && typeof value === 'object';
    if (node.type === 'scalar' && !isCollection) {
      const spacer = node.start > 0 && this.text[node.start - 1] === ':' ? ' ' : '';
      this.replace(node.start, node.end, spacer + (map.flow ? JSON.stringify(value) : BlockYaml.scalar(value)));
      return;
    }
    const colon = this.text.indexOf(':', entry.keyEnd);
    if (colon < 0 || colon >= node.end) throw new NotEditableInPlace('no colon after a key');
    if (map.flow || !isCollection || Object.keys(value as object).length === 0) {
      this.replace(colon + 1, node.end, ` ${map.flow ? JSON.stringify(value) : BlockYaml.inline(value)}`, covers);
      return;
    }
    // A block collection after the key: its lines start on the next line.
    const lines = BlockYaml.entry('k', value, this.column(entry.keyStart), this.seqIndent());
    const body = lines.slice(lines.indexOf('\n'));
    this.replace(colon + 1, node.end, body.endsWith('\n') ? body.slice(0, -1) : body);
  }

  /** Adds an entry after the last one of a flow collection (on its own line when the collection spans lines). */
  private insertInFlow(collection: LocatedMap | LocatedSeq, entry: string): void {
    const close = collection.end - 1;
    if (this.text[close] !== '}' && this.text[close] !== ']') throw new NotEditableInPlace('a flow collection without its closing bracket');
    const items = collection.type === 'map' ? collection.entries : collection.items;
    if (items.length === 0) {
      this.insert(close, entry);
      return;
    }
    const last = items[items.length - 1];
    const lastStart = 'keyStart' in last ? last.keyStart : last.start;
    const lastEnd = 'keyStart' in last ? Math.max(last.keyEnd, last.value.end) : last.end;
    const multiline = this.text.lastIndexOf('\n', lastStart) > collection.start;
    this.insert(lastEnd, multiline ? `,\n${' '.repeat(this.column(lastStart))}${entry}` : `, ${entry}`);
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
      const find = (node: LocatedNode): boolean => {
        if (node.type === 'map' && !node.flow) {
          for (const entry of node.entries) {
            const value = entry.value;
            if (value.type === 'seq' && !value.flow && value.items.length > 0) {
              this.sequenceIndent = this.column(value.start) - this.column(entry.keyStart);
              return true;
            }
            if (find(value)) return true;
          }
        } else if (node.type === 'seq' && !node.flow) {
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

  /** Inserts whole lines at a line start (after a final line that has no line break, on a line of their own). */
  private insertLines(at: number, lines: string, depth: number): void {
    this.insert(at, at === this.text.length && at > 0 && this.text[at - 1] !== '\n' ? `\n${lines}` : lines, depth);
  }

  private replace(start: number, end: number, text: string, covers = false): void {
    this.edits.push({ start, end, text: this.lineBreaks(text), depth: 0, order: this.edits.length, covers });
  }

  /** New lines end as the document's lines do (CR LF in a CR LF file). */
  private lineBreaks(text: string): string {
    return this.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  }

  private splice(): string {
    const covering = this.edits.filter((e) => e.covers);
    // An edit strictly inside a collection written anew is already in it (an insertion at its edges is not inside).
    const inside = (e: TextEdit, c: TextEdit) => (e.start === e.end
      ? c.start < e.start && e.start < c.end
      : c.start <= e.start && e.end <= c.end && (c.start < e.start || e.end < c.end));
    const edits = this.edits
      .filter((e) => e.covers || !covering.some((c) => inside(e, c)))
      .sort((a, b) => a.start - b.start || b.depth - a.depth || a.order - b.order);
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

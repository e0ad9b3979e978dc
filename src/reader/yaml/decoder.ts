import { Ev, Parser } from './parser';
import { Scalars } from './scalars';
import { YamlError } from './yaml-error';
import { JsonValues } from '../json-values';
import type { SourceEntry, SourceNode } from '../source-map';

/*
 * go-yaml v2's decoder (gopkg.in/yaml.v2 decode.go: parser.parse() of the first document, then
 * decoder.unmarshal into interface{}), followed by sigs.k8s.io/yaml's conversion to JSON, built
 * in one pass from the parser's events with an explicit stack (no recursion: kubectl allows
 * 10,000 levels of nesting).
 *
 * - Only the first document of the text is read, as yaml.Unmarshal does: anything after a `...`
 *   end marker in the same chunk is never looked at.
 * - Merge keys (`<<`) apply where they appear, in document order: a merge overrides the keys
 *   before it and is overridden by the keys after it; in a sequence of merges the earlier
 *   mappings win (decoder.mapping/merge).
 * - An alias is a fresh copy of its anchor's value (go-yaml decodes the anchored node again). An
 *   alias inside its own anchor's node fails ("anchor 'x' value contains itself").
 * - Alias expansion is bounded by size, exactly as go-yaml bounds it (CVE-2019-11253): the
 *   document fails once more than 100 of more than 1,000 decoded nodes come from aliases and
 *   their share exceeds 99% (falling to 10% between 400,000 and 4,000,000 decoded nodes). A
 *   file with any number of small aliases reads; a "billion laughs" fails after a few thousand nodes.
 * - Stricter than kubectl, deliberately: a key repeated in one mapping (also `1` and "1", which
 *   become the same JSON key) fails the document. kubectl keeps one of the values silently (the
 *   last, or for `1`/"1" whichever Go's map iteration yields), so a checker that read either
 *   value could be bypassed; the user must remove one.
 * - `__proto__` and `constructor` are plain own keys; no prototype is touched.
 */

/** One decoded YAML document: its JSON value, and the offset of its root node. */
export interface DecodedYaml {
  readonly value: unknown;
  /** Offset of the root node's first character (its anchor or tag, if any). */
  readonly start: number;
  /** Where each part was written (only when asked for). */
  readonly source?: SourceNode;
}

enum Kind { SCALAR, MAP, SEQ }

interface Anchor {
  done: boolean;
  kind: Kind;
  /** The value; for a scalar written as a key, computed when an alias first uses it as a value. */
  value: unknown;
  /** Decode operations one expansion costs (go-yaml counts every node, aliases expanded). */
  size: number;
  // For scalars, to become a key when aliased in key position.
  tag: string;
  text: string;
  implicit: boolean;
  source: SourceNode | undefined;
}

interface Frame {
  kind: Kind;
  value: Record<string, unknown> | unknown[];
  anchor: Anchor | undefined;
  /** decodeCount before this node was counted. */
  countBefore: number;
  counted: boolean;
  /** The elements of this sequence are merged into a mapping (`<<: [*a, *b]`). */
  mergeSequence: boolean;
  // Mapping state.
  key: string | undefined;
  keyPos: number;
  keyIsMerge: boolean;
  /** The keys written explicitly, tracked once a merge has added keys too. */
  explicit: Set<string> | undefined;
  source: { pos: number; entries: Map<string, SourceEntry> | SourceNode[] } | undefined;
}

export class YamlDecoder {
  /**
   * The first document of `text` as JSON (null for an empty document). Throws YamlError.
   * @param withSource also record where each part was written (for locating fields)
   */
  public static decode(text: string, withSource = false): DecodedYaml {
    return new YamlDecoder(text, withSource).run();
  }

  private readonly parser: Parser;
  private readonly anchors = new Map<string, Anchor>();
  /** Open collections; frames above `depth` are kept for reuse. */
  private readonly stack: Frame[] = [];
  private depth = 0;
  private decodeCount = 0;
  private aliasCount = 0;
  private root: unknown = null;
  private rootStart = 0;
  private rootDone = false;
  private rootSource: SourceNode | undefined;
  /** Where the first .inf or .nan value was read: JSON cannot hold it, if it survives merges. */
  private nonFinitePos: number | undefined;

  private constructor(text: string, private readonly withSource: boolean) {
    this.parser = new Parser(text);
  }

  private run(): DecodedYaml {
    const p = this.parser;
    p.next(); // STREAM-START
    if (p.next() === Ev.STREAM_END) return { value: null, start: 0 }; // an empty text: no document
    this.count(); // the document node
    let first = true;
    while (!this.rootDone) {
      const ev = p.next();
      if (first) {
        this.rootStart = p.start;
        first = false;
      }
      switch (ev) {
        case Ev.SCALAR: this.scalar(); break;
        case Ev.ALIAS: this.alias(); break;
        case Ev.MAPPING_START: this.open(Kind.MAP); break;
        case Ev.SEQUENCE_START: this.open(Kind.SEQ); break;
        case Ev.MAPPING_END:
        case Ev.SEQUENCE_END: this.close(); break;
        default: throw new YamlError('unexpected YAML event', p.start);
      }
    }
    // The document end (the parser checks what follows the root node, and stops there).
    if (p.next() !== Ev.DOCUMENT_END) throw new YamlError('expected the end of the document', p.start);
    if (this.nonFinitePos !== undefined) {
      // sigs.k8s.io/yaml's json.Marshal fails on infinities and NaN.
      const found = JsonValues.nonFinite(this.root);
      if (found !== undefined) throw new YamlError(`json: unsupported value: ${found}`, this.nonFinitePos);
    }
    return { value: this.root, start: this.rootStart, source: this.rootSource };
  }

  /** One decode operation (decoder.unmarshal), with go-yaml's check for excessive aliasing. */
  private count(): void {
    this.decodeCount++;
    this.checkAliasing();
  }

  private checkAliasing(): void {
    const d = this.decodeCount;
    const a = this.aliasCount;
    if (a > 100 && d > 1000 && a / d > allowedAliasRatio(d)) {
      throw new YamlError('document contains excessive aliasing', this.parser.start);
    }
  }

  private top(): Frame | undefined {
    return this.depth === 0 ? undefined : this.stack[this.depth - 1];
  }

  private scalar(): void {
    const p = this.parser;
    const top = this.top();
    if (top !== undefined && top.kind === Kind.MAP && top.key === undefined) {
      top.keyPos = p.start;
      if (Scalars.isMerge(p.tag, p.value, p.implicit)) {
        // A merge key is not decoded itself (decoder.mapping checks isMerge first).
        top.key = '<<';
        top.keyIsMerge = true;
        if (p.anchor !== '') this.defineScalarAnchor('<<', p.start);
        return;
      }
      this.count();
      top.key = Scalars.key(p.tag, p.value, p.implicit, p.start);
      if (p.anchor !== '') this.defineScalarAnchor(UNREAD, p.start);
      return;
    }
    this.count();
    const value = this.scalarValue(p.tag, p.value, p.implicit, p.start);
    if (p.anchor !== '') this.defineScalarAnchor(value, p.start);
    this.deliver(value, Kind.SCALAR, false, this.withSource ? { pos: p.start } : undefined);
  }

  private scalarValue(tag: string, text: string, implicit: boolean, pos: number): unknown {
    const value = Scalars.value(tag, text, implicit, pos);
    if (typeof value === 'number' && !Number.isFinite(value) && this.nonFinitePos === undefined) this.nonFinitePos = pos;
    return value;
  }

  private defineScalarAnchor(value: unknown, pos: number): void {
    const p = this.parser;
    this.anchors.set(p.anchor, {
      done: true,
      kind: Kind.SCALAR,
      value,
      size: 1,
      tag: p.tag,
      text: p.value,
      implicit: p.implicit,
      source: this.withSource ? { pos } : undefined,
    });
  }

  private alias(): void {
    const p = this.parser;
    const anchor = this.anchors.get(p.anchor);
    if (anchor === undefined) throw new YamlError(`unknown anchor '${p.anchor}' referenced`, p.start);
    this.count();
    if (!anchor.done) throw new YamlError(`anchor '${p.anchor}' value contains itself`, p.start);
    // Every node of the expansion is decoded again, each counting as aliased: both counts grow
    // together, so the ratio is highest at the end and one check there is exact.
    this.decodeCount += anchor.size;
    this.aliasCount += anchor.size;
    this.checkAliasing();
    const top = this.top();
    if (top !== undefined && top.kind === Kind.MAP && top.key === undefined) {
      top.keyPos = p.start;
      if (anchor.kind !== Kind.SCALAR) throw new YamlError(`invalid map key: a ${anchor.kind === Kind.MAP ? 'mapping' : 'sequence'} used as a key`, p.start);
      top.key = Scalars.key(anchor.tag, anchor.text, anchor.implicit, p.start);
      return;
    }
    // An alias is located where it is written; what is inside it, where its anchor was written.
    const source = this.withSource ? { pos: p.start, entries: anchor.source?.entries } : undefined;
    if (anchor.kind === Kind.SCALAR) {
      if (anchor.value === UNREAD) anchor.value = this.scalarValue(anchor.tag, anchor.text, anchor.implicit, p.start);
      this.deliver(anchor.value, Kind.SCALAR, true, source);
    } else {
      this.deliver(JsonValues.clone(anchor.value), anchor.kind, true, source);
    }
  }

  private open(kind: Kind): void {
    const p = this.parser;
    const top = this.top();
    if (top !== undefined && top.kind === Kind.MAP && top.key === undefined) {
      throw new YamlError(`invalid map key: a ${kind === Kind.MAP ? 'mapping' : 'sequence'} used as a key`, p.start);
    }
    const mergeSequence = kind === Kind.SEQ && top !== undefined && top.kind === Kind.MAP && top.keyIsMerge;
    const countBefore = this.decodeCount;
    // The sequence of a `<<: [...]` is not decoded itself, only its elements (decoder.merge).
    if (!mergeSequence) this.count();
    const source = this.withSource ? { pos: p.start, entries: kind === Kind.MAP ? new Map<string, SourceEntry>() : [] } : undefined;
    let anchor: Anchor | undefined;
    if (p.anchor !== '') {
      anchor = { done: false, kind, value: undefined, size: 0, tag: '', text: '', implicit: false, source };
      this.anchors.set(p.anchor, anchor);
    }
    const value = kind === Kind.MAP ? {} : [];
    let frame = this.stack[this.depth];
    if (frame === undefined) {
      frame = {
        kind,
        value,
        anchor,
        countBefore,
        counted: !mergeSequence,
        mergeSequence,
        key: undefined,
        keyPos: 0,
        keyIsMerge: false,
        explicit: undefined,
        source,
      };
      this.stack.push(frame);
    } else {
      frame.kind = kind;
      frame.value = value;
      frame.anchor = anchor;
      frame.countBefore = countBefore;
      frame.counted = !mergeSequence;
      frame.mergeSequence = mergeSequence;
      frame.key = undefined;
      frame.keyPos = 0;
      frame.keyIsMerge = false;
      frame.explicit = undefined;
      frame.source = source;
    }
    this.depth++;
  }

  private close(): void {
    const frame = this.stack[--this.depth];
    if (frame.anchor !== undefined) {
      frame.anchor.done = true;
      frame.anchor.value = frame.value;
      frame.anchor.size = this.decodeCount - frame.countBefore + (frame.counted ? 0 : 1);
    }
    this.deliver(frame.value, frame.kind, false, frame.source);
  }

  /** Hands a finished value to the collection around it. */
  private deliver(value: unknown, kind: Kind, fromAlias: boolean, source: SourceNode | undefined): void {
    const top = this.top();
    if (top === undefined) {
      this.root = value;
      this.rootSource = source;
      this.rootDone = true;
      return;
    }
    if (top.kind === Kind.SEQ) {
      if (top.mergeSequence && kind !== Kind.MAP) this.failWantMap();
      (top.value as unknown[]).push(value);
      if (top.source !== undefined) (top.source.entries as SourceNode[]).push(source!);
      return;
    }
    const map = top.value as Record<string, unknown>;
    if (top.keyIsMerge) {
      if (kind === Kind.MAP) {
        this.merge(top, value as Record<string, unknown>, source);
      } else if (kind === Kind.SEQ && !fromAlias) {
        // Earlier mappings take precedence: apply the last first.
        const list = value as Array<Record<string, unknown>>;
        const sources = source?.entries as SourceNode[] | undefined;
        for (let i = list.length - 1; i >= 0; i--) this.merge(top, list[i], sources?.[i]);
      } else {
        this.failWantMap();
      }
    } else {
      const key = top.key!;
      if (top.explicit !== undefined) {
        if (top.explicit.has(key)) this.duplicate(key, top.keyPos);
        top.explicit.add(key);
      } else if (Object.prototype.hasOwnProperty.call(map, key)) {
        this.duplicate(key, top.keyPos);
      }
      if (key === '__proto__') JsonValues.set(map, key, value);
      else map[key] = value;
      if (top.source !== undefined) (top.source.entries as Map<string, SourceEntry>).set(key, { keyPos: top.keyPos, node: source! });
    }
    top.key = undefined;
    top.keyIsMerge = false;
  }

  private merge(frame: Frame, from: Record<string, unknown>, fromSource: SourceNode | undefined): void {
    const target = frame.value as Record<string, unknown>;
    if (frame.explicit === undefined) frame.explicit = new Set(Object.keys(target));
    for (const key of Object.keys(from)) JsonValues.set(target, key, from[key]);
    // A merged key is located where the merged mapping writes it.
    if (frame.source !== undefined && fromSource?.entries instanceof Map) {
      for (const [key, entry] of fromSource.entries) (frame.source.entries as Map<string, SourceEntry>).set(key, entry);
    }
  }

  private failWantMap(): never {
    throw new YamlError('map merge requires map or sequence of maps as the value', this.parser.start);
  }

  private duplicate(key: string, pos: number): never {
    throw new YamlError(`Map keys must be unique: ${JSON.stringify(key)} is repeated (kubectl would silently keep only one of the values)`, pos);
  }
}

/** The value of an anchored key scalar, until an alias uses it as a value. */
const UNREAD = Symbol('unread');

/** go-yaml's allowedAliasRatio (decode.go). */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

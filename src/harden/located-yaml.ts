/**
 * A YAML document as the editor needs it: where each mapping entry, sequence item and scalar is
 * in the text, and in which style. Two locators build it: `BlockLocator` (fast, for the plain
 * block YAML generators write) and `YamlLibLocator` (the `yaml` package, for everything else).
 */

/** A scalar (a null one, `key:` with nothing after it, spans no character right after the colon). */
export interface LocatedScalar {
  readonly type: 'scalar';
  readonly start: number;
  /** Right after its last character (a block scalar: after the line break of its last line). */
  readonly end: number;
}

export interface LocatedMap {
  readonly type: 'map';
  readonly flow: boolean;
  /** Its first key (block), or its `{` (flow). */
  readonly start: number;
  /** Right after its last content character (block: the end of the last value; flow: after `}`). */
  readonly end: number;
  readonly entries: readonly LocatedEntry[];
  /** It has a `<<` merge key: a key it does not list may come from the merged mapping. */
  readonly mergeKey: boolean;
}

export interface LocatedEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: LocatedNode;
}

export interface LocatedSeq {
  readonly type: 'seq';
  readonly flow: boolean;
  /** Its first `-` (block), or its `[` (flow). */
  readonly start: number;
  readonly end: number;
  readonly items: readonly LocatedNode[];
}

/** Something the editor must not edit inside: an alias, or a flow collection the fast locator did not read. */
export interface LocatedOpaque {
  readonly type: 'opaque';
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export type LocatedNode = LocatedScalar | LocatedMap | LocatedSeq | LocatedOpaque;

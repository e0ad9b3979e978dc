/**
 * Where each part of a decoded document was written: built only when a location is asked for
 * (the reader parses the document a second time for it), so documents without findings cost
 * nothing extra.
 */
export interface SourceNode {
  /** Offset of the node's first character (for an alias: the alias). */
  readonly pos: number;
  /** Mapping entries (key offset and value) or sequence elements; absent for scalars. */
  readonly entries?: Map<string, SourceEntry> | SourceNode[];
}

export interface SourceEntry {
  readonly keyPos: number;
  readonly node: SourceNode;
}

export class SourceMaps {
  /**
   * The offset a JSON pointer (RFC 6901) points at: the key of a mapping entry, the start of a
   * sequence element; for a path that does not exist, its deepest existing parent.
   */
  public static offsetOf(root: SourceNode, pointer: string): number {
    if (pointer === '' || pointer === '/') return root.pos;
    let node = root;
    let at = root.pos;
    for (const raw of pointer.slice(1).split('/')) {
      const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const entries = node.entries;
      if (entries === undefined) break;
      if (Array.isArray(entries)) {
        const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : -1;
        const child = entries[index];
        if (child === undefined) break;
        node = child;
        at = child.pos;
      } else {
        const entry = entries.get(token);
        if (entry === undefined) break;
        node = entry.node;
        at = entry.keyPos;
      }
    }
    return at;
  }
}

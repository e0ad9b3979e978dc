/** A 1-based line and column in a file (columns count UTF-16 code units, as SARIF's default does). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Where an object was read from. */
export interface ObjectSource {
  /** The file (or `<stdin>`). */
  readonly file: string;
  /** The 1-based line where the object starts (its document's first node, or its list item). */
  readonly line: number;
  /** Where the object is in its document: `''` (the document itself) or `/items/<i>` (an item of a list). */
  readonly pointer: string;
  /**
   * The line and column of the field a JSON pointer (RFC 6901, relative to the object) names,
   * or of its deepest existing parent. The document is parsed again on the first call.
   */
  locate(pointer: string): SourcePosition;
}

/** One object exactly as `kubectl apply -f` would send it, with its source. */
export interface ReadObject {
  readonly object: Record<string, unknown>;
  readonly source: ObjectSource;
}

/** A document (or a whole file) that kubectl would refuse, or that could not be read. */
export interface ReadError {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** What one file yielded. */
export interface ReadResult {
  readonly objects: ReadObject[];
  readonly errors: ReadError[];
}

/** JSON pointers (RFC 6901), the form in which findings point at a field of an object. */
export class JsonPointer {
  /** Escapes one segment: `~` becomes `~0`, `/` becomes `~1`. */
  public static segment(segment: string | number): string {
    return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  }

  /** The pointer of the given segments, each escaped (`[]` is the whole document, `''`). */
  public static of(segments: ReadonlyArray<string | number>): string {
    return segments.map((s) => `/${JsonPointer.segment(s)}`).join('');
  }

  private constructor() {}
}

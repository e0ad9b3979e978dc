/**
 * Plain JSON values (objects, arrays, strings, numbers, booleans, null) as the reader builds
 * them. Nothing here recurses: documents may nest 10,000 levels deep, as kubectl allows.
 */
export class JsonValues {
  /** Sets an own property; `__proto__` becomes a plain key instead of changing the prototype. */
  public static set(target: Record<string, unknown>, key: string, value: unknown): void {
    if (key === '__proto__') {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }

  /** A deep copy. */
  public static clone(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const root = Array.isArray(value) ? new Array(value.length) : {};
    const work: Array<[unknown, unknown]> = [[value, root]];
    while (work.length > 0) {
      const [from, to] = work.pop()!;
      if (Array.isArray(from)) {
        const out = to as unknown[];
        for (let i = 0; i < from.length; i++) out[i] = copyInto(from[i], work);
      } else {
        const source = from as Record<string, unknown>;
        const out = to as Record<string, unknown>;
        for (const key of Object.keys(source)) JsonValues.set(out, key, copyInto(source[key], work));
      }
    }
    return root;
  }

  /** The first infinity or NaN in a value, named as Go names it (`+Inf`, `-Inf`, `NaN`). */
  public static nonFinite(value: unknown): string | undefined {
    const work: unknown[] = [value];
    while (work.length > 0) {
      const v = work.pop();
      if (typeof v === 'number') {
        if (Number.isNaN(v)) return 'NaN';
        if (v === Infinity) return '+Inf';
        if (v === -Infinity) return '-Inf';
      } else if (v !== null && typeof v === 'object') {
        for (const child of Array.isArray(v) ? v : Object.values(v)) work.push(child);
      }
    }
    return undefined;
  }

  /**
   * JSON.stringify without recursion, for values nested deeper than the JavaScript stack allows
   * (kubectl reads 10,000 levels): the same text JSON.stringify writes.
   */
  public static stringify(value: unknown): string {
    try {
      return JSON.stringify(value);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    const out: string[] = [];
    // Work items: a value to write, or a literal piece of text.
    const work: Array<{ value: unknown } | string> = [{ value }];
    while (work.length > 0) {
      const item = work.pop()!;
      if (typeof item === 'string') {
        out.push(item);
        continue;
      }
      const v = item.value;
      if (v === null || typeof v !== 'object') {
        out.push(JSON.stringify(v));
      } else if (Array.isArray(v)) {
        const parts: Array<{ value: unknown } | string> = ['['];
        v.forEach((child, i) => parts.push(...(i > 0 ? [','] : []), { value: child === undefined ? null : child }));
        parts.push(']');
        for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]);
      } else {
        const record = v as Record<string, unknown>;
        const parts: Array<{ value: unknown } | string> = ['{'];
        let first = true;
        for (const key of Object.keys(record)) {
          if (record[key] === undefined) continue;
          parts.push(`${first ? '' : ','}${JSON.stringify(key)}:`, { value: record[key] });
          first = false;
        }
        parts.push('}');
        for (let i = parts.length - 1; i >= 0; i--) work.push(parts[i]);
      }
    }
    return out.join('');
  }
}

function copyInto(value: unknown, work: Array<[unknown, unknown]>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = Array.isArray(value) ? new Array(value.length) : {};
  work.push([value, copy]);
  return copy;
}

import { Document, isNode, isScalar, visit } from 'yaml';

/**
 * The offset of the first mapping key that repeats an earlier key of the same mapping, or
 * `undefined`. Scalar keys are compared by the property name they become (`1` and `"1"` are one
 * key: the second would silently replace the first), other keys by identity. This replaces the
 * yaml library's `uniqueKeys: true`, which compares each key with every earlier one (quadratic:
 * 40,000 keys in one mapping took about 9 s) and treats `1` and `"1"` as different keys.
 */
export function firstDuplicateKey(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? propertyName(pair.key.value) : pair.key;
        if (seen.has(key)) {
          const at = isNode(pair.key) ? pair.key.range?.[0] : undefined;
          if (at !== undefined && (found === undefined || at < found)) found = at;
          return undefined;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** The name a scalar key gets in the plain object the document becomes (as the yaml library names it). */
function propertyName(value: unknown): unknown {
  if (value === null) return '';
  return typeof value === 'object' ? value : String(value);
}

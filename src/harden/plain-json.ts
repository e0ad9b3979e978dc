/**
 * Deep copy and comparison of the plain values manifests are made of (mappings, sequences,
 * scalars). Written out rather than `structuredClone` and `isDeepStrictEqual`: those compare
 * prototypes, and objects from another realm (a test runner's sandbox, a cdk8s app loaded in a
 * VM) would never be equal.
 */
export class PlainJson {
  /** A deep copy (keeps what JSON would lose: `.inf`, `.nan` read from YAML). */
  public static copy<T>(value: T): T {
    if (Array.isArray(value)) return value.map((v) => PlainJson.copy(v)) as T;
    if (value === null || typeof value !== 'object') return value;
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) result[k] = PlainJson.copy(v);
    return result as T;
  }

  /** True when both hold the same keys and values at every depth (key order aside; NaN equals NaN). */
  public static equal(a: unknown, b: unknown): boolean {
    if (Object.is(a, b)) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const list = b as unknown[];
      return a.length === list.length && a.every((v, i) => PlainJson.equal(v, list[i]));
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && PlainJson.equal((a as any)[k], (b as any)[k]));
  }

  private constructor() {}
}

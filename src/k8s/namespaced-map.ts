/**
 * A map keyed by (namespace, name), kept as namespace -> name -> value. Not one map of joined
 * `namespace/name` keys: input comes namespace by namespace (a chart, a team), so consecutive
 * lookups hit one small map that stays in the CPU cache, where joined keys are a new string to
 * hash on every lookup, spread over one table as large as the input. With 100,000 keys read in
 * input order this measured 3 to 7 times faster, and it grows linearly with the input where the
 * joined keys did not (docs/performance.md).
 *
 * Keys that are not strings (a number in YAML) are compared as strings, as a joined key would.
 */
export class NamespacedMap<V> {
  private readonly byNamespace = new Map<string, Map<string, V>>();

  /**
   * @param base entries this map starts with, read through rather than copied (a copy of every
   * account of a large input is time and memory for the few entries a copy changes): `set` writes
   * only here, over base's entry. Base must not change afterwards.
   */
  constructor(private readonly base?: NamespacedMap<V>) {}

  public get(namespace: string, name: string): V | undefined {
    const ns = asKey(namespace);
    const key = asKey(name);
    const names = this.byNamespace.get(ns);
    if (names !== undefined && names.has(key)) return names.get(key);
    return this.base?.get(ns, key);
  }

  public has(namespace: string, name: string): boolean {
    return (this.byNamespace.get(asKey(namespace))?.has(asKey(name)) ?? false) || (this.base?.has(namespace, name) ?? false);
  }

  public set(namespace: string, name: string, value: V): void {
    const ns = asKey(namespace);
    let names = this.byNamespace.get(ns);
    if (!names) this.byNamespace.set(ns, names = new Map());
    names.set(asKey(name), value);
  }

  /** The namespaces that hold an entry, in the order they were first set (base's first). */
  public namespaces(): string[] {
    if (!this.base) return [...this.byNamespace.keys()];
    const namespaces = new Set(this.base.namespaces());
    for (const namespace of this.byNamespace.keys()) namespaces.add(namespace);
    return [...namespaces];
  }

  /** The names set in one namespace, in the order they were first set (base's first; none for an unknown namespace). */
  public namesIn(namespace: string): string[] {
    const own = this.byNamespace.get(asKey(namespace));
    if (!this.base) return own ? [...own.keys()] : [];
    const names = new Set(this.base.namesIn(namespace));
    for (const name of own?.keys() ?? []) names.add(name);
    return [...names];
  }

  /** Calls `visit` for every entry: the namespaces in the order they were first set, each namespace's names in the order they were first set (base's first). */
  public forEach(visit: (value: V, namespace: string, name: string) => void): void {
    if (!this.base) {
      // Map.forEach, not for...of: no entry array per item (this walks every account of a large input).
      this.byNamespace.forEach((names, namespace) => names.forEach((value, name) => visit(value, namespace, name)));
      return;
    }
    // As a copy of base would hold them: namespace by namespace, base's names first.
    for (const namespace of this.namespaces()) this.forEachIn(namespace, visit);
  }

  /** `forEach` over one namespace. */
  private forEachIn(namespace: string, visit: (value: V, namespace: string, name: string) => void): void {
    const own = this.byNamespace.get(namespace);
    const base = this.base;
    if (!base) {
      own?.forEach((value, name) => visit(value, namespace, name));
      return;
    }
    base.forEachIn(namespace, (value, _, name) => visit(own !== undefined && own.has(name) ? own.get(name)! : value, namespace, name));
    own?.forEach((value, name) => {
      if (!base.has(namespace, name)) visit(value, namespace, name);
    });
  }
}

function asKey(value: string): string {
  return typeof value === 'string' ? value : String(value);
}

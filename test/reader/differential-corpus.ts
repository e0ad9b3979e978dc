import * as fc from 'fast-check';

/*
 * Generated files for the differential test against kubectl: Kubernetes-shaped documents written
 * with every YAML feature that decides what kubectl reads (YAML 1.1 scalars, quoting styles,
 * block and flow collections, indentless sequences, literal and folded scalars, anchors,
 * aliases, merge keys before and after explicit keys, comments that end with NEL, LS or PS,
 * nulls in lists, `items` on any kind, typed lists, `...` end markers) and JSON streams. The
 * oracle is kubectl: the generator only avoids what the differential comparison cannot use
 * (duplicate keys, which this reader refuses on purpose, and metadata that `kubectl annotate`
 * itself rejects).
 */

/** A generated value: the tree the writer renders with random styles. */
type Value =
  | { readonly t: 'scalar'; readonly text: string }
  | { readonly t: 'map'; readonly entries: ReadonlyArray<readonly [Key, Value]> }
  | { readonly t: 'seq'; readonly items: readonly Value[] };

/** A mapping key as written, and the JSON key kubectl makes of it (so that no two collide). */
interface Key {
  readonly yaml: string;
  readonly json: string;
}

const WORD_KEYS: readonly string[] = ['alpha', 'beta', 'gamma', 'spec', 'data', 'name', 'value', 'with space', 'app.kubernetes.io/name', 'x-1', 'UPPER', 'constructor', '__proto__'];
const SPECIAL_KEYS: readonly Key[] = [
  { yaml: 'yes', json: 'true' }, { yaml: 'Off', json: 'false' }, { yaml: '0x10', json: '16' }, { yaml: '010', json: '8' },
  { yaml: '1.5', json: '1.5' }, { yaml: '1e6', json: '1e+06' }, { yaml: '"quoted: key"', json: 'quoted: key' },
  { yaml: '\'single\'', json: 'single' }, { yaml: '7', json: '7' },
];

/** Scalars, written as they are (the writer quotes some of them, or not). */
const SCALARS: readonly string[] = [
  'plain', 'two words', 'a.b/c', 'v1', 'Always', 'nginx:1.25', '/etc/config', 'x=y',
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'True', 'FALSE', 'tRUE', '~', 'null', 'Null', 'NULL', '',
  '0644', '0x1F', '-0x1F', '0o17', '0b101', '1_000', '+12', '-7', '08', '0', '-0', '.5', '1e3', '1.', '6.8523015e+5', '1e400',
  '2024-01-01', '2001-12-14t21:59:43.10-05:00', '1:20', '190:20:30.15', '<<', '=', '-', '?', ':',
  'a: b', '# not a comment', 'x #y', '- item', '[x]', '{x}', '*star', '&amp', '!bang', '%pct', '@at', '`tick', 'it\'s', 'say "hi"',
  'trailing ', ' leading', 'tab\there', 'multi\nline', 'multi\nline\n', 'end\n\n', 'nel\u0085x', 'ls\u2028x', 'ps\u2029x',
  'unicode é ✓ 😀', 'back\\slash', '3600', '3607', '65534', 'true', 'false',
];

const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['v1', 'ConfigMap'], ['v1', 'ServiceAccount'], ['v1', 'Secret'], ['v1', 'Namespace'], ['apps/v1', 'Deployment'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'], ['rbac.authorization.k8s.io/v1', 'Role'], ['example.com/v1', 'Widget'],
];

const scalar: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SCALARS) },
  { weight: 1, arbitrary: fc.integer({ min: -100000, max: 100000 }).map(String) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
).map((text) => ({ t: 'scalar' as const, text }));

const key: fc.Arbitrary<Key> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORD_KEYS).map((k) => ({ yaml: k, json: k })) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
);

const { value } = fc.letrec<{ value: Value; map: Value; seq: Value }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.uniqueArray(fc.tuple(key, tie('value')), { maxLength: 5, selector: ([k]) => k.json })
    .map((entries) => ({ t: 'map' as const, entries })),
  seq: fc.array(fc.oneof(tie('value'), fc.constant<Value>({ t: 'scalar', text: '~' })), { maxLength: 4 })
    .map((items) => ({ t: 'seq' as const, items })),
}));

/** One Kubernetes-shaped document. */
interface Doc {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: ReadonlyArray<readonly [string, string]>;
  readonly body: ReadonlyArray<readonly [Key, Value]>;
  /** A list document: `items` holding these, on the document's kind (or a typed `...List`). */
  readonly items?: readonly Doc[];
}

const docName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);

const plainDoc: fc.Arbitrary<Doc> = fc.record({
  kind: fc.constantFrom(...KINDS),
  name: docName,
  namespace: fc.option(fc.constantFrom('apps', 'kube-system', 'team-a'), { nil: undefined }),
  labels: fc.uniqueArray(fc.tuple(fc.constantFrom('app', 'tier', 'app.kubernetes.io/part-of'), fc.constantFrom('web', 'yes', '0644', 'x y', '')),
    { maxLength: 2, selector: ([k]) => k }),
  body: fc.uniqueArray(fc.tuple(key.filter((k) => !['apiVersion', 'kind', 'metadata', 'items'].includes(k.json)), value),
    { maxLength: 4, selector: ([k]) => k.json }),
}).map(({ kind, ...rest }) => ({ apiVersion: kind[0], kind: kind[1], ...rest }));

const doc: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 5, arbitrary: plainDoc },
  {
    weight: 1,
    arbitrary: fc.tuple(plainDoc, fc.array(plainDoc, { minLength: 0, maxLength: 3 }), fc.constantFrom('any', 'typed', 'List'))
      .map(([wrapper, items, how]) => ({
        ...wrapper,
        kind: how === 'typed' ? `${items[0]?.kind ?? 'ConfigMap'}List` : how === 'List' ? 'List' : wrapper.kind,
        apiVersion: how === 'typed' ? (items[0]?.apiVersion ?? 'v1') : wrapper.apiVersion,
        body: [],
        // Items of a typed list may leave out kind and apiVersion: kubectl fills them in.
        items: how === 'typed' ? items.map((item, i) => (i % 2 === 0 ? { ...item, kind: '', apiVersion: '' } : item)) : items,
      })),
  },
);

/** One generated file. */
export interface CorpusFile {
  readonly extension: '.yaml' | '.json';
  readonly text: string;
}

/** Random rendering choices, drawn in order. */
class Choices {
  private i = 0;
  constructor(private readonly numbers: readonly number[]) {}
  public pick(n: number): number {
    return this.numbers[this.i++ % this.numbers.length] % n;
  }
  public chance(percent: number): boolean {
    return this.pick(100) < percent;
  }
}

const file: fc.Arbitrary<CorpusFile> = fc.record({
  docs: fc.array(doc, { minLength: 1, maxLength: 3 }),
  choices: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
  json: fc.boolean(),
}).map(({ docs, choices, json }) => {
  const choose = new Choices(choices);
  if (json && choose.chance(30)) return { extension: '.json' as const, text: JsonWriter.stream(docs, choose) };
  return { extension: '.yaml' as const, text: new YamlWriter(choose).stream(docs) };
});

/** `count` generated files (reproducible from `seed`). */
export function generatedFiles(count: number, seed: number): CorpusFile[] {
  return fc.sample(file, { numRuns: count, seed });
}

/** The value a tree stands for in JSON (for the JSON writer): plain strings, as JSON has no YAML 1.1. */
function jsonOf(v: Value): unknown {
  if (v.t === 'scalar') return /^-?[1-9][0-9]{0,5}$/.test(v.text) ? Number(v.text) : v.text;
  if (v.t === 'seq') return v.items.map(jsonOf);
  const out: Record<string, unknown> = {};
  for (const [k, child] of v.entries) {
    Object.defineProperty(out, k.json, { value: jsonOf(child), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function docJson(d: Doc): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: d.name };
  if (d.namespace) metadata.namespace = d.namespace;
  if (d.labels.length > 0) metadata.labels = Object.fromEntries(d.labels);
  const out: Record<string, unknown> = {};
  if (d.apiVersion) out.apiVersion = d.apiVersion;
  if (d.kind) out.kind = d.kind;
  out.metadata = metadata;
  for (const [k, v] of d.body) Object.defineProperty(out, k.json, { value: jsonOf(v), enumerable: true, writable: true, configurable: true });
  if (d.items) out.items = d.items.map(docJson);
  return out;
}

class JsonWriter {
  /** Objects one after another: one per line, pretty-printed, or back to back. */
  public static stream(docs: readonly Doc[], choose: Choices): string {
    return docs.map((d) => {
      const text = choose.chance(30) ? JSON.stringify(docJson(d), null, 2) : JSON.stringify(docJson(d));
      return text + ['\n', '', ' \n\n', '\t'][choose.pick(4)];
    }).join('');
  }
}

/** Writes documents as YAML, choosing styles at random. */
class YamlWriter {
  private lines: string[] = [];
  private anchors: Array<{ name: string; isMap: boolean }> = [];
  /** Anchors whose node is still being written: an alias to one would be recursive. */
  private readonly open = new Set<string>();
  private nextAnchor = 0;

  constructor(private readonly choose: Choices) {}

  public stream(docs: readonly Doc[]): string {
    const parts: string[] = [];
    docs.forEach((d, i) => {
      this.lines = [];
      this.anchors = [];
      if (i > 0 || this.choose.chance(30)) this.line(0, this.choose.chance(20) ? '--- # doc' : '---');
      this.document(d, 0);
      // A document after `...` without a new `---`: kubectl never applies it.
      if (this.choose.chance(5)) for (const l of ['...', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: never-applied}']) this.line(0, l);
      parts.push(this.lines.join(''));
    });
    return parts.join('');
  }

  /** A line; the line break is usually LF, but after a comment it may be NEL, LS or PS (YAML 1.1 line breaks). */
  private line(indent: number, text: string, comment = false): void {
    const br = comment && this.choose.chance(40) ? ['\u0085', '\u2028', '\u2029'][this.choose.pick(3)] : '\n';
    this.lines.push(`${' '.repeat(indent)}${text}${br}`);
  }

  private maybeComment(indent: number): void {
    if (this.choose.chance(15)) this.line(indent, '# a comment', true);
  }

  private document(d: Doc, indent: number): void {
    const entries: Array<readonly [Key, Value]> = [];
    if (d.apiVersion) entries.push([{ yaml: 'apiVersion', json: 'apiVersion' }, { t: 'scalar', text: d.apiVersion }]);
    if (d.kind) entries.push([{ yaml: 'kind', json: 'kind' }, { t: 'scalar', text: d.kind }]);
    this.mapping(indent, [...entries, ...d.body], d);
  }

  /** The metadata mapping, written with the same random styles but always valid ObjectMeta. */
  private metadata(indent: number, d: Doc): void {
    const labels = d.labels.map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
    if (this.choose.chance(30)) {
      const parts = [`name: ${d.name}`, ...(d.namespace ? [`namespace: ${d.namespace}`] : []), ...(labels.length ? [`labels: {${labels.join(', ')}}`] : [])];
      this.line(indent, `metadata: {${parts.join(', ')}}`);
      return;
    }
    this.line(indent, 'metadata:');
    this.maybeComment(indent + 2);
    this.line(indent + 2, `name: ${this.choose.chance(20) ? `'${d.name}'` : d.name}`);
    if (d.namespace) this.line(indent + 2, `namespace: ${d.namespace}`);
    if (labels.length) {
      this.line(indent + 2, 'labels:');
      for (const l of labels) this.line(indent + 4, l);
    }
  }

  /** A block mapping at `indent` (the document's top level when `d` is given). */
  private mapping(indent: number, entries: ReadonlyArray<readonly [Key, Value]>, d?: Doc): void {
    const all = [...entries];
    // A merge key, before or after the explicit keys it may override or be overridden by.
    const mapAnchors = this.anchors.filter((a) => a.isMap && !this.open.has(a.name));
    const merge = mapAnchors.length > 0 && this.choose.chance(35) ? this.choose.pick(all.length + 1) : -1;
    all.forEach(([k, v], i) => {
      if (i === merge) this.mergeKey(indent, mapAnchors);
      if (d && i === (d.kind ? 2 : 1)) this.metadata(indent, d);
      this.maybeComment(indent);
      this.entry(indent, k, v);
    });
    if (merge === all.length) this.mergeKey(indent, mapAnchors);
    if (d && all.length <= (d.kind ? 2 : 1)) this.metadata(indent, d);
    if (d?.items) {
      if (d.items.length === 0 && this.choose.chance(50)) {
        this.line(indent, this.choose.chance(50) ? 'items: []' : 'items:');
        return;
      }
      this.line(indent, 'items:');
      const itemIndent = this.choose.chance(50) ? indent : indent + 2;
      for (const item of d.items) {
        this.line(itemIndent, '-');
        this.document(item, itemIndent + 2);
      }
    }
  }

  private mergeKey(indent: number, anchors: ReadonlyArray<{ name: string }>): void {
    const a = anchors[this.choose.pick(anchors.length)].name;
    const b = anchors[this.choose.pick(anchors.length)].name;
    const form = this.choose.pick(3);
    this.line(indent, form === 0 ? `<<: *${a}` : form === 1 ? `<<: [*${a}, *${b}]` : '<<: {alpha: merged, zeta: 2}');
  }

  private anchor(isMap: boolean): string {
    if (!this.choose.chance(15)) return '';
    const name = `a${this.nextAnchor++}`;
    this.anchors.push({ name, isMap });
    return `&${name} `;
  }

  private alias(): string | undefined {
    const closed = this.anchors.filter((a) => !this.open.has(a.name));
    if (closed.length === 0 || !this.choose.chance(10)) return undefined;
    return `*${closed[this.choose.pick(closed.length)].name}`;
  }

  private entry(indent: number, k: Key, v: Value): void {
    const alias = this.alias();
    if (alias) {
      this.line(indent, `${k.yaml}: ${alias}`);
      return;
    }
    if (v.t === 'scalar') {
      const text = this.scalar(v.text, indent);
      if (text.startsWith('|') || text.startsWith('>')) {
        this.lines.push(`${' '.repeat(indent)}${k.yaml}: ${text}`);
      } else {
        this.line(indent, `${k.yaml}: ${text}${this.choose.chance(10) ? ' # trailing' : ''}`, true);
      }
      return;
    }
    if (this.choose.chance(25)) {
      this.line(indent, `${k.yaml}: ${this.anchor(v.t === 'map')}${this.flow(v)}`);
      return;
    }
    const empty = v.t === 'map' ? v.entries.length === 0 : v.items.length === 0;
    if (empty) {
      this.line(indent, `${k.yaml}: ${v.t === 'map' ? '{}' : '[]'}`);
      return;
    }
    const anchor = this.anchor(v.t === 'map').trim();
    this.line(indent, `${k.yaml}: ${anchor}`);
    if (anchor) this.open.add(anchor.slice(1));
    if (v.t === 'map') this.mapping(indent + 2, v.entries);
    else this.sequence(this.choose.chance(50) ? indent : indent + 2, v.items);
    if (anchor) this.open.delete(anchor.slice(1));
  }

  private sequence(indent: number, items: readonly Value[]): void {
    for (const item of items) {
      this.maybeComment(indent);
      const alias = this.alias();
      if (alias) {
        this.line(indent, `- ${alias}`);
      } else if (item.t === 'scalar') {
        if (item.text === '~' && this.choose.chance(50)) {
          this.line(indent, '-');
        } else {
          const text = this.scalar(item.text, indent);
          if (text.startsWith('|') || text.startsWith('>')) this.lines.push(`${' '.repeat(indent)}- ${text}`);
          else this.line(indent, `- ${text}`);
        }
      } else if (this.choose.chance(30) || (item.t === 'map' ? item.entries.length === 0 : item.items.length === 0)) {
        this.line(indent, `- ${this.flow(item)}`);
      } else if (item.t === 'map') {
        const anchor = this.anchor(true).trim();
        this.line(indent, `- ${anchor}`);
        if (anchor) this.open.add(anchor.slice(1));
        this.mapping(indent + 2, item.entries);
        if (anchor) this.open.delete(anchor.slice(1));
      } else {
        this.line(indent, '-');
        this.sequence(indent + 2, item.items);
      }
    }
  }

  /** A collection in flow style; scalars in it are quoted unless they are safe words. */
  private flow(v: Value): string {
    if (v.t === 'scalar') return /^[a-z][a-z0-9-]*$/.test(v.text) || this.choose.chance(20) ? v.text || '""' : JSON.stringify(v.text);
    if (v.t === 'seq') return `[${v.items.map((i) => this.flow(i)).join(', ')}]`;
    return `{${v.entries.map(([k, child]) => `${k.yaml}: ${this.flow(child)}`).join(', ')}}`;
  }

  /** A scalar in a random style: plain (even when that changes what it means), quoted, or a block scalar. */
  private scalar(text: string, indent: number): string {
    const style = this.choose.pick(10);
    if (text.includes('\n') && style < 5) {
      const body = text.replace(/\n+$/, '');
      const chomp = text.endsWith('\n\n') ? '+' : text.endsWith('\n') ? '' : '-';
      const lines = body.split('\n').map((l) => (l === '' ? '\n' : `${' '.repeat(indent + 2)}${l}\n`)).join('');
      return `${style < 3 ? '|' : '>'}${chomp}\n${lines}`;
    }
    // Plain even where quoting is needed, now and then: kubectl decides what that means.
    const safe = /^[A-Za-z0-9_./=@+~-][^:#\n\u0085\u2028\u2029'"\t]*$/.test(text) && !/ $/.test(text);
    if (style < 5 && (safe || this.choose.chance(5))) return text === '' ? '""' : text;
    if (style < 7 && !/[\n\u0085\u2028\u2029]/.test(text)) return `'${text.replace(/'/g, '\'\'')}'`;
    return JSON.stringify(text).replace(/\\\//g, '/');
  }
}

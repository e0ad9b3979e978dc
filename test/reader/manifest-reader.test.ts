import { loadInputs } from './load-inputs';
import { ManifestReader } from '../../src/reader/manifest-reader';
import type { ReadResult } from '../../src/reader/model';

/*
 * The reader yields exactly the objects `kubectl apply -f` sends (each expectation below was
 * checked with kubectl 1.32's own reader, `kubectl annotate --local -f FILE k=v -o json`; the
 * differential test does so for every fixture and generated file), and an input error for
 * every document kubectl refuses, while still reading the rest.
 */

const SA = (name: string, extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${extra}`;

function read(content: string | Buffer, file = 'm.yaml'): ReadResult {
  return ManifestReader.read(content, file);
}

function objects(result: ReadResult): unknown[] {
  return result.objects.map((o) => o.object);
}

function names(result: ReadResult): string[] {
  return result.objects.map((o) => (o.object.metadata as { name: string }).name);
}

describe('documents: split as kubectl splits them', () => {
  test('each document keeps its file and the line of its first node (after comments and ---)', () => {
    const result = read(`# generated\n${SA('a')}---\n# second\n${SA('b')}---\n`);
    expect(result.errors).toEqual([]);
    expect(result.objects.map((o) => [(o.object.metadata as any).name, o.source.file, o.source.line])).toEqual([['a', 'm.yaml', 2], ['b', 'm.yaml', 8]]);
  });

  test('objects after a `...` end marker without a new `---` are never applied', () => {
    const result = read(`${SA('applied')}...\n${SA('never-applied')}---\n${SA('after')}`);
    expect(names(result)).toEqual(['applied', 'after']);
    expect(result.errors).toEqual([]);
  });

  test('a separator line with anything but a comment after `---` (`----` too) is an error; the rest is still read', () => {
    const result = read(`${SA('a')}--- # fine\n${SA('b')}----\n${SA('c')}`);
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(result.errors).toEqual([{ file: 'm.yaml', line: 10, message: expect.stringMatching(/^invalid YAML document separator: -/) }]);
  });

  test('CR LF line ends read like LF', () => {
    expect(objects(read(SA('crlf', 'automountServiceAccountToken: no\n').replace(/\n/g, '\r\n')))).toEqual([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'crlf' }, automountServiceAccountToken: false },
    ]);
  });

  test('invalid YAML is an error at its line; the documents around it are read', () => {
    const result = read(`${SA('a')}---\nkind: [\n---\n${SA('b')}`);
    expect(names(result)).toEqual(['a', 'b']);
    expect(result.errors).toEqual([{ file: 'm.yaml', line: 6, message: 'invalid YAML: did not find expected node content' }]);
  });
});

describe('YAML 1.1 scalars, as go-yaml v2 reads them', () => {
  test.each([
    ['yes', true], ['no', false], ['on', true], ['off', false], ['y', true], ['N', false], ['True', true], ['tRUE', 'tRUE'],
    ['~', null], ['null', null], ['NULL', null], ['', null],
    ['0644', 420], ['08', 8], ['0o17', 15], ['0x1F', 31], ['-0x1F', -31], ['0b101', 5], ['1_000', 1000], ['+12', 12], ['-0', 0],
    ['1e3', 1000], ['1.', 1], ['.5', 0.5], ['6.8523015e+5', 685230.15], ['1e400', '1e400'], ['0xFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFF'],
    ['1:20', '1:20'], ['2024-01-01', '2024-01-01'], ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    ['"yes"', 'yes'], ['\'0644\'', '0644'], ['!!str 12', '12'], ['!!int "12"', 12], ['!!float 2', 2], ['!!binary aGVsbG8=', 'hello'],
    ['!custom 12', '12'], ['!!js/function "f()"', 'f()'], ['! 12', '12'], ['<<', '<<'],
  ])('%s is %j', (text, expected) => {
    expect(objects(read(SA('s', `value: ${text}\n`)))).toEqual([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 's' }, value: expected }]);
  });

  test.each([
    ['.inf', 'json: unsupported value: +Inf'],
    ['!!int yes', 'cannot decode !!bool `yes` as a !!int'],
    ['!!timestamp foo', 'cannot decode !!str `foo` as a !!timestamp'],
    ['!!binary "!!!"', '!!binary value contains invalid base64 data'],
  ])('%s makes kubectl refuse the document: %s', (text, message) => {
    const result = read(SA('s', `value: ${text}\n`));
    expect(result.objects).toEqual([]);
    expect(result.errors).toEqual([{ file: 'm.yaml', line: 5, message: `invalid YAML: ${message}` }]);
  });

  test('keys become JSON strings as sigs.k8s.io/yaml writes them (floats with 32-bit precision)', () => {
    const [object] = objects(read(SA('k', 'data:\n  1: a\n  0x10: b\n  1.5: c\n  123456789.0: d\n  1e6: e\n  y: f\n  .inf: g\n')));
    expect(Object.keys((object as any).data).sort()).toEqual(['.inf', '1', '1.2345679e+08', '1.5', '16', '1e+06', 'true']);
  });

  test('a null key or one over int64 makes kubectl refuse the document', () => {
    expect(read(SA('k', 'data:\n  ~: a\n')).errors).toEqual([{ file: 'm.yaml', line: 6, message: expect.stringMatching(/^invalid YAML: unsupported map key of type: %!s\(<nil>\)/) }]);
    expect(read(SA('k', 'data:\n  18446744073709551615: a\n')).errors).toEqual([{ file: 'm.yaml', line: 6, message: expect.stringMatching(/unsupported map key of type: uint64/) }]);
  });

  test('NEL, LS and PS are line breaks, also in comments: what follows one in a comment is read', () => {
    const yaml = SA('nel', 'data:\n  # comment\u0085  nel: read\n  # comment\u2028  ls: read\n  # comment\u2029  ps: read\n  q: "a\u2028b"\n  r: a\u0085   b\n');
    expect((objects(read(yaml))[0] as any).data).toEqual({ nel: 'read', ls: 'read', ps: 'read', q: 'a\u2028b', r: 'a b' });
  });
});

describe('merge keys, anchors and aliases', () => {
  test('a merge key applies where it appears: it overrides the keys before it, the keys after it override it', () => {
    const yaml = SA('m', 'automountServiceAccountToken: false\n<<: {automountServiceAccountToken: true, x: 1}\ny: 2\n<<: [{z: 1, w: 1}, {z: 2, v: 2}]\nv: 3\n');
    expect(objects(read(yaml))[0]).toMatchObject({ automountServiceAccountToken: true, x: 1, true: 2, z: 1, w: 1, v: 3 });
  });

  test('aliases are copies: changing one object changes no other', () => {
    const [object] = objects(read(SA('a', 'x: &labels {app: a}\nz: *labels\n'))) as any[];
    expect(object.z).toEqual({ app: 'a' });
    expect(object.z).not.toBe(object.x);
  });

  test('more than 100 aliases are fine (the bound is on expanded size, as go-yaml bounds it)', () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `  k${i}: *v\n`).join('');
    const result = read(SA('many', `base: &v {a: 1}\ndata:\n${aliases}`));
    expect(result.errors).toEqual([]);
    expect(Object.keys((objects(result)[0] as any).data)).toHaveLength(500);
  });

  test('an alias bomb is refused quickly, at the node where go-yaml\'s limit trips', () => {
    let text = SA('bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\n');
    let previous = 'a';
    for (const name of 'bcdefghijk') {
      text += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    // (expanded, it would be 10^11 nodes: the test would never finish)
    const result = read(`${text}---\n${SA('after')}`);
    expect(result.errors).toEqual([{ file: 'm.yaml', line: expect.any(Number), message: 'invalid YAML: document contains excessive aliasing' }]);
    expect(names(result)).toEqual(['after']);
  });

  test('an alias inside its own anchor is refused, as kubectl refuses it', () => {
    expect(read(SA('r', 'x: &m\n  self: *m\n')).errors).toEqual([{ file: 'm.yaml', line: 6, message: 'invalid YAML: anchor \'m\' value contains itself' }]);
  });
});

describe('duplicate keys: refused with their line (stricter than kubectl, which silently keeps one)', () => {
  test.each([
    ['top level', 'automountServiceAccountToken: false\nautomountServiceAccountToken: true\n', 6],
    ['nested mapping', 'spec:\n  a: 1\n  b: 2\n  a: 3\n', 8],
    ['flow mapping', 'data: {x: 1, y: 2, x: 3}\n', 5],
    ['mapping inside a sequence', 'items2:\n  - k: 1\n  - k: 1\n    k: 2\n', 8],
    ['quoted and plain spelling of one key', 'spec:\n  \'a\': 1\n  a: 2\n', 7],
    ['the first of two duplicates', 'spec:\n  a: 1\n  a: 2\nz:\n  b: 1\n  b: 2\n', 7],
    ['number and string spelling of one key (1 and "1" are one JSON key)', 'data:\n  1: a\n  "1": b\n', 7],
    ['yes and true (both the key "true")', 'data:\n  yes: a\n  true: b\n', 7],
  ])('a duplicate in a %s is an error at the repeated key; the next document is read', (_, extra, line) => {
    const result = read(`${SA('dup', extra)}---\n${SA('next')}`);
    expect(result.errors).toEqual([{ file: 'm.yaml', line, message: expect.stringMatching(/^invalid YAML: Map keys must be unique: ".+" is repeated/) }]);
    expect(names(result)).toEqual(['next']);
  });

  test('keys that differ in case are distinct; a merge that overrides a key is not a duplicate', () => {
    const result = read(SA('ok', 'data:\n  A: c\n  a: d\nx: &base {a: 1, b: 1}\nw:\n  <<: *base\n  a: 2\n'));
    expect(result.errors).toEqual([]);
    expect(objects(result)[0]).toMatchObject({ data: { A: 'c', a: 'd' }, w: { a: 2, b: 1 } });
  });
});

describe('lists: `items` on any kind, typed lists', () => {
  test('a document with `items` is a list whatever its kind: the items are the objects, the wrapper is dropped', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: harmless}\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRoleBinding\n  metadata: {name: evil}\n';
    const result = read(yaml);
    expect(result.objects.map((o) => [o.object.kind, (o.object.metadata as any).name, o.source.line])).toEqual([['ClusterRoleBinding', 'evil', 5]]);
  });

  test('items without kind and apiVersion get the typed list\'s: ClusterRoleBindingList items are ClusterRoleBindings', () => {
    const yaml = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBindingList\nitems:\n- metadata: {name: a}\n- kind: RoleBinding\n  metadata: {name: b}\n';
    const result = read(yaml);
    expect(objects(result)).toEqual([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'a' } }]);
    expect(result.errors).toEqual([{ file: 'm.yaml', line: 5, message: 'item 1 of the list has no apiVersion: kubectl refuses it' }]);
  });

  test('`items: null` applies nothing; a list in a list fails the whole list; `items: x` is refused', () => {
    expect(read('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems: ~\n')).toEqual({ objects: [], errors: [] });
    expect(read('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}, items: [{}]}\n').errors)
      .toEqual([{ file: 'm.yaml', line: 1, message: expect.stringMatching(/item 0 of the list is itself a list/) }]);
    expect(read('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nitems: x\n').errors)
      .toEqual([{ file: 'm.yaml', line: 1, message: expect.stringMatching(/"items" is a string/) }]);
  });

  test('null entries in lists stay null (the API server decodes them as "", e.g. the core API group)', () => {
    const yaml = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n- apiGroups: [~]\n  resources:\n  -\n  - secrets\n  verbs: [get]\n';
    expect((objects(read(yaml))[0] as any).rules).toEqual([{ apiGroups: [null], resources: [null, 'secrets'], verbs: ['get'] }]);
  });
});

describe('JSON and bytes', () => {
  test('a JSON stream (one object per line, or back to back) is read whole', () => {
    const json = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b"}}{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}';
    const result = read(json, 'x.json');
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(result.objects.map((o) => o.source.line)).toEqual([1, 2, 2]);
  });

  test('a file whose first character is { is JSON: a YAML flow mapping there is refused, as kubectl refuses it', () => {
    expect(read('{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n').errors)
      .toEqual([{ file: 'm.yaml', line: 1, message: expect.stringMatching(/^invalid JSON: invalid character "a" looking for beginning of object key string/) }]);
    expect(names(read('# a comment first: YAML\n{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n'))).toEqual(['a']);
  });

  test('a stray Latin-1 byte reads as U+FFFD and the file is applied; UTF-16 with a byte order mark is read', () => {
    expect(names(read(Buffer.concat([Buffer.from(SA('caf').slice(0, -1)), Buffer.from([0xe9, 0x0a])])))).toEqual(['caf\ufffd']);
    expect(names(read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SA('utf16'), 'utf16le')])))).toEqual(['utf16']);
  });

  test('a NUL byte (or another control character) refuses its document, with its line', () => {
    const result = read(Buffer.from(`${SA('a')}---\n${SA('b\u0000')}---\n${SA('c')}`));
    expect(result.errors).toEqual([{ file: 'm.yaml', line: 9, message: 'binary content (a NUL byte): not a YAML text file (kubectl refuses control characters)' }]);
    expect(names(result)).toEqual(['a', 'c']);
  });
});

describe('safety', () => {
  test('__proto__ stays data and pollutes no prototype', () => {
    const [object] = objects(read(SA('a', '__proto__:\n  polluted: true\n'))) as any[];
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(object, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
  });

  test('nesting up to kubectl\'s limit of 10,000 levels is read; deeper is refused without a stack overflow', () => {
    const nested = (levels: number) => {
      let deep = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
      for (let i = 0; i < levels; i++) deep += `${' '.repeat(i + 1)}k${i}:\n`;
      return deep;
    };
    expect(read(`${nested(5000)}---\n${SA('b')}`).errors).toEqual([]);
    const refused = read(`${nested(10_001)}---\n${SA('b')}`);
    expect(refused.errors).toEqual([{ file: 'm.yaml', line: expect.any(Number), message: 'invalid YAML: exceeded max depth of 10000' }]);
    expect(names(refused)).toEqual(['b']);
    expect(read(`data: ${'['.repeat(10_001)}${']'.repeat(10_001)}\n`).errors).toEqual([{ file: 'm.yaml', line: 1, message: 'invalid YAML: exceeded max depth of 10000' }]);
  });
});

describe('what the checker needs beyond kubectl: apiVersion, kind and metadata.name', () => {
  test.each([
    ['no metadata.name', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: a-}', 'not a Kubernetes object: ConfigMap has no metadata.name (each must be a non-empty string)'],
    ['no apiVersion', 'kind: ConfigMap\nmetadata: {name: a}', 'not a Kubernetes object: ConfigMap has no apiVersion (each must be a non-empty string)'],
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}', 'not a Kubernetes object: has no kind (kubectl refuses a document without one)'],
    ['a numeric kind', 'apiVersion: v1\nkind: 3\nmetadata: {name: a}', 'not a Kubernetes object: has no kind (kubectl refuses a document without one)'],
    ['a scalar', 'just text', 'not a Kubernetes object: a string ("just text") (kubectl reads only mappings)'],
    ['a sequence', '- a\n- b', 'not a Kubernetes object: a sequence (kubectl reads only mappings)'],
  ])('a document with %s is an input error naming what is missing', (_, text, message) => {
    const loaded = loadInputs(text, 'x.yaml');
    expect(loaded.inputs).toEqual([]);
    expect(loaded.errors).toEqual([{ file: 'x.yaml', line: 1, message }]);
  });
});

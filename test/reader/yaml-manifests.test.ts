import { YamlManifests } from '../../src/reader/yaml-manifests';

const SA = (name: string, extra = '') => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${extra}`;

describe('YamlManifests.load', () => {
  test('a document nested deeper than the parser can recurse is one input error; the others are still read', () => {
    // GIVEN a good document, one nested 5,000 levels deep (this overflows the yaml library's stack), and another good one
    let deep = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
    for (let i = 0; i < 5000; i++) deep += `${' '.repeat(i + 1)}k${i}:\n`;
    const text = `${SA('a')}---\n${deep}---\n${SA('b')}`;
    // WHEN it is loaded
    const loaded = YamlManifests.load(text, 'm.yaml');
    // THEN both good objects are there with their own lines, and the deep one is a single input error within it
    expect(loaded.inputs.map((i) => [i.manifest.metadata.name, i.source?.line])).toEqual([['a', 1], ['b', 5012]]);
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0].message).toMatch(/^invalid YAML: /);
    expect(loaded.errors[0].line).toBeGreaterThanOrEqual(6);
    expect(loaded.errors[0].line).toBeLessThan(5012);
  });

  test('each document keeps its file and the line of its first key (after comments and ---)', () => {
    // GIVEN a stream with a leading comment, a document marker and a trailing empty document
    const text = `# generated\n${SA('a')}---\n# second\n${SA('b')}---\n`;
    // WHEN it is loaded
    const loaded = YamlManifests.load(text, 'm.yaml');
    // THEN both objects are there, at the line of `apiVersion`, and the empty document is skipped
    expect(loaded.errors).toEqual([]);
    expect(loaded.inputs.map((i) => [i.manifest.metadata.name, i.source])).toEqual([
      ['a', { file: 'm.yaml', line: 2 }],
      ['b', { file: 'm.yaml', line: 8 }],
    ]);
  });

  test('reads YAML 1.1 as Kubernetes does: 0644 is octal, no is false, a date stays a string', () => {
    const loaded = YamlManifests.load(SA('a', 'automountServiceAccountToken: no\nmode: 0644\nsince: 2024-01-31\n'), 'm.yaml');
    expect(loaded.inputs[0].manifest.automountServiceAccountToken).toBe(false);
    expect(loaded.inputs[0].manifest.mode).toBe(420);
    expect(loaded.inputs[0].manifest.since).toBe('2024-01-31');
  });

  test('a __proto__ key stays data and pollutes no prototype', () => {
    const loaded = YamlManifests.load(SA('a', '__proto__:\n  polluted: true\n'), 'm.yaml');
    const manifest = loaded.inputs[0].manifest;
    expect(Object.getPrototypeOf(manifest)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(manifest, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
  });

  test('custom tags are refused, not resolved', () => {
    const loaded = YamlManifests.load(SA('a', 'x: !!js/function "function () {}"\n'), 'm.yaml');
    expect(loaded.inputs).toEqual([]);
    expect(loaded.errors).toEqual([{ file: 'm.yaml', line: 5, message: 'Unresolved tag: tag:yaml.org,2002:js/function: custom YAML tags are not allowed in Kubernetes manifests' }]);
  });

  test('an alias bomb is refused quickly instead of expanded', () => {
    let text = SA('bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\n');
    let previous = 'a';
    for (const name of 'bcdefghijk') {
      text += `${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    // (expanded, it would be 10^11 nodes: the test would never finish)
    const loaded = YamlManifests.load(`${text}---\n${SA('after')}`, 'm.yaml');
    expect(loaded.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringContaining('Excessive alias count') })]);
    expect(loaded.inputs.map((i) => i.manifest.metadata.name)).toEqual(['after']);
  });

  test('a few aliases, as hand-written YAML uses them, are fine', () => {
    const loaded = YamlManifests.load(SA('a', 'x: &labels {app: a}\nz: *labels\n'), 'm.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.inputs[0].manifest.z).toEqual({ app: 'a' });
  });

  test('a duplicate key is an error at its line: parsers disagree on which copy wins', () => {
    const loaded = YamlManifests.load(SA('a', 'automountServiceAccountToken: false\nautomountServiceAccountToken: true\n'), 'm.yaml');
    expect(loaded.inputs).toEqual([]);
    expect(loaded.errors).toEqual([{ file: 'm.yaml', line: 6, message: 'invalid YAML: Map keys must be unique' }]);
  });

  test.each([
    ['nested mapping', 'spec:\n  a: 1\n  b: 2\n  a: 3\n', 8],
    ['flow mapping', 'data: {x: 1, y: 2, x: 3}\n', 5],
    ['mapping inside a sequence', 'items2:\n  - k: 1\n  - k: 1\n    k: 2\n', 8],
    ['quoted and plain spelling of one key', "spec:\n  'a': 1\n  a: 2\n", 7],
    ['the first of two duplicates', 'spec:\n  a: 1\n  a: 2\nz:\n  b: 1\n  b: 2\n', 7],
    ['number and string spelling of one key (1 and "1" are one property)', 'data:\n  1: a\n  "1": b\n', 7],
    ['null and empty string key', 'data:\n  ~: a\n  "": b\n', 7],
  ])('a duplicate key in a %s is an error at the repeated key', (_, extra, line) => {
    const loaded = YamlManifests.load(`${SA('dup', extra)}---\n${SA('next')}`, 'm.yaml');
    expect(loaded.errors).toEqual([{ file: 'm.yaml', line, message: 'invalid YAML: Map keys must be unique' }]);
    expect(loaded.inputs.map((i) => i.manifest.metadata.name)).toEqual(['next']);
  });

  test('keys that differ in case are distinct; the same key in sibling mappings and a merge override are fine', () => {
    const loaded = YamlManifests.load(SA('ok', 'data:\n  A: c\n  a: d\nx: &base {a: 1, b: 1}\nw:\n  <<: *base\n  a: 2\n'), 'm.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.inputs[0].manifest).toMatchObject({ data: { A: 'c', a: 'd' }, w: { a: 2, b: 1 } });
  });

  test('a NUL byte makes a file binary; invalid UTF-8 is refused', () => {
    expect(YamlManifests.load(Buffer.from('a: 1\nb: \u0000\n'), 'bin').errors).toEqual([{ file: 'bin', line: 2, message: 'binary content (a NUL byte): not a YAML text file' }]);
    expect(YamlManifests.load(Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]), 'bad').errors).toEqual([{ file: 'bad', message: 'not valid UTF-8 text: YAML manifests must be UTF-8' }]);
  });

  test('a UTF-8 byte order mark is accepted', () => {
    const loaded = YamlManifests.load(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SA('bom'))]), 'bom.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.inputs[0].manifest.metadata.name).toBe('bom');
  });

  test('an empty input is an error unless allowed (the plugin allows it: an empty chart)', () => {
    expect(YamlManifests.load('# nothing\n', 'e.yaml').errors).toEqual([{ file: 'e.yaml', line: 1, message: 'no Kubernetes object: the input is empty or holds only comments' }]);
    expect(YamlManifests.load('', 'e.yaml', true)).toEqual({ inputs: [], errors: [] });
  });

  test('List items are unpacked with their own lines; a bad item is an error, the others are kept', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: one}\n- kind: ServiceAccount\n  metadata: {name: two}\n';
    const loaded = YamlManifests.load(text, 'l.yaml');
    expect(loaded.inputs.map((i) => [i.manifest.metadata.name, i.source?.line])).toEqual([['one', 4]]);
    expect(loaded.errors).toEqual([{ file: 'l.yaml', line: 7, message: 'item 1 of List: not a Kubernetes object: ServiceAccount has no apiVersion (each must be a non-empty string)' }]);
  });

  test.each([
    ['a scalar', 'just text', 'expected a mapping with apiVersion, kind and metadata.name, found a string ("just text")'],
    ['a sequence', '- a\n- b', 'expected a mapping with apiVersion, kind and metadata.name, found a sequence'],
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}', 'has no kind (each must be a non-empty string)'],
    ['no metadata.name', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: a-}', 'ConfigMap has no metadata.name (each must be a non-empty string)'],
    ['nothing', 'a: 1', 'has no apiVersion, no kind, no metadata.name (each must be a non-empty string)'],
    ['a numeric kind', 'apiVersion: v1\nkind: 3\nmetadata: {name: a}', 'has no kind (each must be a non-empty string)'],
  ])('a document with %s is an input error naming what is missing', (_, text, message) => {
    const loaded = YamlManifests.load(text, 'x.yaml');
    expect(loaded.inputs).toEqual([]);
    expect(loaded.errors).toEqual([{ file: 'x.yaml', line: 1, message: `not a Kubernetes object: ${message}` }]);
  });
});

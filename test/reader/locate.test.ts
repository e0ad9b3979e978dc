import { ManifestReader } from '../../src/reader/manifest-reader';

/*
 * `source.locate(pointer)`: the 1-based line and column of the field a JSON pointer names (the
 * key of a mapping entry, the start of a sequence element), or of its deepest existing parent.
 * The document is parsed a second time, with positions, only when asked.
 */

function object(text: string, index = 0, file = 'm.yaml') {
  const read = ManifestReader.read(text, file);
  expect(read.errors).toEqual([]);
  return read.objects[index];
}

const POD = `# a comment
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web, tier: "front"}
spec:
  automountServiceAccountToken: true
  containers:
  - name: main
    image: nginx
    args:
    - --one
    -   --two
    command: |
      line one
      line two
    securityContext:
      privileged: true
`;

describe('locate: the line and column of a JSON pointer', () => {
  test.each([
    ['', 2, 1],
    ['/apiVersion', 2, 1],
    ['/metadata', 4, 1],
    ['/metadata/name', 5, 3],
    ['/metadata/labels/tier', 6, 22],
    ['/spec/automountServiceAccountToken', 8, 3],
    ['/spec/containers/0', 10, 5],
    ['/spec/containers/0/args/1', 14, 9],
    ['/spec/containers/0/command', 15, 5],
    ['/spec/containers/0/securityContext/privileged', 19, 7],
  ])('in block YAML, %j is at line %i, column %i', (pointer, line, column) => {
    expect(object(POD).source.locate(pointer)).toEqual({ line, column });
  });

  test.each([
    ['/spec/containers/0/securityContext/runAsNonRoot', 18, 5, 'the missing key: its parent mapping\'s key'],
    ['/spec/containers/7', 9, 3, 'a missing element: the sequence\'s key'],
    ['/spec/containers/0/name/x', 10, 5, 'below a scalar: the scalar\'s key'],
  ])('a pointer to what does not exist, %j, is at its deepest existing parent (line %i, column %i: %s)', (pointer, line, column) => {
    expect(object(POD).source.locate(pointer)).toEqual({ line, column });
  });

  test('~1 and ~0 in a pointer are / and ~', () => {
    const o = object('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a/b~c: x\n');
    expect(o.source.locate('/metadata/annotations/a~1b~0c')).toEqual({ line: 6, column: 5 });
  });

  test('in the second document of a file, lines count from the file\'s start', () => {
    const o = object(`${POD}---\n${POD}`, 1);
    expect(o.source.line).toBe(22);
    expect(o.source.locate('/spec/containers/0/securityContext/privileged')).toEqual({ line: 39, column: 7 });
  });

  test('merged keys are where the merged mapping writes them; aliases where they are written, their insides at the anchor', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\nbase: &base\n  a: 1\n  b: 2\ndata:\n  <<: *base\n  b: 3\ncopy: *base\n';
    const o = object(text);
    expect(o.object.data).toEqual({ a: 1, b: 3 });
    expect(o.source.locate('/data/a')).toEqual({ line: 6, column: 3 });
    expect(o.source.locate('/data/b')).toEqual({ line: 10, column: 3 });
    expect(o.source.locate('/copy')).toEqual({ line: 11, column: 1 });
    expect(o.source.locate('/copy/b')).toEqual({ line: 7, column: 3 });
  });

  test('a merge after an explicit key moves the key\'s location to the merged mapping', () => {
    const o = object('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\nautomountServiceAccountToken: false\n<<: {automountServiceAccountToken: true}\n');
    expect(o.source.locate('/automountServiceAccountToken')).toEqual({ line: 5, column: 6 });
  });

  test('a line break that is NEL, LS or PS starts a new line for YAML, not for the file: positions count LF only', () => {
    const o = object('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\ndata:\n  a: 1 # c\u0085  b: 2\n');
    expect(o.source.locate('/data/b')).toEqual({ line: 5, column: 14 });
  });

  test('list items: the pointer is relative to the item, and the item\'s line is its own', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: one}\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: two\n';
    const two = object(text, 1);
    expect(two.source.line).toBe(7);
    expect(two.source.locate('')).toEqual({ line: 7, column: 3 });
    expect(two.source.locate('/metadata/name')).toEqual({ line: 10, column: 5 });
  });

  test('JSON: positions in the file, also for the second object of a stream on one line', () => {
    const text = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n{"apiVersion":"v1","kind":"ConfigMap",\n "metadata":{"name":"b"},"data":{"k":"v"}}';
    const b = ManifestReader.read(text, 'x.json').objects[1];
    expect(b.source.line).toBe(2);
    expect(b.source.locate('/metadata/name')).toEqual({ line: 3, column: 14 });
    expect(b.source.locate('/data/k')).toEqual({ line: 3, column: 34 });
  });

  test('a document that the fast path read is located by the full parser, with the same answer', () => {
    // plain block YAML takes the fast path; flow YAML does not: the same object, the same locations
    const block = object('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  x: "1"\n');
    const flow = object('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: "1"}\n');
    expect(block.object).toEqual(flow.object);
    expect(block.source.locate('/data/x')).toEqual({ line: 6, column: 3 });
    expect(flow.source.locate('/data/x')).toEqual({ line: 4, column: 8 });
  });
});

import { HardenInput } from '../../src/harden/harden-input';
import { ManifestReader } from '../../src/reader/manifest-reader';

describe('HardenInput: files cut into documents, read with the CLI\'s reader', () => {
  test('GIVEN a stream THEN each document spans its --- line to the next, and the spans rebuild the text exactly', () => {
    const text = '# header comment\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\n# b\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b}\n--- # c\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: c}\n';
    const file = HardenInput.read(text, 'in.yaml');
    expect(file.errors).toEqual([]);
    expect(file.documents.map((d) => text.slice(d.start, d.end)).join('')).toBe(text);
    expect(file.documents.map((d) => d.objects.map((o) => [o.manifest.metadata.name, o.source.line]))).toEqual([[['a', 2]], [['b', 7]], [['c', 11]]]);
  });

  test('GIVEN a List THEN its items are objects with their path in the document', () => {
    const file = HardenInput.read('apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: b}}\n', 'l.yaml');
    expect(file.documents[0].objects.map((o) => [o.manifest.metadata.name, o.prefix])).toEqual([['a', ['items', 0]], ['b', ['items', 1]]]);
  });

  test.each([
    ['apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\napiVersion: v1\nkind: x\n  bad: indent\n', 7],
    ['apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n---\n\n\napiVersion: v1\nkind: [oops\n', 8],
  ])('GIVEN an invalid document THEN its error is the one check reports, with the line in the file; the other documents are still read', (text, line) => {
    const file = HardenInput.read(text, 'bad.yaml');
    expect(file.errors).toEqual(ManifestReader.read(text, 'bad.yaml').errors);
    expect(file.errors).toEqual([{ file: 'bad.yaml', line, message: expect.stringContaining('invalid YAML') }]);
    expect(file.documents[0].objects).toHaveLength(1);
  });

  test('GIVEN a byte order mark THEN it is kept in the text (the output keeps every byte)', () => {
    const file = HardenInput.read(Buffer.from('\ufeffapiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n'), 'bom.yaml');
    expect(file.errors).toEqual([]);
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    expect(file.documents[0].objects[0].manifest.kind).toBe('ServiceAccount');
  });

  test.each([
    [Buffer.from([0x61, 0x00, 0x62]), 'binary content (a NUL byte)'],
    [Buffer.from([0x61, 0xff, 0x62]), 'not valid UTF-8'],
    [Buffer.from('# only a comment\n'), 'no Kubernetes object'],
  ])('GIVEN %j THEN it is an input error as check reports it', (content, message) => {
    const file = HardenInput.read(content, 'x.yaml');
    expect(file.errors.map((e) => e.message)).toEqual([expect.stringContaining(message)]);
  });
});

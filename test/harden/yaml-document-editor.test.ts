import { readManifests } from './read-manifests';
import { ManifestEdit, ManifestEdits } from '../../src/harden/manifest-edit';
import { NotEditableInPlace, YamlDocumentEditor } from '../../src/harden/yaml-document-editor';

const MOUNT = { name: 'api-credentials', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
const POD = ['spec', 'template', 'spec'];

/**
 * Edits a one-object document with both locators and checks that it reads back as the same edits
 * applied to the object; where the fast locator reads the document, both give the same text.
 */
function edit(text: string, edits: ManifestEdit[], fast: 'fast' | 'not fast' = 'fast'): string {
  const before = readManifests(text, 'doc.yaml');
  expect(before.errors).toEqual([]);
  const objects = [{ prefix: [], edits, edited: ManifestEdits.applied(before.manifests[0], edits) }];
  const edited = YamlDocumentEditor.edit(text, objects);
  const after = readManifests(edited, 'doc.yaml');
  expect(after.errors).toEqual([]);
  expect(after.manifests).toEqual([ManifestEdits.applied(before.manifests[0], edits)]);
  if (fast === 'fast') expect(YamlDocumentEditor.editFast(text, objects)).toBe(edited);
  else expect(() => YamlDocumentEditor.editFast(text, objects)).toThrow(NotEditableInPlace);
  return edited;
}

const HELM_STYLE = `# Source: gadget/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "gadget"   # quoted on purpose
  labels: {app: gadget, tier: 'backend'}
spec:
  template:
    spec:
      serviceAccountName: gadget
      containers:
      - name: manager
        image: ghcr.io/acme/gadget:1.0
        args:
          - --leader-elect
      volumes:
      - name: tmp
        emptyDir: {}
`;

describe('YamlDocumentEditor: block YAML keeps every byte it does not change', () => {
  test('GIVEN Helm-style YAML (dashes at the key\'s column, comments, quotes, flow labels) THEN only the new lines appear', () => {
    const edited = edit(HELM_STYLE, [
      { op: 'set', path: POD, key: 'automountServiceAccountToken', value: false },
      { op: 'set', path: [...POD, 'containers', 0], key: 'volumeMounts', value: [MOUNT] },
      { op: 'append', path: [...POD, 'volumes'], value: { name: 'api-credentials', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } } },
    ]);
    expect(edited).toBe(`# Source: gadget/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "gadget"   # quoted on purpose
  labels: {app: gadget, tier: 'backend'}
spec:
  template:
    spec:
      serviceAccountName: gadget
      containers:
      - name: manager
        image: ghcr.io/acme/gadget:1.0
        args:
          - --leader-elect
        volumeMounts:
        - name: api-credentials
          mountPath: /var/run/secrets/kubernetes.io/serviceaccount
          readOnly: true
      volumes:
      - name: tmp
        emptyDir: {}
      - name: api-credentials
        projected:
          sources:
          - serviceAccountToken:
              path: token
              expirationSeconds: 3600
      automountServiceAccountToken: false
`);
  });

  test('GIVEN YAML that indents sequences under their key (cdk8s, yaml defaults) THEN new sequences are indented the same way', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n';
    expect(edit(text, [
      { op: 'set', path: ['spec'], key: 'volumes', value: [{ name: 'v', emptyDir: {} }] },
      { op: 'set', path: ['spec', 'containers', 0], key: 'volumeMounts', value: [{ name: 'v', mountPath: '/v' }] },
    ])).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n'
      + '      volumeMounts:\n        - name: v\n          mountPath: /v\n  volumes:\n    - name: v\n      emptyDir: {}\n');
  });

  test('GIVEN a value replaced in place THEN its comment, anchor and neighbours stay', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nautomountServiceAccountToken: &on yes # vendor default\nmetadata:\n  name: sa\n';
    // An anchor: outside what the fast locator reads.
    expect(edit(text, [{ op: 'set', path: [], key: 'automountServiceAccountToken', value: false }], 'not fast'))
      .toBe('apiVersion: v1\nkind: ServiceAccount\nautomountServiceAccountToken: &on false # vendor default\nmetadata:\n  name: sa\n');
  });

  test('GIVEN a key with no value (null) THEN the value is written after the colon', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  containers:\n  - name: a\n';
    expect(edit(text, [{ op: 'set', path: ['spec'], key: 'volumes', value: [{ name: 'v', emptyDir: {} }] }]))
      .toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes:\n  - name: v\n    emptyDir: {}\n  containers:\n  - name: a\n');
  });

  test('GIVEN an empty flow sequence in block YAML THEN appending turns it into a block sequence', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts: [] # none yet\n';
    expect(edit(text, [{ op: 'append', path: ['spec', 'containers', 0, 'volumeMounts'], value: { name: 'v', mountPath: '/v' } }]))
      .toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: v\n      mountPath: /v # none yet\n');
  });

  test('GIVEN a document that ends without a line break THEN the new lines start on their own line', () => {
    const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa';
    expect(edit(text, [{ op: 'set', path: [], key: 'automountServiceAccountToken', value: false }]))
      .toBe('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\nautomountServiceAccountToken: false\n');
  });

  test('GIVEN a mapping that ends in a block scalar kept with its blank lines THEN the scalar is unchanged', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    args:\n    - |+\n      script\n\n';
    // `|+` keeps trailing blank lines: outside what the fast locator reads.
    const edited = edit(text, [{ op: 'set', path: ['spec'], key: 'automountServiceAccountToken', value: false }], 'not fast');
    expect(edited).toBe(`${text}  automountServiceAccountToken: false\n`);
  });

  test('GIVEN CR LF line breaks THEN the new lines end with CR LF too', () => {
    const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n';
    expect(edit(text, [{ op: 'set', path: ['spec', 'containers', 0], key: 'volumeMounts', value: [{ name: 'v', mountPath: '/v' }] }]))
      .toBe(`${text}    volumeMounts:\r\n    - name: v\r\n      mountPath: /v\r\n`);
  });

  test('GIVEN removals THEN the items\' lines go; a sequence left empty becomes [] (unless something is appended to it)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: x # first\n      mountPath: /x\n    - name: y\n      mountPath: /y\n';
    expect(edit(text, [{ op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 0 }]))
      .toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: y\n      mountPath: /y\n');
    expect(edit(text, [
      { op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 0 },
      { op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 1 },
    ])).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts: []\n');
    expect(edit(text, [
      { op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 0 },
      { op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 1 },
      { op: 'append', path: ['spec', 'containers', 0, 'volumeMounts'], value: { name: 'z', mountPath: '/z' } },
    ])).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: z\n      mountPath: /z\n');
  });

  test('GIVEN an object of a List THEN its edits land in its item', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: b\n';
    const objects = [{ prefix: ['items', 1], edits: [{ op: 'set' as const, path: [], key: 'automountServiceAccountToken', value: false }], edited: {} }];
    const edited = YamlDocumentEditor.edit(text, objects);
    expect(YamlDocumentEditor.editFast(text, objects)).toBe(edited);
    expect(edited).toBe(`${text}  automountServiceAccountToken: false\n`);
  });

  test('GIVEN strings YAML 1.1 reads as something else THEN they are quoted', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    expect(edit(text, [{ op: 'set', path: [], key: 'data', value: { a: 'yes', b: 'on', c: '0644', d: '1:20', e: '2024-01-01', f: '', g: 'plain/path.txt' } }]))
      .toBe(`${text}data:\n  a: "yes"\n  b: "on"\n  c: "0644"\n  d: "1:20"\n  e: "2024-01-01"\n  f: ""\n  g: plain/path.txt\n`);
  });
});

describe('YamlDocumentEditor: flow collections and JSON', () => {
  test('GIVEN pretty JSON THEN each new entry is on its own line and the document stays JSON', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "ServiceAccount",\n  "metadata": {\n    "name": "sa"\n  }\n}\n';
    const edited = edit(text, [{ op: 'set', path: [], key: 'automountServiceAccountToken', value: false }], 'not fast');
    expect(edited).toBe('{\n  "apiVersion": "v1",\n  "kind": "ServiceAccount",\n  "metadata": {\n    "name": "sa"\n  },\n  "automountServiceAccountToken": false\n}\n');
    expect(JSON.parse(edited).automountServiceAccountToken).toBe(false);
  });

  test('GIVEN one-line JSON THEN it stays one line, and new values are JSON', () => {
    const text = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"x","mountPath":"/x"}]}]}}';
    const edited = edit(text, [
      { op: 'set', path: ['spec'], key: 'automountServiceAccountToken', value: false },
      { op: 'append', path: ['spec', 'containers', 0, 'volumeMounts'], value: MOUNT },
    ], 'not fast');
    expect(edited).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"x","mountPath":"/x"}, '
      + '{"name":"api-credentials","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}], "automountServiceAccountToken": false}}');
    expect(() => JSON.parse(edited)).not.toThrow();
  });

  test('GIVEN a removal from a flow sequence THEN that sequence is written anew as JSON', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, volumeMounts: [{name: x, mountPath: /x}, {name: z, mountPath: /z}]}\n';
    expect(edit(text, [{ op: 'remove', path: ['spec', 'containers', 0, 'volumeMounts'], index: 0 }], 'not fast'))
      .toBe('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, volumeMounts: [{"name":"z","mountPath":"/z"}]}\n');
  });
  test('GIVEN a flow sequence written anew, an edit inside it and an entry added right after it THEN the edit is in the new sequence and the entry follows it', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"volumes": [{"name": "a", "ttl": 3607}, {"name": "b"}]}}';
    expect(edit(text, [
      { op: 'set', path: ['spec', 'volumes', 0], key: 'ttl', value: 3600 },
      { op: 'remove', path: ['spec', 'volumes'], index: 1 },
      { op: 'set', path: ['spec'], key: 'automountServiceAccountToken', value: false },
    ], 'not fast')).toBe('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"volumes": [{"name":"a","ttl":3600}], "automountServiceAccountToken": false}}');
  });
});

describe('YamlDocumentEditor: what it will not edit in place', () => {
  test('GIVEN a merge key in an edited mapping THEN it refuses (the edit could land in the merged mapping)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nbase: &base {automountServiceAccountToken: true}\nspec:\n  <<: *base\n  containers: []\n';
    const objects = [{ prefix: [], edits: [{ op: 'set' as const, path: ['spec'], key: 'automountServiceAccountToken', value: false }], edited: {} }];
    expect(() => YamlDocumentEditor.edit(text, objects)).toThrow(NotEditableInPlace);
    expect(() => YamlDocumentEditor.editFast(text, objects)).toThrow(NotEditableInPlace);
  });

  test('GIVEN an alias on the edited path THEN it refuses (editing the anchor would change every alias)', () => {
    const text = 'apiVersion: v1\nkind: List\nx: &c [{name: a}]\nitems: []\nspec:\n  containers: *c\n';
    const objects = [{ prefix: [], edits: [{ op: 'set' as const, path: ['spec', 'containers', 0], key: 'volumeMounts', value: [] }], edited: {} }];
    expect(() => YamlDocumentEditor.edit(text, objects)).toThrow('an alias at /spec/containers');
    expect(() => YamlDocumentEditor.editFast(text, objects)).toThrow('not plain block YAML');
  });

  test('GIVEN text that is not one YAML document THEN it refuses', () => {
    expect(() => YamlDocumentEditor.edit('a: 1\n---\nb: 2\n', [{ prefix: [], edits: [], edited: {} }])).toThrow('not exactly one readable YAML document');
    expect(() => YamlDocumentEditor.editFast('a: 1\n---\nb: 2\n', [{ prefix: [], edits: [], edited: {} }])).toThrow('not plain block YAML');
  });
});

import { readManifests } from './read-manifests';
import { HardenInput } from '../../src/harden/harden-input';
import { HardenOptionsModel } from '../../src/harden/harden-options';
import { HardenStream } from '../../src/harden/harden-stream';

const ACCOUNT = '# the operator\'s account\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: manager\n';
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: manager}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: manager}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: manager}
subjects: [{kind: ServiceAccount, name: manager, namespace: ops}]
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: manager
spec:
  template:
    spec:
      serviceAccountName: manager
      containers:
      - name: manager
        image: manager:1
`;

function run(texts: string[], options = {}) {
  const files = texts.map((text, i) => HardenInput.read(text, `f${i}.yaml`));
  return HardenStream.run(files, { namespace: 'ops', ...options });
}

describe('HardenStream', () => {
  test('GIVEN the account, its RBAC and its pod in three files THEN the rewrite sees them together; a file with nothing to change is the same text', () => {
    const result = run([ACCOUNT, RBAC, DEPLOYMENT]);
    expect(result.outputs[0]).toBe(`${ACCOUNT}automountServiceAccountToken: false\n`);
    expect(result.outputs[1]).toBe(RBAC);
    expect(result.outputs[2]).toContain('        volumeMounts:\n        - name: api-credentials\n');
    expect(result.objects).toBe(4);
    expect(result.rewritten).toEqual([]);
  });

  test('GIVEN the output THEN hardening it again changes nothing (idempotent)', () => {
    const first = run([`${ACCOUNT}---\n${RBAC}---\n${DEPLOYMENT}`]);
    const second = run(first.outputs as string[]);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.plan.objects).toEqual([]);
    expect(second.plan.changes).toEqual([]);
  });

  test('GIVEN documents that need no change THEN they stay byte for byte, whatever their style', () => {
    const odd = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 'odd'}   # trailing\ndata:\n  script: |\n    #!/bin/sh\n    echo ok\n\n\n";
    const result = run([`${odd}---\n${ACCOUNT}`]);
    expect(result.outputs[0]).toBe(`${odd}---\n${ACCOUNT}automountServiceAccountToken: false\n`);
  });

  test('GIVEN a document the editor cannot edit in place (a merge key in the pod spec) THEN that document alone is written anew, and said so', () => {
    const merged = `apiVersion: apps/v1
kind: Deployment
metadata: {name: merged}
spec:
  template:
    spec:
      <<: {serviceAccountName: manager}
      containers: [{name: manager, image: m}]
`;
    const result = run([`${ACCOUNT}---\n${RBAC}---\n# keep me\n${merged}`]);
    expect(result.rewritten).toEqual([{ file: 'f0.yaml', line: 19, reason: 'a merge key (<<) in an edited mapping' }]);
    const output = result.outputs[0] as string;
    expect(output.startsWith(`${ACCOUNT}automountServiceAccountToken: false\n---\n${RBAC}---\n# keep me\n`)).toBe(true);
    const read = readManifests(output, 'out.yaml');
    expect(read.errors).toEqual([]);
    const deployment = read.manifests[3];
    expect(deployment.spec.template.spec.serviceAccountName).toBe('manager');
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(deployment.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'api-credentials', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
  });

  test('GIVEN a JSON document that must be written anew THEN it is written as JSON', () => {
    // A JSON object whose pod spec repeats a key: the reader refuses it, so no such input gets here; a
    // JSON document with a merge key is the one JSON shape the editor refuses.
    const json = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"j"},"spec":{"template":{"spec":{"<<":{"serviceAccountName":"manager"},"containers":[{"name":"manager","image":"m"}]}}}}\n';
    const result = run([`${ACCOUNT}---\n${RBAC}---\n${json}`]);
    expect(result.rewritten.map((r) => r.reason)).toEqual(['a merge key (<<) in an edited mapping']);
    const last = (result.outputs[0] as string).split('---\n').pop()!;
    expect(JSON.parse(last).spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('GIVEN options THEN they are checked first (a 3607 s lifetime is refused)', () => {
    expect(() => run([ACCOUNT], { tokenTtlSeconds: 3607 })).toThrow('3607s is refused');
    expect(() => HardenOptionsModel.resolve({ tokenTtlSeconds: 599 })).toThrow('below the Kubernetes minimum of 600s');
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, runCli, STACK_TRACE, tempDir } from './built-cli';

afterAll(removeTempDirs);

function write(files: Record<string, string>): string {
  const dir = tempDir('guardrails-parse-');
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

const INSTALL = `# an upstream install: no namespaces, applied with kubectl apply -n NS
apiVersion: v1
kind: ServiceAccount
metadata:
  name: agent
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: agent
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: agent}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: kept}
  data: {mode: "yes", flag: yes}
`;

describe('cdk8s-guardrails parse', () => {
  test('one JSON object per line, as kubectl apply sends them: lists flattened, namespace-less namespaced objects in default', () => {
    const dir = write({ 'install.yaml': INSTALL });
    const r = runCli(['parse', path.join(dir, 'install.yaml')]);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout.split('\n')).toEqual([
      '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"agent","namespace":"default"}}',
      '{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"agent"},'
        + '"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},"subjects":[{"kind":"ServiceAccount","name":"agent"}]}',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"kept"},"data":{"mode":"yes","flag":true}}',
      '',
    ]);
  });

  test('-n NS puts namespace-less namespaced objects in NS; an object that names another namespace is an input error, as kubectl refuses it', () => {
    const dir = write({ 'install.yaml': INSTALL });
    const r = runCli(['parse', '-n', 'monitoring', path.join(dir, 'install.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).metadata)).toEqual([
      { name: 'agent', namespace: 'monitoring' },
      { name: 'agent' },
    ]);
    expect(r.stderr).toBe(`${path.join(dir, 'install.yaml')}:17: input error: the namespace from the provided object "kept" does not match the namespace "monitoring": `
      + 'kubectl apply -n monitoring refuses it\n');
  });

  test('a custom kind is cluster-scoped when its CustomResourceDefinition in the input says so', () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n'
      + 'spec: {group: example.com, scope: Cluster, names: {kind: Widget, plural: widgets}, versions: []}\n';
    const dir = write({ 'a-crd.yaml': crd, 'b-widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', 'c-gadget.json': '{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"}}' });
    const r = runCli(['parse', '-n', 'ns', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => [JSON.parse(l).kind, JSON.parse(l).metadata.namespace])).toEqual([
      ['CustomResourceDefinition', undefined], ['Widget', undefined], ['Gadget', 'ns'],
    ]);
  });

  test('input errors go to stderr with file and line (exit 2); every readable object is still printed; --exclude skips files', () => {
    const dir = write({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n', 'skip.yaml': 'bad: [' });
    const r = runCli(['parse', '--exclude', 'skip.yaml', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).metadata.name)).toEqual(['a', 'b']);
    expect(r.stderr).toBe(`${path.join(dir, 'a.yaml')}:5: input error: invalid YAML: did not find expected node content\n`);
  });

  test('reads standard input without PATH; an empty input is no error', () => {
    expect(runCli(['parse'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1}\n')).toMatchObject({ status: 0, stdout: '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns1"}}\n' });
    expect(runCli(['parse', '-'], '')).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  test('a namespace that is no DNS label is a usage error', () => {
    const r = runCli(['parse', '-n', 'Not_A_Namespace', '-']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--namespace \'Not_A_Namespace\' is not a valid namespace name');
  });
});

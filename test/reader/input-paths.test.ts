import * as fs from 'fs';
import * as path from 'path';
import { InputPaths, STDIN_NAME } from '../../src/reader/input-paths';
import { removeTempDirs, tempDir } from '../cli/built-cli';

afterAll(removeTempDirs);

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

/** A directory tree from relative paths to contents. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('guardrails-inputs-');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const noStdin = () => Buffer.alloc(0);

function names(read: ReturnType<typeof InputPaths.read>): string[] {
  return read.objects.map((o) => (o.object.metadata as { name: string }).name);
}

describe('InputPaths: what `kubectl apply -R -f PATH` reads', () => {
  test('a directory: *.yaml, *.yml and *.json below it (extensions compared as kubectl does: case-sensitively), in name order', () => {
    const dir = tree({
      'b.yaml': CM('b'),
      'a.json': JSON.stringify(JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }))),
      'sub/c.yml': CM('c'),
      'D.YAML': CM('upper'),
      'notes.txt': CM('txt'),
      'node_modules/x.yaml': CM('nm'),
      '.github/workflows/build.yml': 'on: push\n',
      '.projen/tasks.json': '{}',
    });
    const read = InputPaths.read([dir], { readStdin: noStdin });
    expect(names(read)).toEqual(['a', 'b', 'c']);
    expect(read.errors).toEqual([]);
    expect(read.files).toBe(3);
  });

  test('build-tool files in a directory are skipped with one note; named explicitly, they are read (and are no objects)', () => {
    const dir = tree({
      'deploy.yaml': CM('deploy'),
      'kustomization.yaml': 'resources: [deploy.yaml]\n',
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
      'chart/values.yaml': 'replicas: 2\n',
      'chart/values-prod.yaml': 'replicas: 3\n',
      'chart/values.schema.json': '{"type": "object"}',
      '.pre-commit-config.yaml': 'repos: []\n',
      'package.json': '{"name": "app"}',
      'tsconfig.dev.json': '{}',
      'cdk8s.yaml': 'language: typescript\n',
    });
    const read = InputPaths.read([dir], { readStdin: noStdin });
    expect(names(read)).toEqual(['deploy']);
    expect(read.errors).toEqual([]);
    expect(read.notes).toEqual([expect.stringMatching(/^skipped 9 build-tool files that are not Kubernetes objects \(.*\); name a file explicitly to check it$/)]);
    const explicit = InputPaths.read([path.join(dir, 'kustomization.yaml')], { readStdin: noStdin });
    expect(explicit.errors).toEqual([{ file: path.join(dir, 'kustomization.yaml'), line: 1, message: expect.stringMatching(/^not a Kubernetes object: has no kind/) }]);
  });

  test('--exclude skips files and directories by glob, relative to the directory or by name', () => {
    const dir = tree({ 'a.yaml': CM('a'), 'tests/t.yaml': CM('t'), 'x/keep.yaml': CM('keep'), 'x/skip.tmpl.yaml': CM('tmpl'), 'deep/er/y.yaml': CM('y') });
    const read = InputPaths.read([dir], { readStdin: noStdin, exclude: ['tests', '*.tmpl.yaml', 'deep/**'] });
    expect(names(read)).toEqual(['a', 'keep']);
    // a file named explicitly is always read
    expect(names(InputPaths.read([path.join(dir, 'tests', 't.yaml')], { readStdin: noStdin, exclude: ['tests', '**'] }))).toEqual(['t']);
  });

  test('stdin, missing paths, empty files and empty directories', () => {
    const dir = tree({ 'empty.yaml': '# nothing\n', 'sub/readme.md': '' });
    const read = InputPaths.read(['-', path.join(dir, 'missing.yaml'), path.join(dir, 'empty.yaml'), path.join(dir, 'sub')], { readStdin: () => Buffer.from(CM('in')) });
    expect(read.objects.map((o) => [o.source.file, (o.object.metadata as any).name])).toEqual([[STDIN_NAME, 'in']]);
    expect(read.errors).toEqual([
      { file: path.join(dir, 'missing.yaml'), message: 'cannot read: no such file or directory' },
      { file: path.join(dir, 'empty.yaml'), line: 1, message: 'no Kubernetes object: the input is empty or holds only comments' },
      { file: path.join(dir, 'sub'), message: 'directory contains no *.yaml, *.yml or *.json file to check' },
    ]);
    expect(InputPaths.read([path.join(dir, 'empty.yaml')], { readStdin: noStdin, allowEmpty: true }).errors).toEqual([]);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml, YamlOutputType } from 'cdk8s';
import { Guardrails } from '../../src/synth/guardrails';

const compliantServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false };
const wildcardRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'everything' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] };

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-writes-'));
}

/** An ApiObject that, while it renders, saves a side file with `Yaml.save` (as a construct using `Yaml.tmp` would). */
class SideFileWriter extends ApiObject {
  constructor(scope: Chart, id: string, private readonly sideFile: string) {
    super(scope, id, compliantServiceAccount);
  }

  public toJson(): any {
    Yaml.save(this.sideFile, [{ side: true }]);
    return super.toJson();
  }
}

describe('Guardrails: what app.synth() writes', () => {
  test('GIVEN a failing synth THEN no YAML is written and Yaml.save is cdk8s\'s own again; an unguarded app then writes as usual', () => {
    const original = Yaml.save;
    const outdir = tmpdir();
    const app = new App({ outdir });
    new ApiObject(new Chart(app, 'broken'), 'role', wildcardRole);
    Guardrails.of(app).check({ packs: ['rbac'] });
    expect(() => app.synth()).toThrow(/rbac\/wildcard/);
    expect(fs.readdirSync(outdir)).toEqual([]);
    expect(Yaml.save).toBe(original);

    const plainDir = tmpdir();
    const plain = new App({ outdir: plainDir });
    new ApiObject(new Chart(plain, 'broken'), 'role', wildcardRole);
    plain.synth();
    expect(fs.readFileSync(path.join(plainDir, 'broken.k8s.yaml'), 'utf8')).toContain('kind: Role');
  });

  test('GIVEN a passing synth in each file layout THEN the files are where cdk8s puts them, with the same content as without the guardrails', () => {
    for (const yamlOutputType of [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE]) {
      const build = (guarded: boolean) => {
        const outdir = tmpdir();
        const app = new App({ outdir, yamlOutputType });
        const chart = new Chart(app, 'web');
        new ApiObject(chart, 'sa', compliantServiceAccount);
        new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { a: '1' } });
        if (guarded) Guardrails.of(app).check({ packs: ['tokens'] });
        app.synth();
        return outdir;
      };
      const plainDir = build(false);
      const guardedDir = build(true);
      const files = fs.readdirSync(plainDir).sort();
      expect(files.length).toBeGreaterThan(0);
      expect(fs.readdirSync(guardedDir).sort()).toEqual(files);
      for (const file of files) {
        expect(fs.readFileSync(path.join(guardedDir, file), 'utf8')).toEqual(fs.readFileSync(path.join(plainDir, file), 'utf8'));
      }
    }
  });

  test('GIVEN a construct that saves a YAML file outside the outdir while rendering THEN that file is written even when the check fails', () => {
    const outdir = tmpdir();
    const sideFile = path.join(tmpdir(), 'side.yaml');
    const app = new App({ outdir });
    const chart = new Chart(app, 'broken');
    new SideFileWriter(chart, 'writer', sideFile);
    new ApiObject(chart, 'role', wildcardRole);
    Guardrails.of(app).check({ packs: ['rbac'] });
    expect(() => app.synth()).toThrow(/rbac\/wildcard/);
    expect(fs.readFileSync(sideFile, 'utf8')).toContain('side: true');
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('GIVEN recordConstructMetadata WHEN the check fails THEN nothing is written; WHEN it passes THEN the YAML and the metadata file are', () => {
    const failingDir = tmpdir();
    const failing = new App({ outdir: failingDir, recordConstructMetadata: true });
    new ApiObject(new Chart(failing, 'broken'), 'role', wildcardRole);
    Guardrails.of(failing).check({ packs: ['rbac'] });
    expect(() => failing.synth()).toThrow(/rbac\/wildcard/);
    expect(fs.readdirSync(failingDir)).toEqual([]);

    const passingDir = tmpdir();
    const passing = new App({ outdir: passingDir, recordConstructMetadata: true });
    new ApiObject(new Chart(passing, 'web'), 'sa', compliantServiceAccount);
    Guardrails.of(passing).check({ packs: ['tokens'] });
    passing.synth();
    expect(fs.readdirSync(passingDir).sort()).toEqual(['construct-metadata.json', 'web.k8s.yaml']);
  });
});

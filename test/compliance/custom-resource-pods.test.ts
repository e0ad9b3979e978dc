import * as fs from 'fs';
import * as path from 'path';
import { runEngine } from './helpers';
import { loadInputs } from '../reader/load-inputs';

/** The documents of a fixture of test/fixtures/pod-templates. */
function fixture(file: string): any[] {
  const loaded = loadInputs(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'pod-templates', file)), file);
  return loaded.inputs.map((input) => input.manifest);
}

const TOKEN_PACK = { packs: ['tokens'] };

describe('pods in custom resources, through the whole engine', () => {
  test('GIVEN a KEDA ScaledJob and a JobSet THEN the token rules check their pods (every replicated job of the JobSet)', () => {
    const keda = runEngine(fixture('keda.yaml'), TOKEN_PACK).findings.filter((f) => f.ruleId === 'token/automount-pod');
    expect(keda.map((f) => [f.object.kind, f.path])).toEqual([['ScaledJob', '/spec/jobTargetRef/template/spec/automountServiceAccountToken']]);
    const jobset = runEngine(fixture('jobset.yaml'), TOKEN_PACK).findings.filter((f) => f.ruleId === 'token/automount-pod');
    expect(jobset.map((f) => f.path)).toEqual([
      '/spec/replicatedJobs/0/template/spec/template/spec/automountServiceAccountToken',
      '/spec/replicatedJobs/1/template/spec/template/spec/automountServiceAccountToken',
    ]);
  });

  test('GIVEN a Karpenter NodePool and Cluster API machines THEN no token or pod finding: their templates are nodes and machines', () => {
    const report = runEngine(fixture('not-pods.yaml'), { packs: ['recommended'] });
    expect(report.findings.filter((f) => f.ruleId.startsWith('token/') || f.ruleId.startsWith('pss/') || f.ruleId.startsWith('hardening/'))).toEqual([]);
  });

  test('GIVEN a user entry in the settings for a custom kind THEN the engine checks its pods there', () => {
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'shop' },
      spec: { workers: [{ podSpec: { containers: [{ name: 'a', image: 'a:1' }] } }] },
    };
    expect(runEngine([widget], TOKEN_PACK).findings).toEqual([]);
    const findings = runEngine([widget], { ...TOKEN_PACK, podTemplates: [{ group: 'example.com', kind: 'Widget', paths: ['spec.workers[*].podSpec'] }] }).findings;
    expect(findings.filter((f) => f.ruleId === 'token/automount-pod').map((f) => f.path)).toEqual(['/spec/workers/0/podSpec/automountServiceAccountToken']);
  });
});

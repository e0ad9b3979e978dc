import { COMPACT_REPORT, frozen, makeFinding, makeReport, SAMPLE_REPORT } from './sample-report';
import { JsonReporter } from '../../../src/compliance/report/json';

describe('JsonReporter', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let json: string;
  beforeEach(() => {
    json = JsonReporter.render(frozen(SAMPLE_REPORT));
  });

  test('THEN it is exactly the Report schema: summary, findings, inputErrors', () => {
    expect(JSON.parse(json)).toEqual(SAMPLE_REPORT);
    expect(Object.keys(JSON.parse(json))).toEqual(['summary', 'findings', 'inputErrors']);
  });

  test('THEN keys follow the model order whatever order the input had, with 2-space indent', () => {
    const shuffled = { inputErrors: [], findings: [{ message: 'm', path: '/spec', object: { name: 'x', kind: 'Pod', apiVersion: 'v1' }, suppressed: false, severity: 'error', ruleId: 'pss/privileged' }], summary: { suppressed: 0, infos: 0, warnings: 0, errors: 1, objects: 1 } };
    const out = JsonReporter.render(shuffled as any);
    expect(Object.keys(JSON.parse(out).findings[0])).toEqual(['ruleId', 'severity', 'suppressed', 'object', 'path', 'message']);
    expect(Object.keys(JSON.parse(out).findings[0].object)).toEqual(['apiVersion', 'kind', 'name']);
    expect(Object.keys(JSON.parse(out).summary)).toEqual(['objects', 'errors', 'warnings', 'infos', 'suppressed']);
    expect(out).toContain('\n  "summary": {\n    "objects": 1,');
    expect(out.endsWith('}\n')).toBe(true);
  });

  test('THEN unknown extra fields are not written', () => {
    const withExtra = { ...SAMPLE_REPORT, findings: [{ ...SAMPLE_REPORT.findings[0], internal: 'x' }] };
    expect(JsonReporter.render(withExtra as any)).not.toContain('internal');
  });
});

describe('JsonReporter exact output', () => {
  test('GIVEN a compact report THEN the JSON text is exactly this', () => {
    const json = JsonReporter.render(frozen(makeReport([COMPACT_REPORT.findings[1], COMPACT_REPORT.findings[2]], COMPACT_REPORT.inputErrors)));
    expect(json).toBe(`{
  "summary": {
    "objects": 1,
    "errors": 0,
    "warnings": 1,
    "infos": 0,
    "suppressed": 1
  },
  "findings": [
    {
      "ruleId": "demo/limits",
      "severity": "warning",
      "suppressed": true,
      "reason": "batch job (OPS-1)",
      "object": {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "namespace": "prod",
        "name": "web"
      },
      "constructPath": "web-chart/web/Resource",
      "path": "/spec/template/spec/containers/0/resources/limits/memory",
      "message": "Container 'app' has no memory limit.",
      "target": "app"
    },
    {
      "ruleId": "demo/limits",
      "severity": "warning",
      "suppressed": false,
      "object": {
        "apiVersion": "v1",
        "kind": "Pod",
        "name": "legacy"
      },
      "file": "manifests/pod.yaml",
      "line": 7,
      "path": "/spec/containers/0/resources/limits/memory",
      "message": "Container 'main' has no memory limit.",
      "target": "main"
    }
  ],
  "inputErrors": [
    {
      "file": "manifests/bad.yaml",
      "line": 2,
      "message": "invalid YAML"
    }
  ]
}
`);
  });

  test('GIVEN no findings and an input error with only a message THEN empty arrays and unset fields are left out, not null', () => {
    const report = { ...makeReport([]), inputErrors: [{ message: 'stdin: "x" \\ \n' }] };
    expect(JsonReporter.render(report)).toBe('{\n  "summary": {\n    "objects": 1,\n    "errors": 0,\n    "warnings": 0,\n    "infos": 0,\n    "suppressed": 0\n  },\n'
      + '  "findings": [],\n  "inputErrors": [\n    {\n      "message": "stdin: \\"x\\" \\\\ \\n"\n    }\n  ]\n}\n');
    expect(JSON.parse(JsonReporter.render(makeReport([makeFinding({ line: 0, file: '' })]))).findings[0]).toEqual(makeFinding({ line: 0, file: '' }));
  });

  test('GIVEN a finding that covers several targets THEN `targets` follows `target` in the key order, and round-trips', () => {
    const finding = makeFinding({ path: '/rules/0', targets: ['get secrets', 'list secrets'] });
    const json = JsonReporter.render(makeReport([finding]));
    expect(json).toContain('"message": "Fix it.",\n      "targets": [\n        "get secrets",\n        "list secrets"\n      ]\n');
    expect(JSON.parse(json).findings[0]).toEqual(finding);
  });
});

import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'yaml';
import { ComplianceEngine } from '../../src/compliance/engine';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');
const EXAMPLES = fs.readdirSync(EXAMPLES_DIR).filter((name) => fs.existsSync(path.join(EXAMPLES_DIR, name, 'app.ts'))).sort();

describe('the library\'s own constructs pass `recommended`', () => {
  test('GIVEN the examples THEN there are some', () => {
    expect(EXAMPLES.length).toBeGreaterThan(0);
  });

  test.each(EXAMPLES)('GIVEN example %s THEN its YAML has zero unsuppressed findings, and any suppression says why', (name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApp } = require(path.join(EXAMPLES_DIR, name, 'app'));
    const manifests = yaml.parseAllDocuments(createApp().synthYaml()).map((doc) => doc.toJSON()).filter((m) => m);
    const report = new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest })));
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`)).toEqual([]);
    // A deliberate exception (e.g. a ClusterRoleBinding in watch-all mode) is suppressed in the YAML with a reason.
    for (const f of report.findings) expect(f.reason).toMatch(/\S+ \S+/);
    expect(report.summary.objects).toBe(manifests.length);
  });
});

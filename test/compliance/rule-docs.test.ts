import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { RuleDocs } from '../../src/compliance/rule-docs';
import { ALL_RULES } from '../../src/compliance/rules';

const ROOT = path.join(__dirname, '..', '..');

describe('RuleDocs', () => {
  test('GIVEN docs/rules.md THEN it is exactly the generated reference (npx projen docs:rules rewrites it)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf-8')).toBe(RuleDocs.markdown());
  });

  test('GIVEN the Markdown THEN every rule has its anchor, section, prose and both examples, which read back as the example manifests', () => {
    const markdown = RuleDocs.markdown();
    for (const rule of ALL_RULES) {
      const anchor = `<a id="rule-${rule.id.replace(/[^a-z0-9]+/g, '-')}"></a>`;
      const start = markdown.indexOf(anchor);
      expect(start).toBeGreaterThan(0);
      const next = markdown.indexOf('<a id=', start + anchor.length);
      const section = markdown.slice(start, next < 0 ? undefined : next);
      expect(section).toContain(`### \`${rule.id}\``);
      expect(section).toContain(rule.rationale);
      expect(section).toContain(rule.remediation);
      const [failing, passing] = [...section.matchAll(/```yaml\n([\s\S]*?)\n```/g)].map((m) => parseAllDocuments(m[1]).map((d) => d.toJS()));
      expect(failing).toEqual(rule.examples.failing);
      expect(passing).toEqual(rule.examples.passing);
    }
  });

  test('GIVEN JSON THEN each rule has id, packs, severity, title, rationale, remediation, references, its docs link and examples', () => {
    const rules = JSON.parse(RuleDocs.json());
    expect(rules.map((r: any) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    expect(rules.find((r: any) => r.id === 'token/automount-pod')).toMatchObject({
      packs: ['tokens', 'recommended', 'cis'],
      severity: 'error',
      helpUri: 'https://example.invalid/cdk8s-guardrails/blob/main/docs/rules.md#rule-token-automount-pod',
    });
    expect(rules.find((r: any) => r.id === 'guardrails/expired-suppression').packs).toEqual([]);
    for (const [i, rule] of ALL_RULES.entries()) expect(rules[i].examples).toEqual(JSON.parse(JSON.stringify(rule.examples)));
  });

  test('GIVEN text THEN each rule starts a block with its id, severity and packs, and the count closes it', () => {
    const text = RuleDocs.text();
    expect(text).toContain('token/automount-pod  (error; tokens, recommended, cis)\n  Every pod spec sets automountServiceAccountToken: false explicitly\n  Why: ');
    expect(text).toContain('guardrails/expired-suppression  (error; always on)');
    expect(text.trimEnd().split('\n').pop()).toBe(`${ALL_RULES.length} rules. Packs: tokens, rbac, pss-baseline, pss-restricted, hardening, recommended, cis.`);
  });

  test('GIVEN package.json THEN its repository is the home every link is built from (update both together)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
    expect(pkg.repository.url).toBe('https://example.invalid/cdk8s-guardrails.git');
    expect(JSON.parse(RuleDocs.json())[0].helpUri.startsWith(pkg.repository.url.replace(/\.git$/, ''))).toBe(true);
  });
});

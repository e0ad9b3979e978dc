import * as fs from 'fs';
import * as path from 'path';
import { RULE_TABLE_END, RULE_TABLE_START, RuleCatalogue } from '../../src/compliance/rule-table';
import { ALL_RULES } from '../../src/compliance/rules';

describe('RuleCatalogue.markdownTable()', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let table: string;
  let rows: string[];
  beforeEach(() => {
    table = RuleCatalogue.markdownTable();
    rows = table.split('\n').slice(2);
  });

  test('GIVEN the catalogue THEN there is one row per rule, in catalogue order, with packs, severity, title and references', () => {
    expect(rows).toHaveLength(ALL_RULES.length);
    expect(rows[0]).toBe('| `token/automount-pod` | tokens, recommended, cis | error | Every pod spec sets automountServiceAccountToken: false explicitly | '
      + 'CIS 5.1.6; NSA; checkov CKV_K8S_38; Kyverno restrict-automount-sa-token; Kubescape C-0034; Polaris automountServiceAccountToken |');
    expect(rows.find((r) => r.startsWith('| `guardrails/invalid-suppression`'))).toContain('| always on | error |');
  });

  test('GIVEN a title with a pipe THEN the cell is escaped', () => {
    const [rule] = ALL_RULES;
    expect(RuleCatalogue.markdownTable([{ ...rule, title: 'a | b' }])).toContain('a \\| b');
  });

  test('GIVEN a title with a line break THEN the row stays on one line, the break read as a space', () => {
    const [rule] = ALL_RULES;
    const rendered = RuleCatalogue.markdownTable([{ ...rule, title: 'first\nsecond' }]);
    expect(rendered.split('\n')).toHaveLength(3);
    expect(rendered).toContain('| first second |');
  });

  test('GIVEN the README THEN it holds exactly the generated table between the markers', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf(RULE_TABLE_START);
    const end = readme.indexOf(RULE_TABLE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(readme.slice(start, end + RULE_TABLE_END.length)).toBe(RuleCatalogue.readmeBlock());
  });
});

describe('RuleCatalogue.withTable()', () => {
  test('GIVEN a README with a stale block THEN only the block is replaced, with the current table', () => {
    const text = `# Title\n\n${RULE_TABLE_START}\nstale\n${RULE_TABLE_END}\n\nAfter.\n`;
    expect(RuleCatalogue.withTable(text)).toBe(`# Title\n\n${RuleCatalogue.readmeBlock()}\n\nAfter.\n`);
  });

  test('GIVEN no markers, or markers in the wrong order THEN it refuses instead of writing a README without the table', () => {
    expect(() => RuleCatalogue.withTable('# Title\n')).toThrow('the README has no <!-- rules:start --> ... <!-- rules:end --> block');
    expect(() => RuleCatalogue.withTable(`${RULE_TABLE_END}\n${RULE_TABLE_START}`)).toThrow('the README has no');
  });
});

import { makeFinding, makeReport } from './sample-report';
import { Baselines } from '../../../src/compliance/baseline';
import { JsonReporter } from '../../../src/compliance/report/json';
import { MarkdownReporter } from '../../../src/compliance/report/markdown';
import { TextReporter } from '../../../src/compliance/report/text';

/** A report judged against a baseline: one finding known, one new, one of the baseline gone; a refused suppression's note. */
function judged() {
  const known = makeFinding({ ruleId: 'rbac/secrets-access', severity: 'warning', target: 'get secrets', message: 'Reads secrets.' });
  const fresh = makeFinding({ ruleId: 'rbac/wildcard', message: 'Grants every verb.', note: 'Suppression refused by policy: it is unsuppressible here' });
  const gone = makeFinding({ ruleId: 'hardening/image-tag', path: '/spec/containers/0/image', target: 'main' });
  return Baselines.apply(makeReport([known, fresh]), Baselines.entriesOf([known, gone]));
}

describe('GIVEN a report judged against a baseline', () => {
  test('WHEN rendered as text THEN new findings come first, then the baselined and the fixed ones in sections of their own, and the summary counts them', () => {
    const text = TextReporter.render(judged());
    expect(text.indexOf('ERROR   rbac/wildcard')).toBeLessThan(text.indexOf('Baselined (accepted in the baseline'));
    expect(text).toContain('Baselined (accepted in the baseline: reported, but they fail nothing)\n  Pod legacy\n    WARNING rbac/secrets-access [get secrets] /spec\n      Reads secrets.\n');
    expect(text).toContain('Fixed since the baseline\n  FIXED   hardening/image-tag [main] Pod legacy /spec/containers/0/image\n');
    expect(text).toContain('      note: Suppression refused by policy: it is unsuppressible here\n');
    expect(text.trimEnd().split('\n').pop()).toBe('1 object checked: 1 error, 0 warnings, 0 infos, 0 suppressed, 1 baselined, 1 fixed since the baseline');
  });

  test('WHEN rendered as Markdown THEN the table counts baselined and fixed findings and each has its collapsible section', () => {
    const markdown = MarkdownReporter.render(judged(), []);
    expect(markdown).toContain('| Baselined | 1 |\n| Fixed since the baseline | 1 |\n');
    expect(markdown).toContain('<details><summary>Baselined findings (1): accepted in the baseline, they fail nothing</summary>');
    expect(markdown).toContain('<details open><summary>Fixed since the baseline (1)</summary>\n\n- :white_check_mark: `hardening/image-tag` (main) on Pod legacy at `/spec/containers/0/image`');
    expect(markdown).toContain('<br>note: Suppression refused by policy: it is unsuppressible here');
    expect(markdown.split('<details>')[0]).not.toContain('rbac/secrets-access');
  });

  test('WHEN rendered as JSON THEN findings carry baselined and note, the summary baselined, and fixed lists what is gone', () => {
    const json = JSON.parse(JsonReporter.render(judged()));
    expect(json.summary).toEqual({ objects: 1, errors: 1, warnings: 0, infos: 0, suppressed: 0, baselined: 1 });
    expect(json.findings.map((f: any) => [f.ruleId, f.baselined, f.note])).toEqual([
      ['rbac/secrets-access', true, undefined],
      ['rbac/wildcard', undefined, 'Suppression refused by policy: it is unsuppressible here'],
    ]);
    expect(json.fixed).toEqual([{ ruleId: 'hardening/image-tag', object: { group: '', kind: 'Pod', name: 'legacy' }, path: '/spec/containers/0/image', target: 'main', message: 'Fix it.' }]);
    expect(Object.keys(json)).toEqual(['summary', 'findings', 'inputErrors', 'fixed']);
  });

  test('WHEN there is no baseline THEN no baseline key, section or count appears', () => {
    const plain = makeReport([makeFinding()]);
    expect(Object.keys(JSON.parse(JsonReporter.render(plain)))).toEqual(['summary', 'findings', 'inputErrors']);
    expect(TextReporter.render(plain)).not.toMatch(/baseline/i);
    expect(MarkdownReporter.render(plain, [])).not.toMatch(/baseline/i);
  });
});

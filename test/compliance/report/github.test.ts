import { makeFinding, makeReport } from './sample-report';
import { GithubReporter } from '../../../src/compliance/report/github';

describe('GithubReporter', () => {
  test('GIVEN findings of each severity, a suppressed and a baselined one, and an input error THEN one workflow command each for what counts, then the summary', () => {
    const report = makeReport([
      makeFinding({ ruleId: 'rbac/wildcard', file: 'vendor/install.yaml', line: 12, object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'vendor' }, path: '/rules/0/verbs', message: 'Grants every verb.' }),
      makeFinding({ ruleId: 'hardening/resources', severity: 'warning', file: 'app.yaml', line: 3, target: 'web', message: 'No memory limit.' }),
      makeFinding({ ruleId: 'hardening/image-digest', severity: 'info', file: '<stdin>', line: 1, message: 'Pin by digest.' }),
      makeFinding({ ruleId: 'hardening/image-tag', suppressed: true, reason: 'Pinned by the platform team.', file: 'app.yaml', line: 3 }),
      makeFinding({ ruleId: 'rbac/secrets-access', baselined: true, file: 'app.yaml', line: 3 }),
    ], [{ file: 'broken.yaml', line: 4, message: 'invalid YAML' }]);
    expect(GithubReporter.render(report).split('\n')).toEqual([
      '::error file=vendor/install.yaml,line=12,col=1,title=rbac/wildcard::ClusterRole vendor at /rules/0/verbs: Grants every verb.',
      '::warning file=app.yaml,line=3,col=1,title=hardening/resources::Pod legacy [web] at /spec: No memory limit.',
      '::notice title=hardening/image-digest::Pod legacy at /spec: Pin by digest.',
      '::error file=broken.yaml,line=4,col=1,title=input error::invalid YAML',
      expect.stringMatching(/^1 object checked: /),
      '',
    ]);
  });

  test('GIVEN %, CR, LF, : and , in values THEN the message escapes %, CR and LF, and properties also : and , (as the runner reads them)', () => {
    expect(GithubReporter.escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(GithubReporter.escapeProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
    const report = makeReport([makeFinding({ file: './dir,1/a:b.yaml', line: 2, message: 'line one\nline two 50%' })]);
    expect(GithubReporter.render(report).split('\n')[0]).toBe('::error file=dir%2C1/a%3Ab.yaml,line=2,col=1,title=test/rule::Pod legacy at /spec: line one%0Aline two 50%25');
  });

  test('GIVEN a refused suppression THEN its note is in the annotation', () => {
    const report = makeReport([makeFinding({ file: 'a.yaml', line: 1, note: 'Suppression refused by policy' })]);
    expect(GithubReporter.render(report)).toContain('::Pod legacy at /spec: Fix it. (Suppression refused by policy)');
  });
});

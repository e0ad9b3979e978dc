import { frozen, RULES, SAMPLE_REPORT } from './sample-report';
import { MarkdownReporter } from '../../../src/compliance/report/markdown';

describe('MarkdownReporter', () => {
  // Rendered in beforeEach, not at describe level: Stryker's per-test coverage then attributes the
  // reporter's code to every test that reads the output, so each mutant runs those tests.
  let md: string;
  beforeEach(() => {
    md = MarkdownReporter.render(frozen(SAMPLE_REPORT), RULES);
  });

  test('THEN it opens with a summary table', () => {
    expect(md).toContain([
      '| | Count |', '| --- | ---: |', '| Objects checked | 3 |', '| :x: Errors | 2 |', '| :warning: Warnings | 1 |',
      '| :information_source: Infos | 1 |', '| Suppressed | 1 |', '| Input errors | 1 |',
    ].join('\n'));
  });

  test('THEN unsuppressed findings are grouped by chart then object and link to their rule', () => {
    const chart = md.indexOf('### `web-chart`');
    const object = md.indexOf('#### Deployment prod/web');
    const finding = md.indexOf('- :x: **error** [`pss/privileged`](#rule-pss-privileged) (app):');
    expect(chart).toBeGreaterThan(0);
    expect(object).toBeGreaterThan(chart);
    expect(finding).toBeGreaterThan(object);
    expect(md.indexOf('### `jobs-chart`')).toBeGreaterThan(finding);
  });

  test('THEN suppressed findings sit in a collapsible details block with their reason', () => {
    const details = md.slice(md.indexOf('<details><summary>Suppressed findings (1)</summary>'), md.indexOf('</details>'));
    expect(details).toContain('suppressed warning [`hardening/read-only-root-fs`](#rule-hardening-read-only-root-fs)');
    expect(details).toContain('reason: nginx writes its pid file to / \\(ticket OPS-12\\)');
    expect(md.slice(0, md.indexOf('<details>'))).not.toContain('read-only-root-fs');
  });

  test('THEN each rule used gets an anchor with its rationale and remediation', () => {
    expect(md).toContain('<a id="rule-pss-privileged"></a>\n#### `pss/privileged`: Containers must not run privileged');
    expect(md).toContain('**Remediation:** Remove securityContext.privileged from every container');
    expect(md).not.toContain('rule-pss-host-ports');
  });

  test('THEN text from manifests cannot inject HTML or break the table', () => {
    expect(md).toContain('runAsUser: 0 &lt;root&gt; &amp; "friends" \\| \\`tick\\`');
    expect(md).not.toContain('<root>');
  });
});

describe('MarkdownReporter references', () => {
  test('THEN URLs in references become autolinks instead of escaped text', () => {
    const md = MarkdownReporter.render(SAMPLE_REPORT, RULES);
    expect(md).toContain('Privileged Containers \\(<https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline>\\); Pod Security Admission check: privileged; CIS Kubernetes Benchmark v1.8: 5.2.2; checkov: CKV\\_K8S\\_16');
  });
});

import { COMPACT_REPORT, COMPACT_RULES, fakeRule, frozen, makeFinding, makeReport, RULES, SAMPLE_REPORT } from './sample-report';
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

describe('MarkdownReporter exact output', () => {
  const HEADER = (counts: { objects: number; errors: number; warnings: number; infos: number; suppressed: number; inputErrors: number }) => [
    '## cdk8s-guardrails compliance report',
    '',
    '| | Count |',
    '| --- | ---: |',
    `| Objects checked | ${counts.objects} |`,
    `| :x: Errors | ${counts.errors} |`,
    `| :warning: Warnings | ${counts.warnings} |`,
    `| :information_source: Infos | ${counts.infos} |`,
    `| Suppressed | ${counts.suppressed} |`,
    `| Input errors | ${counts.inputErrors} |`,
    '',
  ];

  test('GIVEN a compact report THEN the comment is exactly: table, groups, suppressed and input-error details, rules, summary', () => {
    expect(MarkdownReporter.render(frozen(COMPACT_REPORT), COMPACT_RULES)).toBe([
      ...HEADER({ objects: 2, errors: 1, warnings: 1, infos: 0, suppressed: 1, inputErrors: 1 }),
      '### `web-chart`',
      '',
      '#### Deployment prod/web',
      '',
      "- :x: **error** [`demo/privileged`](#rule-demo-privileged) (app): Container 'app' is privileged.<br>at `/spec/template/spec/containers/0/securityContext/privileged`",
      '',
      '### `manifests/pod.yaml`',
      '',
      '#### Pod legacy (`manifests/pod.yaml`)',
      '',
      "- :warning: **warning** [`demo/limits`](#rule-demo-limits) (main): Container 'main' has no memory limit.<br>at `/spec/containers/0/resources/limits/memory` (line 7)",
      '',
      '<details><summary>Suppressed findings (1)</summary>',
      '',
      "- suppressed warning [`demo/limits`](#rule-demo-limits) (app): Container 'app' has no memory limit.<br>at `/spec/template/spec/containers/0/resources/limits/memory`<br>reason: batch job \\(OPS-1\\)",
      '',
      '</details>',
      '',
      '<details open><summary>Input errors (1)</summary>',
      '',
      '- `manifests/bad.yaml:2`: invalid YAML',
      '',
      '</details>',
      '',
      '### Rules',
      '',
      '<a id="rule-demo-privileged"></a>',
      '#### `demo/privileged`: No privileged containers',
      '',
      'A privileged container owns the node.',
      '',
      '**Remediation:** Remove securityContext.privileged.',
      '',
      'References: CIS 5.2.2; <https://example.com/psa>',
      '',
      '<a id="rule-demo-limits"></a>',
      '#### `demo/limits`: Set memory limits',
      '',
      'Pods without limits starve their neighbours.',
      '',
      '**Remediation:** Set resources.limits.memory.',
      '',
      '_2 objects checked: 1 error, 1 warning, 0 infos, 1 suppressed; 1 input error_',
      '',
    ].join('\n'));
  });

  test('GIVEN no findings THEN it says so, with no details blocks and no rules section', () => {
    expect(MarkdownReporter.render(makeReport([]), COMPACT_RULES)).toBe([
      ...HEADER({ objects: 1, errors: 0, warnings: 0, infos: 0, suppressed: 0, inputErrors: 0 }),
      'No unsuppressed findings.',
      '',
      '_1 object checked: 0 errors, 0 warnings, 0 infos, 0 suppressed_',
      '',
    ].join('\n'));
  });

  test('GIVEN only a suppressed finding without reason and an input error without file THEN both are listed and its rule described', () => {
    const report = makeReport([makeFinding({ ruleId: 'demo/limits', severity: 'info', suppressed: true })], [{ message: 'stdin: not a Kubernetes object' }]);
    expect(MarkdownReporter.render(report, COMPACT_RULES)).toBe([
      ...HEADER({ objects: 1, errors: 0, warnings: 0, infos: 0, suppressed: 1, inputErrors: 1 }),
      'No unsuppressed findings.',
      '',
      '<details><summary>Suppressed findings (1)</summary>',
      '',
      '- suppressed info [`demo/limits`](#rule-demo-limits): Fix it.<br>at `/spec`<br>reason: none given',
      '',
      '</details>',
      '',
      '<details open><summary>Input errors (1)</summary>',
      '',
      '- `(input)`: stdin: not a Kubernetes object',
      '',
      '</details>',
      '',
      '### Rules',
      '',
      '<a id="rule-demo-limits"></a>',
      '#### `demo/limits`: Set memory limits',
      '',
      'Pods without limits starve their neighbours.',
      '',
      '**Remediation:** Set resources.limits.memory.',
      '',
      '_1 object checked: 0 errors, 0 warnings, 0 infos, 1 suppressed; 1 input error_',
      '',
    ].join('\n'));
  });

  test('GIVEN an info finding without file THEN it has the info icon and its object heading has no location', () => {
    const md = MarkdownReporter.render(makeReport([makeFinding({ severity: 'info', constructPath: '/c/p' })]), []);
    expect(md).toContain('### `c`\n\n#### Pod legacy\n\n- :information_source: **info** [`test/rule`](#rule-test-rule): Fix it.<br>at `/spec`\n');
  });

  test('GIVEN Markdown, HTML, pipes and newlines in a message THEN it stays literal text on one line; URLs become autolinks', () => {
    const message = 'a|b `c` <img src=x onerror=alert(1)> *d* _e_ [f](javascript:g) ~h~ #1 {i} +j !k \\l\r\n\nnext & https://x.io/p?q=1&r=2 end http://h.io/*x*';
    const md = MarkdownReporter.render(makeReport([makeFinding({ message, target: 'x|y' })]), []);
    expect(md).toContain('- :x: **error** [`test/rule`](#rule-test-rule) (x\\|y): '
      + 'a\\|b \\`c\\` &lt;img src=x onerror=alert\\(1\\)&gt; \\*d\\* \\_e\\_ \\[f\\]\\(javascript:g\\) \\~h\\~ \\#1 \\{i\\} \\+j \\!k \\\\l '
      + 'next &amp; <https://x.io/p?q=1&r=2> end <http://h.io/*x*><br>at `/spec`\n');
  });

  test('GIVEN backticks and newlines in code spans THEN the fence is longer than any backtick run and padded at the edges', () => {
    const md = MarkdownReporter.render(makeReport([
      makeFinding({ path: '/a`b', constructPath: 'ch``art\r\nx/y' }),
      makeFinding({ path: '`x', file: 'f`' }),
    ]), []);
    expect(md).toContain('### ```ch``art x```\n');
    expect(md).toContain('<br>at ``/a`b``\n');
    expect(md).toContain('### `` f` ``\n\n#### Pod legacy (`` f` ``)\n');
    expect(md).toContain('<br>at `` `x ``\n');
  });

  test('GIVEN a rule id with capitals and other characters THEN its anchor is lower-case with dashes, in the link and the rules section', () => {
    const md = MarkdownReporter.render(makeReport([makeFinding({ ruleId: 'My.Org/Run_As  User' })]), [fakeRule('My.Org/Run_As  User')]);
    expect(md).toContain('[`My.Org/Run_As  User`](#rule-my-org-run-as-user)');
    expect(md).toContain('<a id="rule-my-org-run-as-user"></a>\n#### `My.Org/Run_As  User`: Title of My.Org/Run\\_As  User\n');
  });

  test('GIVEN a finding that covers several targets THEN its item lists them; the rule is explained once at the end', () => {
    const report = makeReport([
      makeFinding({ ruleId: 'demo/privileged', path: '/rules/0', targets: ['get secrets', 'list secrets'], message: 'Reads Secrets: get secrets, list secrets.' }),
      makeFinding({ ruleId: 'demo/privileged', path: '/rules/1', target: 'watch secrets', message: 'Reads Secrets: watch secrets.' }),
    ]);
    const md = MarkdownReporter.render(report, COMPACT_RULES);
    expect(md).toContain('(get secrets, list secrets): Reads Secrets: get secrets, list secrets.');
    expect(md.split('A privileged container owns the node.')).toHaveLength(2);
  });
});

describe('MarkdownReporter: where a finding is', () => {
  test('GIVEN a finding with the line and column of its field THEN both are printed; without a column, the line alone', () => {
    let finding = makeFinding({ file: 'install.yaml', line: 42, column: 7 });
    expect(MarkdownReporter.render(makeReport([finding]), RULES)).toContain('at `/spec` (line 42, column 7)');
    finding = makeFinding({ file: 'install.yaml', line: 42 });
    const rendered = MarkdownReporter.render(makeReport([finding]), RULES);
    expect(rendered).toContain('at `/spec` (line 42)');
    expect(rendered).not.toContain('column');
  });
});


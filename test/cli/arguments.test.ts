import { Arguments, SETTING_FLAGS, UsageError } from '../../src/cli/arguments';

const PACKS = ['recommended', 'tokens', 'rbac'];

describe('Arguments.parse', () => {
  test('check defaults: text, and no setting at all (the settings model applies its defaults)', () => {
    expect(Arguments.parse(['check', 'dist/'], PACKS)).toEqual({
      command: 'check',
      options: { settings: {}, format: 'text', output: undefined, paths: ['dist/'] },
    });
  });

  test('check with every option; --pack repeats (duplicates dropped); - is a path; every setting of the settings model has a flag', () => {
    const parsed = Arguments.parse(['check', '--pack', 'tokens', '--pack=rbac', '--pack', 'tokens', '--format', 'sarif', '-o', 'out.sarif',
      '--fail-on', 'warning', '--max-token-ttl', '7200', '--ignore-suppressions', '--rule', 'hardening/image-digest=off', '--rule=rbac/wildcard=warning',
      '--pod-security-version', 'v1.30', '-n', 'argocd', '--exclude', 'charts/**', '--exclude=*.tmpl.yaml',
      '--pod-template', 'example.com/Widget=spec.workers[*].template.spec,spec.driver.template.spec',
      '--pod-template=karpenter.sh/NodePool=', '-', 'a.yaml'], PACKS);
    expect(parsed).toEqual({
      command: 'check',
      options: {
        settings: {
          packs: ['tokens', 'rbac'],
          failOn: 'warning',
          maxTokenTtlSeconds: 7200,
          ignoreSuppressions: true,
          severityOverrides: { 'hardening/image-digest': 'off', 'rbac/wildcard': 'warning' },
          podSecurityVersion: 'v1.30',
          namespace: 'argocd',
          exclude: ['charts/**', '*.tmpl.yaml'],
          podTemplates: [
            { group: 'example.com', kind: 'Widget', paths: ['spec.workers[*].template.spec', 'spec.driver.template.spec'] },
            { group: 'karpenter.sh', kind: 'NodePool', paths: [] },
          ],
        },
        format: 'sarif',
        output: 'out.sarif',
        paths: ['-', 'a.yaml'],
      },
    });
    if (parsed.command !== 'check') throw new Error('not check');
    expect(Object.keys(parsed.options.settings).sort()).toEqual(Object.keys(SETTING_FLAGS).sort());
  });

  test('access reads stdin without PATH and defaults to markdown; -n sets the namespace; --exclude repeats', () => {
    expect(Arguments.parse(['access'], PACKS)).toEqual({ command: 'access', options: { exclude: [], format: 'markdown', output: undefined, paths: ['-'] } });
    expect(Arguments.parse(['access', '--format', 'json', '--exclude', 'x/**', 'x'], PACKS))
      .toEqual({ command: 'access', options: { exclude: ['x/**'], format: 'json', output: undefined, paths: ['x'] } });
    expect(Arguments.parse(['access', '-n', 'argocd', 'x'], PACKS)).toEqual({ command: 'access', options: { exclude: [], format: 'markdown', output: undefined, namespace: 'argocd', paths: ['x'] } });
  });

  test('parse reads stdin without PATH; -n/--namespace and --exclude', () => {
    expect(Arguments.parse(['parse'], PACKS)).toEqual({ command: 'parse', options: { exclude: [], paths: ['-'] } });
    expect(Arguments.parse(['parse', '-n', 'monitoring', '--exclude', 'a', 'x.yaml'], PACKS))
      .toEqual({ command: 'parse', options: { exclude: ['a'], namespace: 'monitoring', paths: ['x.yaml'] } });
    expect(Arguments.parse(['parse', '--namespace=team-1', '-'], PACKS)).toEqual({ command: 'parse', options: { exclude: [], namespace: 'team-1', paths: ['-'] } });
    expect(Arguments.parse(['help', 'parse'], PACKS)).toEqual({ command: 'help', text: expect.stringContaining('Usage: cdk8s-guardrails parse') });
  });

  test('help and version', () => {
    expect(Arguments.parse(['help', 'check'], PACKS)).toEqual({ command: 'help', text: expect.stringContaining('Packs: recommended, tokens, rbac') });
    expect(Arguments.parse(['access', '-h'], PACKS)).toEqual({ command: 'help', text: expect.stringContaining('Usage: cdk8s-guardrails access') });
    expect(Arguments.parse(['--version'], PACKS)).toEqual({ command: 'version' });
  });

  test.each([
    [['check', '--max-token-ttl', '1e4', 'x'], "--max-token-ttl '1e4' is not allowed: expected whole seconds"],
    [['check', '--rule', 'hardening/image-digest', 'x'], "--rule 'hardening/image-digest' is not allowed: expected RULE_ID=LEVEL with LEVEL one of error, warning, info, off"],
    [['check', '--rule', 'hardening/image-digest=fatal', 'x'], "--rule 'hardening/image-digest=fatal' is not allowed"],
    [['check', '--namespace', '', 'x'], '--namespace needs a namespace'],
    [['check', '--output', '', 'x'], '--output needs a file name'],
    [['check', '--pack'], "option '--pack <value>' argument missing"],
    [['check', '--ignore-suppressions=yes', 'x'], "option '--ignore-suppressions' does not take an argument"],
    [['--pack', 'x'], "unknown option '--pack' before the command: expected check, access, parse, audit, rules or harden"],
    [['parse', '-n', 'Upper', 'x'], "--namespace 'Upper' is not a valid namespace name"],
    [['parse', '-n', 'a'.repeat(64), 'x'], 'is not a valid namespace name'],
    [['check', '--exclude', '', 'x'], '--exclude needs a glob'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => Arguments.parse(argv, PACKS)).toThrow(UsageError);
    expect(() => Arguments.parse(argv, PACKS)).toThrow(message);
  });
});

import { Arguments, UsageError } from '../../src/cli/arguments';

const PACKS = ['recommended', 'tokens', 'rbac'];

describe('Arguments.parse', () => {
  test('check defaults: recommended pack, text, fail on error, suppressions honoured', () => {
    expect(Arguments.parse(['check', 'dist/'], PACKS)).toEqual({
      command: 'check',
      options: { packs: ['recommended'], exclude: [], format: 'text', output: undefined, failOn: 'error', maxTokenTtlSeconds: undefined, ignoreSuppressions: false, paths: ['dist/'] },
    });
  });

  test('check with every option; --pack and --exclude repeat (duplicate packs dropped); - is a path', () => {
    const parsed = Arguments.parse(['check', '--pack', 'tokens', '--pack=rbac', '--pack', 'tokens', '--format', 'sarif', '-o', 'out.sarif',
      '--fail-on', 'warning', '--max-token-ttl', '7200', '--ignore-suppressions', '--exclude', 'charts/**', '--exclude=*.tmpl.yaml', '-', 'a.yaml'], PACKS);
    expect(parsed).toEqual({
      command: 'check',
      options: {
        packs: ['tokens', 'rbac'],
        exclude: ['charts/**', '*.tmpl.yaml'],
        format: 'sarif',
        output: 'out.sarif',
        failOn: 'warning',
        maxTokenTtlSeconds: 7200,
        ignoreSuppressions: true,
        paths: ['-', 'a.yaml'],
      },
    });
  });

  test('access reads stdin without PATH and defaults to markdown', () => {
    expect(Arguments.parse(['access'], PACKS)).toEqual({ command: 'access', options: { exclude: [], format: 'markdown', output: undefined, paths: ['-'] } });
    expect(Arguments.parse(['access', '--format', 'json', '--exclude', 'x/**', 'x'], PACKS))
      .toEqual({ command: 'access', options: { exclude: ['x/**'], format: 'json', output: undefined, paths: ['x'] } });
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
    [['check', '--max-token-ttl', '599', 'x'], "--max-token-ttl '599' is not allowed: expected whole seconds from 600 (the Kubernetes minimum) to 4294967296"],
    [['check', '--max-token-ttl', '4294967297', 'x'], "--max-token-ttl '4294967297' is not allowed"],
    [['check', '--max-token-ttl', '1e4', 'x'], "--max-token-ttl '1e4' is not allowed"],
    [['check', '--output', '', 'x'], '--output needs a file name'],
    [['check', '--pack'], "option '--pack <value>' argument missing"],
    [['check', '--ignore-suppressions=yes', 'x'], "option '--ignore-suppressions' does not take an argument"],
    [['--pack', 'x'], "unknown option '--pack' before the command: expected check, access or parse"],
    [['parse', '-n', 'Upper', 'x'], "--namespace 'Upper' is not allowed: a namespace is a DNS label"],
    [['parse', '-n', 'a'.repeat(64), 'x'], 'is not allowed: a namespace is a DNS label'],
    [['check', '--exclude', '', 'x'], '--exclude needs a glob'],
  ])('%j is a usage error', (argv, message) => {
    expect(() => Arguments.parse(argv, PACKS)).toThrow(UsageError);
    expect(() => Arguments.parse(argv, PACKS)).toThrow(message);
  });
});

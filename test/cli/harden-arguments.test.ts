import { UsageError } from '../../src/cli/arguments';
import { HardenArguments } from '../../src/cli/harden-arguments';
import { Help } from '../../src/cli/help';

describe('HardenArguments.parse', () => {
  test('GIVEN every option THEN each is read; --token-containers repeats', () => {
    expect(HardenArguments.parse([
      '-n', 'argocd', '--token-containers', 'Deployment/argocd-server=argocd-server', '--token-containers', 'StatefulSet/x/y=', '--token-ttl', '1800',
      '--config', '.guardrails.yaml', '--report', 'harden.md', '-o', 'out', 'vendor/',
    ])).toEqual({
      options: {
        namespace: 'argocd',
        tokenContainers: [
          { workload: { kind: 'Deployment', name: 'argocd-server' }, containers: ['argocd-server'], origin: '--token-containers Deployment/argocd-server=argocd-server' },
          { workload: { kind: 'StatefulSet', namespace: 'x', name: 'y' }, containers: [], origin: '--token-containers StatefulSet/x/y=' },
        ],
        tokenTtlSeconds: 1800,
        config: '.guardrails.yaml',
        outputDirectory: 'out',
        report: 'harden.md',
        check: false,
        paths: ['vendor/'],
      },
    });
  });

  test('GIVEN options after the path (Helm 4 appends --post-renderer-args after the plugin\'s own) THEN they are read too', () => {
    const parsed = HardenArguments.parse(['-', '--token-containers', 'Deployment/a=b', '--check']);
    expect(parsed).toEqual({ options: expect.objectContaining({ paths: ['-'], check: true, tokenContainers: [expect.objectContaining({ containers: ['b'] })] }) });
  });

  test('GIVEN --no-config THEN no configuration file is used', () => {
    expect(HardenArguments.parse(['--no-config', '-'])).toEqual({ options: expect.objectContaining({ noConfig: true, paths: ['-'] }) });
    expect(HardenArguments.parse(['-'])).toEqual({ options: expect.not.objectContaining({ noConfig: true }) });
  });

  test('GIVEN --help THEN the help text', () => {
    expect(HardenArguments.parse(['--help'])).toEqual({ help: Help.HARDEN });
    expect(Help.HARDEN).toContain('Usage: cdk8s-guardrails harden [options] PATH...');
  });

  test.each([
    [[], 'no PATH given: name files, directories, or - for standard input'],
    [['--token-ttl', '1h', '-'], "--token-ttl '1h' is not allowed: expected whole seconds"],
    [['--token-containers', 'argocd-server', '-'], "--token-containers 'argocd-server' is not allowed: expected KIND/NAMESPACE/NAME=CONTAINER"],
    [['--token-containers', 'server=a', '-'], "--token-containers workload 'server' is not allowed"],
    [['--check', '-o', 'out', '-'], '--check changes nothing, so it takes no --output'],
    [['--output', '', '-'], '--output needs a directory'],
    [['--nope', '-'], "unknown option '--nope'"],
  ])('GIVEN %j THEN a usage error: %s', (argv, message) => {
    expect(() => HardenArguments.parse(argv)).toThrow(UsageError);
    expect(() => HardenArguments.parse(argv)).toThrow(message);
  });
});

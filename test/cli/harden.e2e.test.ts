import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES, removeTempDirs, requireBuiltCli, runCli, STACK_TRACE, tempDir } from './built-cli';

const OPERATOR = path.join('test', 'fixtures', 'harden', 'kubebuilder-rbac-proxy.yaml');

beforeAll(() => requireBuiltCli());
afterAll(() => removeTempDirs());

describe('harden: the built command', () => {
  test('GIVEN a rendered chart on stdin, as Helm 3 --post-renderer passes it THEN the hardened stream on stdout, exit 0', () => {
    const r = runCli(['harden', '-n', 'widgets-system', '--token-containers', 'Deployment/widget-operator-controller-manager=manager', '-'], fs.readFileSync(OPERATOR, 'utf-8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('automountServiceAccountToken: false');
    expect(r.stdout).toContain('      volumes:\n      - name: api-credentials\n        projected:\n');
    expect(r.stderr).toMatch(/^cdk8s-guardrails harden: 6 objects read, 2 changed/);
  });

  test('GIVEN --check over a directory THEN exit 1 and nothing on stdout; the hardened copy passes', () => {
    const dir = tempDir();
    fs.copyFileSync(OPERATOR, path.join(dir, 'install.yaml'));
    const before = runCli(['harden', '--check', '-n', 'widgets-system', dir]);
    expect(before.status).toBe(1);
    expect(before.stdout).toBe('');
    expect(runCli(['harden', '-n', 'widgets-system', '-o', dir, dir]).status).toBe(0);
    expect(runCli(['harden', '--check', '-n', 'widgets-system', dir]).status).toBe(0);
  });

  test('GIVEN input that cannot be read THEN exit 2, file and line, no stack trace, nothing on stdout', () => {
    const r = runCli(['harden', path.join(FIXTURES, 'invalid-yaml.yaml'), OPERATOR]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid-yaml\.yaml:\d+: input error: invalid YAML/);
    expect(r.stderr).toContain('nothing written');
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('GIVEN help THEN the harden usage, also from the main help', () => {
    expect(runCli(['harden', '--help']).stdout).toContain('Usage: cdk8s-guardrails harden [options] PATH...');
    expect(runCli(['help', 'harden']).stdout).toContain('--token-containers KIND/NAMESPACE/NAME=CONTAINER');
    expect(runCli(['--help']).stdout).toContain('harden [options] PATH...');
  });
});

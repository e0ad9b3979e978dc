import * as path from 'path';
import { REPO_ROOT, runCli, STACK_TRACE } from '../cli/built-cli';

/*
 * The bypasses of issue 14: inputs where kubectl applies something dangerous that the checker
 * did not see (each passed with no finding, or was refused, before the reader read as kubectl
 * reads). Each runs `cdk8s-guardrails check` as users run it, and expects the finding that the
 * object kubectl applies deserves. The inputs are fixtures (test/fixtures/reader), so the
 * differential test also compares parse's reading of each with kubectl's.
 */

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'reader');

interface CheckRun {
  readonly status: number | null;
  readonly findings: Array<{ ruleId: string; object: { kind: string; name: string } }>;
  readonly inputErrors: Array<{ message: string }>;
  readonly objects: number;
}

function check(fixture: string): CheckRun {
  const r = runCli(['check', '--format', 'json', path.join(FIXTURES, fixture)]);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  const report = JSON.parse(r.stdout);
  return { status: r.status, findings: report.findings, inputErrors: report.inputErrors, objects: report.summary.objects };
}

/** The rule ids found on an object. */
function rules(run: CheckRun, name: string): string[] {
  return [...new Set(run.findings.filter((f) => f.object.name === name).map((f) => f.ruleId))].sort();
}

describe('bypasses of issue 14: what kubectl applies is what is checked', () => {
  test('`items` on any kind: a ConfigMap whose items hold a ClusterRoleBinding to cluster-admin applies that binding', () => {
    const run = check('items-any-kind.yaml');
    expect(run.status).toBe(1);
    expect(run.inputErrors).toEqual([]);
    expect(rules(run, 'hidden-admin')).toContain('rbac/cluster-admin-binding');
  });

  test('a merge key after an explicit key overrides it: automountServiceAccountToken becomes true', () => {
    expect(rules(check('merge-after-explicit.yaml'), 'robot')).toContain('token/automount-service-account');
  });

  test.each(['comment-nel.yaml', 'comment-ls.yaml', 'comment-ps.yaml'])('%s: NEL, LS and PS end a comment; the rule written after one is applied', (fixture) => {
    expect(rules(check(fixture), 'reader')).toContain('rbac/secrets-access');
  });

  test('a null apiGroups entry ([~] or a bare -) is the core group: reading Secrets is found', () => {
    const run = check('null-api-group.yaml');
    expect(rules(run, 'nulls')).toContain('rbac/secrets-access');
    expect(rules(run, 'dash')).toContain('rbac/secrets-access');
  });

  test('a directory\'s *.json files are applied', () => {
    const run = check('json-dir');
    expect(run.status).toBe(1);
    expect(rules(run, 'json-admin')).toContain('rbac/cluster-admin-binding');
  });

  test('a JSON stream (one object per line) is applied whole', () => {
    const run = check('stream.json');
    expect(run.inputErrors).toEqual([]);
    expect(rules(run, 'stream-admin')).toContain('rbac/cluster-admin-binding');
  });

  test('items of a typed list without kind are of the list\'s item kind: ClusterRoleBindingList items are bindings', () => {
    const run = check('typed-list.yaml');
    expect(run.inputErrors).toEqual([]);
    expect(rules(run, 'typed-admin')).toContain('rbac/cluster-admin-binding');
  });

  test('objects after a `...` end marker without a new `---` are never applied, so not checked', () => {
    expect(check('document-end.yaml')).toMatchObject({ status: 0, inputErrors: [], objects: 1 });
  });

  test('a valid file with more than 100 aliases is applied, so checked', () => {
    const run = check('many-aliases.yaml');
    expect(run.inputErrors).toEqual([]);
    expect(rules(run, 'alias-admin')).toContain('rbac/cluster-admin-binding');
  });

  test('a stray Latin-1 byte reads as U+FFFD: the file is applied, so checked', () => {
    const run = check('latin1.yaml');
    expect(run.inputErrors).toEqual([]);
    expect(rules(run, 'latin1-admin')).toContain('rbac/cluster-admin-binding');
  });
});

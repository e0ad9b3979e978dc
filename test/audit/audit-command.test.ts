import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Random, SimRequest, simAccount, toLines } from './audit-log-generator';
import { MARKDOWN_LIMIT } from '../../src/audit/audit-renderers';
import type { AuditReportModel } from '../../src/audit/audit-report';
import type { CliIo } from '../../src/cli/cli-io';
import { Cli } from '../../src/cli/main';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeIo(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    colorTerminal: false,
    stdinIsTerminal: stdin === '',
    stdout: (t) => { out.push(t); },
    stderr: (t) => { err.push(t); },
    readStdin: () => Buffer.from(stdin),
    writeFile: (file, text) => fs.writeFileSync(file, text),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function run(args: string[], stdin = '') {
  const t = fakeIo(stdin);
  const status = await Cli.run(['audit', ...args], t.io, {});
  return { status, stdout: t.stdout(), stderr: t.stderr() };
}

const random = new Random(3);
const worker = simAccount(random, 'apps', 'worker');
const idle = simAccount(random, 'apps', 'idle');
let id = 0;
function req(overrides: Partial<SimRequest>): SimRequest {
  id++;
  return { account: worker, verb: 'get', apiGroup: '', resource: 'configmaps', namespace: 'apps', name: 'settings', allowed: true, time: id * 1000, auditID: `id-${id}`, ...overrides };
}

/** The manifests: worker may read and write ConfigMaps; idle holds nothing and no pod carries its token. */
const MANIFESTS = `apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: apps}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: idle, namespace: apps}
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: worker, namespace: apps}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, update, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: worker, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: worker}
subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: apps}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      serviceAccountName: worker
      automountServiceAccountToken: false
      containers:
      - name: main
        image: example/worker:1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
        volumeMounts: [{name: token, mountPath: /var/run/secrets/tokens, readOnly: true}]
      volumes:
      - name: token
        projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 3600}}]}
`;

function writeInputs(requests: SimRequest[]): { log: string; manifests: string } {
  const log = path.join(dir, 'audit.log');
  const manifests = path.join(dir, 'manifests.yaml');
  fs.writeFileSync(log, toLines(requests));
  fs.writeFileSync(manifests, MANIFESTS);
  return { log, manifests };
}

describe('cdk8s-guardrails audit', () => {
  test('with --manifests: used, denied, unused with the binding that grants it, and tokens used by an account the manifests give none', async () => {
    // GIVEN worker reads a ConfigMap and is denied Secrets; idle (no token anywhere in the manifests) lists pods
    const { log, manifests } = writeInputs([
      req({ verb: 'get' }), req({ verb: 'list', name: undefined }),
      req({ verb: 'get', resource: 'secrets', name: 'db', allowed: false }),
      req({ account: idle, verb: 'list', resource: 'pods', name: undefined, allowed: false }),
    ]);
    // WHEN audited as JSON
    const result = await run(['--manifests', manifests, '--format', 'json', log]);
    // THEN
    expect(result.status).toBe(0);
    const model: AuditReportModel = JSON.parse(result.stdout);
    const w = model.serviceAccounts.find((sa) => sa.name === 'worker')!;
    expect(w.used.map((p) => p.verb)).toEqual(['get', 'list']);
    expect(w.denied.map((p) => `${p.verb} ${p.resource} ${p.names}`)).toEqual(['get secrets db']);
    expect(w.unused).toEqual([{
      namespace: 'apps',
      apiGroup: '',
      resource: 'configmaps',
      verbs: ['watch', 'update', 'delete'],
      binding: { kind: 'RoleBinding', name: 'worker', namespace: 'apps' },
      role: { kind: 'Role', name: 'worker', builtIn: false },
    }]);
    expect(w.unexpectedTokenUse).toBeUndefined();
    const i = model.serviceAccounts.find((sa) => sa.name === 'idle')!;
    expect(i.unexpectedTokenUse).toBe('no pod in the manifests carries its token (no automount, no projected token, no token Secret)');
    expect(Object.keys(model)).toEqual(expect.arrayContaining(['serviceAccounts', 'events', 'skipped']));
  });

  test('with --manifests binding a built-in ClusterRole (view): its permissions count as granted, used ones are not unused, the others are, marked built in', async () => {
    // GIVEN worker is also bound to the built-in view (not in the manifests) and lists pods
    const { log, manifests } = writeInputs([req({ verb: 'list', resource: 'pods', name: undefined })]);
    fs.appendFileSync(manifests, `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: worker-view, namespace: apps}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: worker, namespace: apps}]
`);
    // WHEN audited as JSON
    const model: AuditReportModel = JSON.parse((await run(['--manifests', manifests, '--format', 'json', log])).stdout);
    // THEN the pods list is used through view, and view's other permissions are unused, named as built in
    const w = model.serviceAccounts.find((sa) => sa.name === 'worker')!;
    expect(w.used.map((p) => `${p.verb} ${p.resource}`)).toEqual(['list pods']);
    const fromView = w.unused.filter((u) => u.role.name === 'view');
    expect(fromView.length).toBeGreaterThan(10);
    expect(fromView.every((u) => u.role.builtIn && u.binding.name === 'worker-view')).toBe(true);
    const pods = fromView.find((u) => u.resource === 'pods' && u.apiGroup === '');
    expect(pods?.verbs).toEqual(['get', 'watch']);
    expect(fromView.some((u) => u.resource === 'secrets')).toBe(false);
  });

  test('--fail-on-unused and --fail-on-denied exit 1 when such permissions are found, 0 when not', async () => {
    const { log, manifests } = writeInputs([req({}), req({ verb: 'get', resource: 'secrets', allowed: false })]);
    expect((await run(['--manifests', manifests, '--fail-on-unused', '--format', 'json', log])).status).toBe(1);
    expect((await run(['--fail-on-denied', '--format', 'json', log])).status).toBe(1);
    const clean = writeInputs([req({})]);
    expect((await run(['--fail-on-denied', '--format', 'json', clean.log])).status).toBe(0);
  });

  test('malformed lines never stop the run: reported with their line numbers, exit 0', async () => {
    const log = path.join(dir, 'audit.log');
    fs.writeFileSync(log, `not json\n${toLines([req({})])}{"kind":"Event","apiVersion":"v1"}\n`);
    const result = await run(['--format', 'json', log]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`${log}:1: skipped: not JSON`);
    const model: AuditReportModel = JSON.parse(result.stdout);
    expect(model.requests).toBe(1);
    expect(model.skipped).toMatchObject({ malformedLines: 1, notAuditEvents: 1 });
  });

  test('a log that cannot be read is exit 2, and the readable ones are still reported', async () => {
    const { log } = writeInputs([req({})]);
    const result = await run(['--format', 'json', path.join(dir, 'missing.log'), log]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing.log: input error: cannot read: no such file or directory');
    expect(JSON.parse(result.stdout).requests).toBe(1);
  });

  test('standard input is read with -', async () => {
    const text = toLines([req({}), req({ verb: 'update' })]);
    const result = await run(['--format', 'json', '-'], text);
    expect(JSON.parse(result.stdout).requests).toBe(2);
  });

  test('usage errors: no LOG, --fail-on-unused without --manifests, an unknown format, stdin twice', async () => {
    expect(await run([])).toMatchObject({ status: 2, stderr: expect.stringContaining('no LOG given') });
    expect(await run(['--fail-on-unused', 'x.log'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--fail-on-unused needs --manifests') });
    expect(await run(['--format', 'sarif', 'x.log'])).toMatchObject({ status: 2, stderr: expect.stringContaining("--format 'sarif' is not allowed: expected one of text, markdown, json, typescript") });
    expect(await run(['--manifests', '-', '-'], 'x')).toMatchObject({ status: 2, stderr: expect.stringContaining('standard input (-) can be read once') });
  });

  test('text and Markdown name each account, what it used and was denied, and the suggested rules', async () => {
    const { log, manifests } = writeInputs([req({}), req({ verb: 'get', resource: 'secrets', allowed: false })]);
    const text = (await run(['--manifests', manifests, log])).stdout;
    expect(text).toContain('ServiceAccount apps/worker: 2 requests, 1 denied');
    expect(text).toContain('get core/configmaps in apps [settings]: 1 request');
    expect(text).toContain('- apiGroups [""] resources [configmaps] resourceNames [settings] verbs [get]');
    // without manifests nothing is said about them
    const alone = (await run([log])).stdout;
    expect(alone).toContain('ServiceAccount apps/worker: 2 requests, 1 denied\n');
    expect(alone).toContain('no --manifests: unused grants are not known');
    const markdown = (await run(['--manifests', manifests, '--format', 'markdown', log])).stdout;
    expect(markdown).toContain('| `apps/worker` | 2 | 1 | 1 | 1 | 1 |  |');
    expect(markdown).toContain('**Denied** (the permissions it is missing)');
  });

  test('Markdown stays within GitHub\'s comment limit and says what it left out', async () => {
    // GIVEN 300 accounts with many permissions each
    const requests: SimRequest[] = [];
    for (let a = 0; a < 300; a++) {
      const account = simAccount(random, `ns-${a}`, `sa-${a}`);
      for (let r = 0; r < 30; r++) requests.push(req({ account, namespace: account.namespace, resource: `things${r}`, apiGroup: 'example.com', name: `object-${r}` }));
    }
    const { log } = writeInputs(requests);
    const markdown = (await run(['--format', 'markdown', log])).stdout;
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toMatch(/_\d+ of 300 ServiceAccount sections are left out to stay within GitHub's 65536-character comment limit/);
    expect(markdown).toContain('| `ns-99/sa-99` |');
  });

  test('--format typescript: Permission calls; a catalogued risk is named and left without a reason; a subresource create keeps its names (its path names the parent), a top-level create by POST never has one', async () => {
    const { log } = writeInputs([
      req({ verb: 'get', resource: 'secrets', name: 'db' }),
      req({ verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'builder' }),
      req({ verb: 'create', resource: 'configmaps', name: 'cache' }),
      req({ verb: 'list', resource: 'pods', name: undefined }), req({ verb: 'watch', resource: 'pods', name: undefined }), req({ verb: 'get', resource: 'pods', name: 'p' }),
    ]);
    const ts = (await run(['--format', 'typescript', log])).stdout;
    expect(ts).toContain('export const appsWorker: { readonly namespaces: Record<string, Permission[]>; readonly clusterWide: Permission[] } = {');
    expect(ts).toContain("// carries rbac/secrets-access: grant less, or add .withJustification('why it is needed')");
    expect(ts).toContain("Permission.getNamed(ApiResource.of('secrets'), 'db'),");
    expect(ts).toContain("Permission.custom({ resources: [ApiResource.of('serviceaccounts/token')], verbs: ['create'], resourceNames: ['builder'] }),");
    expect(ts).toContain("Permission.custom({ resources: [ApiResource.of('configmaps')], verbs: ['create'] }),");
    expect(ts).toContain("Permission.getNamed(ApiResource.of('pods'), 'p'),");
    expect(ts).toContain("Permission.custom({ resources: [ApiResource.of('pods')], verbs: ['list', 'watch'] }),");
  });
});

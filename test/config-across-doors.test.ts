import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import type { CliIo } from '../src/cli/cli-io';
import { Cli } from '../src/cli/main';
import { ReportFormat } from '../src/compliance/report';
import { GuardrailsValidation, PluginViolation } from '../src/plugin';
import { Guardrails } from '../src/synth/guardrails';

/**
 * One `.guardrails.yaml` for every door: the same vendored manifest through the CLI, the cdk8s
 * plugin and the synth door with the same configuration file gives the same findings.
 */

const RBAC = 'rbac.authorization.k8s.io/v1';

/** A vendored install (as upstream ships it: no namespaces) that every key of the file changes. */
const VENDORED = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'vendor-agent' }, automountServiceAccountToken: false },
  { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name: 'vendor-agent' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] },
  {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'vendor-agent' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'vendor-agent' },
    subjects: [{ kind: 'ServiceAccount', name: 'vendor-agent', namespace: 'vendor-system' }],
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'vendor-agent', annotations: { 'guardrails.cdk8s.io/suppress': JSON.stringify([{ rule: 'token/projected-ttl', reason: 'The vendor agent renews its token itself every hour.' }]) } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          serviceAccountName: 'vendor-agent',
          automountServiceAccountToken: false,
          hostNetwork: true,
          containers: [{
            name: 'agent',
            image: 'ghcr.io/vendor/agent:2.1.0',
            volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
          }],
          volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 7200 } }] } }],
        },
      },
    },
  },
];

const CONFIG = `packs: [tokens, rbac, pss-baseline, hardening]
failOn: warning
maxTokenTtl: 3600
podSecurityVersion: v1.30
namespace: vendor-system
rules:
  hardening/image-digest: off
  hardening/read-only-root-fs: error
suppressions:
  - rule: rbac/secrets-access
    kind: ClusterRole
    name: vendor-*
    reason: The agent syncs TLS Secrets in every namespace by design.
  - rule: pss/*
    kind: DaemonSet
    reason: The node agent needs the host network to see node traffic.
    expires: 2999-12-31
unsuppressible: [token/projected-ttl]
`;

/** A finding as every door can say it: rule, severity, object and field, suppressed or not. */
type Line = string;
const line = (f: any): Line => `${f.ruleId} ${f.severity} ${f.object.kind}/${f.object.name} ${f.path}${f.suppressed ? ' suppressed' : ''}`;

let dir: string;
let configFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-doors-'));
  configFile = path.join(dir, '.guardrails.yaml');
  fs.writeFileSync(configFile, CONFIG);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function synthDoor(): { lines: Line[]; failed: boolean } {
  const outdir = path.join(dir, 'synth');
  const app = new App({ outdir });
  const chart = new Chart(app, 'vendor');
  VENDORED.forEach((manifest, i) => new ApiObject(chart, `o${i}`, manifest));
  Guardrails.of(app).check({ config: configFile, reports: [ReportFormat.JSON], silent: true });
  let failed = false;
  try {
    app.synth();
  } catch {
    failed = true;
  }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf-8'));
  return { lines: report.findings.map(line).sort(), failed };
}

async function cliDoor(): Promise<{ lines: Line[]; exitCode: number; findings: any[] }> {
  const file = path.join(dir, 'vendor', 'install.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  Yaml.save(file, VENDORED);
  const out: string[] = [];
  const io: CliIo = { colorTerminal: false, stdinIsTerminal: false, stdout: (t) => { out.push(t); }, stderr: () => undefined, readStdin: () => Buffer.from(''), writeFile: () => undefined, cwd: dir };
  const exitCode = await Cli.run(['check', '--format', 'json', '--config', configFile, file], io, {});
  const report = JSON.parse(out.join(''));
  return { lines: report.findings.map(line).sort(), exitCode, findings: report.findings };
}

async function pluginDoor(): Promise<{ lines: Line[]; status: string }> {
  const file = path.join(dir, 'dist', 'vendor.k8s.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  Yaml.save(file, VENDORED);
  const violations: PluginViolation[] = [];
  let status = '';
  await new GuardrailsValidation({ config: configFile }).validate({
    manifests: [file],
    metadata: {},
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    logger: { log: () => undefined },
  });
  // The plugin reports unsuppressed findings: `<id> (<worst severity>)`, locations `<Kind> [<ns>/]<name> at <path>: <message>`.
  const lines = violations.flatMap((v) => {
    const [ruleId, severity] = v.ruleName.replace(/[()]/g, '').split(' ');
    return v.violatingResources.flatMap((r) => r.locations.map((location) => {
      const [, kind, ref, pointer] = /^(\S+) (\S+) at (\S*): /.exec(location)!;
      return `${ruleId} ${severity} ${kind}/${ref.split('/').pop()} ${pointer === '/' ? '' : pointer}`;
    }));
  });
  return { lines: lines.sort(), status };
}

describe('one .guardrails.yaml through every door', () => {
  test('GIVEN a vendored install and one configuration file WHEN the CLI, the plugin and the synth door check it THEN they report the same findings and all fail', async () => {
    const synth = synthDoor();
    const cli = await cliDoor();
    const plugin = await pluginDoor();

    expect(cli.lines).toEqual(synth.lines);
    expect(plugin.lines).toEqual(synth.lines.filter((l) => !l.endsWith(' suppressed')));
    expect(synth.failed).toBe(true);
    expect(cli.exitCode).toBe(1);
    expect(plugin.status).toBe('failure');

    // Each key took effect, so that equal answers are not equal for want of a configuration:
    expect(synth.lines).toEqual(expect.arrayContaining([
      // suppressions: kind + name glob
      'rbac/secrets-access warning ClusterRole/vendor-agent /rules/0 suppressed',
      // suppressions: a family on a kind, not yet expired
      'pss/host-namespaces error DaemonSet/vendor-agent /spec/template/spec/hostNetwork suppressed',
      // rules: read-only-root-fs raised to error
      'hardening/read-only-root-fs error DaemonSet/vendor-agent /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
      // unsuppressible + maxTokenTtl: the annotation's suppression of 7200 s is refused
      'token/projected-ttl error DaemonSet/vendor-agent /spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken/expirationSeconds',
    ]));
    expect(cli.findings.find((f) => f.ruleId === 'token/projected-ttl').note).toMatch(/^Suppression refused by policy/);
    // rules: image-digest is off; packs: no pss-restricted rule; namespace: the subject exists.
    expect(synth.lines.filter((l) => /^(hardening\/image-digest|pss\/run-as-non-root|pss\/seccomp |rbac\/dangling-reference)/.test(l))).toEqual([]);
  });
});

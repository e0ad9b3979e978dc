import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Yaml } from 'cdk8s';
import type { CliIo } from '../src/cli/cli-io';
import { Cli } from '../src/cli/main';
import { ReportFormat } from '../src/compliance/report';
import { GuardrailsValidation, PluginViolation } from '../src/plugin';
import { FailOn, Guardrails } from '../src/synth/guardrails';

/**
 * One settings model for every door: the same settings given to the synth door, the CLI and the
 * cdk8s plugin give the same findings on the same manifests.
 */

const REASON = 'The vendor image is pinned by the platform team.';

const HARDENED = {
  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '32Mi' } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
};

/** An upstream-style install without namespaces, where each setting changes the findings. */
const MANIFESTS = [
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent' }, automountServiceAccountToken: false },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'agent' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent' },
    // Bound in argocd: the same account as the namespace-less one above only when applied with -n argocd.
    subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'argocd' }],
  },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'agent' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'agent', annotations: { 'guardrails.cdk8s.io/suppress': JSON.stringify([{ rule: 'hardening/image-tag', reason: REASON }]) } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          serviceAccountName: 'agent',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] },
          containers: [
            { name: 'agent', image: 'ghcr.io/acme/agent:latest', volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }], ...HARDENED },
            { name: 'proxy', image: 'ghcr.io/acme/proxy:1.2.0', volumeMounts: [{ name: 'api', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }], ...HARDENED },
          ],
          volumes: [{ name: 'api', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 1800 } }] } }],
        },
      },
    },
  },
];

/** Every setting of the model, each set away from its default. */
const SETTINGS = {
  packs: ['tokens', 'rbac', 'pss-restricted', 'hardening'],
  failOn: 'warning',
  maxTokenTtlSeconds: 1200,
  severityOverrides: { 'hardening/image-digest': 'off', 'token/sidecar-exposure': 'error' },
  podSecurityVersion: 'v1.31',
  ignoreSuppressions: true,
  namespace: 'argocd',
} as const;

/** A finding as every door can say it: rule, severity, object and field. */
type Line = string;

function synthDoor(settings: boolean): Line[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'doors-synth-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'vendor');
  MANIFESTS.forEach((manifest, i) => new ApiObject(chart, `o${i}`, manifest));
  Guardrails.of(app).check(settings ? {
    packs: [...SETTINGS.packs],
    failOn: FailOn.WARNING,
    maxTokenTtl: Duration.seconds(SETTINGS.maxTokenTtlSeconds),
    severityOverrides: { ...SETTINGS.severityOverrides },
    podSecurityVersion: SETTINGS.podSecurityVersion,
    ignoreSuppressions: SETTINGS.ignoreSuppressions,
    namespace: SETTINGS.namespace,
    reports: [ReportFormat.JSON],
    silent: true,
  } : { packs: [...SETTINGS.packs], reports: [ReportFormat.JSON], silent: true, failOn: FailOn.NEVER });
  let failed = false;
  try {
    app.synth();
  } catch {
    failed = true;
  }
  // failOn warning: these findings fail the synth (and the report is written all the same).
  expect(failed).toBe(settings);
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'guardrails-report.json'), 'utf-8'));
  fs.rmSync(outdir, { recursive: true, force: true });
  return report.findings.filter((f: any) => !f.suppressed).map((f: any) => `${f.ruleId} ${f.severity} ${f.object.kind}/${f.object.name} ${f.path}`).sort();
}

async function cliDoor(): Promise<{ lines: Line[]; exitCode: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doors-cli-'));
  const file = path.join(dir, 'install.yaml');
  Yaml.save(file, MANIFESTS);
  const out: string[] = [];
  const io: CliIo = { colorTerminal: false, stdinIsTerminal: false, stdout: (t) => { out.push(t); }, stderr: () => undefined, readStdin: () => Buffer.from(''), writeFile: () => undefined };
  const exitCode = await Cli.run([
    'check', '--format', 'json',
    ...SETTINGS.packs.flatMap((p) => ['--pack', p]),
    '--fail-on', SETTINGS.failOn,
    '--max-token-ttl', String(SETTINGS.maxTokenTtlSeconds),
    ...Object.entries(SETTINGS.severityOverrides).flatMap(([id, level]) => ['--rule', `${id}=${level}`]),
    '--pod-security-version', SETTINGS.podSecurityVersion,
    '--ignore-suppressions',
    '-n', SETTINGS.namespace,
    file,
  ], io, {});
  fs.rmSync(dir, { recursive: true, force: true });
  const report = JSON.parse(out.join(''));
  return { lines: report.findings.filter((f: any) => !f.suppressed).map((f: any) => `${f.ruleId} ${f.severity} ${f.object.kind}/${f.object.name} ${f.path}`).sort(), exitCode };
}

async function pluginDoor(): Promise<{ lines: Line[]; status: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doors-plugin-'));
  const file = path.join(dir, 'vendor.k8s.yaml');
  Yaml.save(file, MANIFESTS);
  const violations: PluginViolation[] = [];
  let status = '';
  await new GuardrailsValidation({ ...SETTINGS, packs: [...SETTINGS.packs], severityOverrides: { ...SETTINGS.severityOverrides } }).validate({
    manifests: [file],
    metadata: {},
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    logger: { log: () => undefined },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  // `ruleName` is `<id> (<worst severity>)`; each location is `<Kind> [<ns>/]<name> at <path>: <message>`.
  const lines = violations.flatMap((v) => {
    const ruleId = v.ruleName.split(' ')[0];
    return v.violatingResources.flatMap((r) => r.locations.map((location) => {
      const [, kind, ref, pointer] = /^(\S+) (\S+) at (\S*): /.exec(location)!;
      return { ruleId, kind, name: ref.split('/').pop(), pointer: pointer === '/' ? '' : pointer };
    }));
  });
  // The plugin groups by rule with the worst severity; take each finding's severity from its rule group.
  return {
    lines: lines.map((l) => `${l.ruleId} ${violations.find((v) => v.ruleName.startsWith(`${l.ruleId} `))!.ruleName.split('(')[1].slice(0, -1)} ${l.kind}/${l.name} ${l.pointer}`).sort(),
    status,
  };
}

describe('the same settings through every door', () => {
  test('GIVEN every setting of the model set away from its default WHEN the synth door, the CLI and the plugin check the same install THEN they report the same findings and all fail', async () => {
    const synth = synthDoor(true);
    const cli = await cliDoor();
    const plugin = await pluginDoor();

    expect(cli.lines).toEqual(synth);
    expect(plugin.lines).toEqual(synth);
    expect(cli.exitCode).toBe(1);
    expect(plugin.status).toBe('failure');

    // Each setting took effect (so that equal answers are not equal for lack of settings):
    expect(synth).toEqual(expect.arrayContaining([
      // maxTokenTtlSeconds 1200 < 1800
      'token/projected-ttl error Deployment/agent /spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken/expirationSeconds',
      // podSecurityVersion v1.31: tcp_rmem is safe only from v1.32
      'pss/sysctls error Deployment/agent /spec/template/spec/securityContext/sysctls/0/name',
      // severityOverrides: sidecar-exposure raised to error
      'token/sidecar-exposure error Deployment/agent /spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken',
      // ignoreSuppressions: the suppressed image-tag finding is reported
      'hardening/image-tag warning Deployment/agent /spec/template/spec/containers/0/image',
    ]));
    // severityOverrides: image-digest is off
    expect(synth.filter((line) => line.startsWith('hardening/image-digest'))).toEqual([]);
    // namespace argocd: the namespace-less ServiceAccount is the bound one, so it holds a permission
    // (no unnecessary-token) and the binding's subject exists (no dangling reference).
    expect(synth.filter((line) => line.startsWith('token/unnecessary-token') || line.startsWith('rbac/dangling-reference'))).toEqual([]);

    const defaults = synthDoor(false);
    expect(defaults).toEqual(expect.arrayContaining([
      'rbac/dangling-reference warning RoleBinding/agent /subjects/0/name',
      'token/unnecessary-token warning Deployment/agent /spec/template/spec/volumes/0/projected/sources/0/serviceAccountToken',
      'hardening/image-digest info Deployment/agent /spec/template/spec/containers/1/image',
    ]));
    expect(defaults.filter((line) => line.startsWith('pss/sysctls') || line.startsWith('token/projected-ttl') || line.startsWith('hardening/image-tag'))).toEqual([]);
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { kubectlReadText, readManifests } from './read-manifests';
import { tokenHolders } from './shapes';
import { ComplianceEngine } from '../../src/compliance/engine';
import { HardenInput } from '../../src/harden/harden-input';
import { HardenOptions, HardenOptionsModel } from '../../src/harden/harden-options';
import { HardenedStream, HardenStream } from '../../src/harden/harden-stream';
import type { Manifest } from '../../src/k8s/manifest';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'harden');
/** The rules the rewrite must satisfy on any input (the others depend on what the user names). */
const AUTOMOUNT_AND_TTL = ['token/automount-pod', 'token/automount-service-account', 'token/projected-ttl'];

interface Case {
  readonly file: string;
  readonly namespace: string;
  readonly options?: HardenOptions;
  /** Workload name -> containers that hold an API token afterwards. */
  readonly holders: Record<string, string[]>;
}

const CASES: readonly Case[] = [
  // kube-rbac-proxy calls the API (TokenReview): without a choice both containers keep the token.
  { file: 'kubebuilder-rbac-proxy.yaml', namespace: 'widgets-system', holders: { 'widget-operator-controller-manager': ['kube-rbac-proxy', 'manager'] } },
  // The init container calls the API: the default keeps it (nothing breaks); the exporter is narrowed away by a choice.
  {
    file: 'helm-init-calls-api.yaml',
    namespace: 'queue',
    options: { tokenContainers: [HardenOptionsModel.parseChoice('StatefulSet/release-name-queue=wait-for-peers,queue')] },
    holders: { 'release-name-queue': ['wait-for-peers', 'queue'] },
  },
  // A native sidecar (init container, restartPolicy: Always) and a CronJob's pod.
  {
    file: 'native-sidecar-daemonset-cronjob.yaml',
    namespace: 'observability',
    options: { tokenContainers: [HardenOptionsModel.parseChoice('DaemonSet/node-agent=agent')] },
    holders: { 'node-agent': ['agent'], 'report-pruner': ['prune'] },
  },
  // Existing tokens: the 3607 s API token is cut to 3600 s, the Vault token left alone.
  { file: 'explicit-tokens-and-legacy-secret.yaml', namespace: 'sync', holders: { syncer: ['syncer'] } },
  // kustomize build -o json: a List in JSON, namespaced already; the account holds no permissions.
  { file: 'kustomize-build.json', namespace: 'default', holders: { webhook: [] } },
];

/**
 * The findings of these rules, except on tokens for another audience than the API server: those
 * are left alone by design (their consumer, e.g. Vault, decides), so `check` still reports them.
 */
function findings(manifests: readonly Manifest[], namespace: string, rules: readonly string[]): string[] {
  const report = new ComplianceEngine({ packs: ['tokens'], namespace }).check(manifests.map((manifest) => ({ manifest })));
  expect(report.inputErrors).toEqual([]);
  return report.findings
    .filter((f) => rules.includes(f.ruleId))
    .filter((f) => !(f.ruleId === 'token/projected-ttl' && audienceAt(manifests, f.object.kind, f.object.name, f.path) !== undefined))
    .map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}`);
}

/** The audience of the serviceAccountToken whose expirationSeconds a finding points at. */
function audienceAt(manifests: readonly Manifest[], kind: string, name: string, pointer: string): unknown {
  const manifest = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const token = pointer.split('/').slice(1, -1).reduce<any>((node, segment) => node?.[segment], manifest);
  return token?.audience;
}

function harden(text: string, c: Case): HardenedStream {
  return HardenStream.run([HardenInput.read(text, c.file)], { namespace: c.namespace, ...c.options });
}

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

describe.each(CASES)('upstream shape $file', (c) => {
  let input: string;
  let before: Manifest[];
  let result: HardenedStream;
  let after: Manifest[];
  beforeEach(() => {
    input = fs.readFileSync(path.join(FIXTURES, c.file), 'utf-8');
    before = readManifests(input, c.file).manifests;
    result = harden(input, c);
    const read = readManifests(result.outputs[0], c.file);
    expect(read.errors).toEqual([]);
    after = read.manifests;
  });

  test('GIVEN the fixture as shipped THEN the tokens pack finds automounted or long-lived tokens', () => {
    expect(findings(before, c.namespace, AUTOMOUNT_AND_TTL).length).toBeGreaterThan(0);
  });

  test('WHEN hardened THEN no automount or lifetime finding is left, every object is kept in order, and the holders are the expected ones', () => {
    expect(findings(after, c.namespace, AUTOMOUNT_AND_TTL)).toEqual([]);
    expect(after.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(before.map((m) => `${m.kind}/${m.metadata.name}`));
    for (const [name, holders] of Object.entries(c.holders)) {
      const manifest = after.find((m) => m.metadata.name === name && m.spec)!;
      const spec = manifest.kind === 'CronJob' ? manifest.spec.jobTemplate.spec.template.spec : manifest.spec.template.spec;
      expect(tokenHolders(spec)).toEqual(holders);
    }
    expect(result.rewritten).toEqual([]);
    // Plain block YAML (and JSON, which is flow) is located fast, or by the yaml package.
    expect(result.located).toEqual(c.file.endsWith('.json') ? { fast: 0, yamlLibrary: 1 } : { fast: expect.any(Number), yamlLibrary: 0 });
  });

  test('WHEN hardened THEN every object the rewrite did not touch is the same, and the output hardens to itself', () => {
    const touched = new Set(result.plan.objects.map((o) => o.index));
    before.forEach((m, i) => { if (!touched.has(i)) expect(after[i]).toEqual(m); });
    expect(harden(result.outputs[0], c).outputs[0]).toBe(result.outputs[0]);
  });

  test('WHEN hardened THEN kubectl reads the same objects, and kubernetes-models finds each valid', async () => {
    expect(kubectlReadText(result.outputs[0], path.extname(c.file))).toEqual(after);
    expect(await schema.invalid(after)).toEqual([]);
  });
});

describe('upstream shape: a very large CRD next to an operator', () => {
  test('GIVEN a 1.5 MB CustomResourceDefinition (beyond client-side apply\'s 256 KiB annotation, like prometheus-operator\'s) THEN it is kept byte for byte and only the operator is changed', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) {
      properties[`field${i}`] = { type: 'object', description: `Field ${i}: ${'a long generated description '.repeat(12)}`, properties: { enabled: { type: 'boolean' }, size: { type: 'integer', format: 'int32' } } };
    }
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'giants.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'Giant', plural: 'giants', singular: 'giant', listKind: 'GiantList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties } } } } }],
      },
    };
    const crdText = `# generated, as controller-gen writes it\n${JSON.stringify(crd, null, 2).replace(/"(\w+)":/g, '$1:')}\n`;
    const operator = fs.readFileSync(path.join(FIXTURES, 'kubebuilder-rbac-proxy.yaml'), 'utf-8');
    const input = `${crdText}---\n${operator}`;
    expect(input.length).toBeGreaterThan(1_500_000);
    const result = HardenStream.run([HardenInput.read(input, 'big.yaml')], { namespace: 'widgets-system' });
    expect(result.outputs[0].startsWith(`${crdText}---\n`)).toBe(true);
    expect(result.plan.objects.map((o) => o.index)).toEqual([1, 6]);
  });
});

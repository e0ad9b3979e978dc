import * as fc from 'fast-check';
import { Document, isCollection } from 'yaml';
import { dnsLabel, RUNS } from './arbitraries';
import { KubernetesSchema } from './kubernetes-schema';
import { ComplianceEngine } from '../../src/compliance/engine';
import { HardenInput } from '../../src/harden/harden-input';
import { HardenOptions, TokenContainerChoice } from '../../src/harden/harden-options';
import { HardenStream } from '../../src/harden/harden-stream';
import type { Manifest } from '../../src/k8s/manifest';
import { kubectlReadText, readManifests } from '../harden/read-manifests';
import { podSpecOf, workload } from '../harden/shapes';

/**
 * Properties of `harden` over random installs in the shapes upstream ships: namespace-less objects
 * applied with `-n`, accounts with and without permissions, every workload kind, init and regular
 * containers, automount set or not on pods and accounts, explicit projected tokens of every
 * lifetime and audience, written as YAML in the styles generators use.
 */

const NAMESPACE = 'apps';
const CREDENTIALS_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];
const RULES = ['token/automount-pod', 'token/automount-service-account', 'token/projected-ttl'];

interface AccountSpec {
  readonly name: string;
  readonly automount?: boolean;
  /** How it holds permissions: none, a ClusterRoleBinding, or a RoleBinding whose subject names no namespace. */
  readonly grant: 'none' | 'cluster' | 'namespaced';
}

interface TokenSpec {
  readonly ttl?: number;
  readonly audience?: string;
  /** Which containers mount it (indices into the pod's init + regular containers). */
  readonly mountedBy: number[];
}

interface PodCase {
  readonly kind: string;
  readonly name: string;
  /** Index into the accounts, or -1 for none (`default`). */
  readonly account: number;
  readonly automount?: boolean;
  readonly init: string[];
  readonly containers: string[];
  readonly tokens: TokenSpec[];
  /** Containers that mount an emptyDir at the credentials path (automount then skips them). */
  readonly ownMountAt: number[];
  /** Rotates the pod spec's keys: templates write them in any order (which key ends the mapping matters to the editor). */
  readonly keyRotation: number;
}

interface Install {
  readonly accounts: AccountSpec[];
  readonly pods: PodCase[];
}

const optionalBoolean = fc.constantFrom(undefined, true, false);
const ttl = fc.oneof(fc.constant(undefined), fc.constant(3607), fc.integer({ min: 600, max: 2 ** 32 }), fc.integer({ min: 600, max: 7200 }));

const install: fc.Arbitrary<Install> = fc.uniqueArray(dnsLabel, { minLength: 2, maxLength: 12 }).chain((names) => {
  const accountNames = names.slice(0, Math.max(1, Math.floor(names.length / 3)));
  const accounts = fc.tuple(...accountNames.map((name) => fc.record({
    name: fc.constant(name),
    automount: optionalBoolean,
    grant: fc.constantFrom<AccountSpec['grant']>('none', 'cluster', 'namespaced'),
  })));
  const pods = fc.tuple(...names.map((name) => fc.tuple(
    fc.uniqueArray(dnsLabel.map((n) => `i-${n}`), { maxLength: 2 }),
    fc.uniqueArray(dnsLabel.map((n) => `c-${n}`), { minLength: 1, maxLength: 3 }),
  ).chain(([init, containers]) => {
    const count = init.length + containers.length;
    const index = fc.integer({ min: 0, max: count - 1 });
    return fc.record({
      kind: fc.constantFrom(...KINDS),
      name: fc.constant(name),
      account: fc.integer({ min: -1, max: accountNames.length - 1 }),
      automount: optionalBoolean,
      init: fc.constant(init),
      containers: fc.constant(containers),
      tokens: fc.array(fc.record({
        ttl,
        audience: fc.option(fc.constantFrom('vault', 'sts.amazonaws.com'), { nil: undefined }),
        mountedBy: fc.uniqueArray(index, { maxLength: count }),
      }), { maxLength: 2 }),
      ownMountAt: fc.uniqueArray(index, { maxLength: 1 }),
      keyRotation: fc.nat({ max: 5 }),
    });
  })));
  return fc.record({ accounts: accounts.map((a) => [...a]), pods: pods.map((p) => [...p]) });
});

/** The install as manifests (namespace-less, except what must name the namespace). */
function manifestsOf(spec: Install): Manifest[] {
  const manifests: Manifest[] = [];
  for (const a of spec.accounts) {
    manifests.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: a.name }, ...(a.automount === undefined ? {} : { automountServiceAccountToken: a.automount }) });
    if (a.grant === 'none') continue;
    const cluster = a.grant === 'cluster';
    manifests.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRole' : 'Role', metadata: { name: a.name }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
    manifests.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
      metadata: { name: a.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: cluster ? 'ClusterRole' : 'Role', name: a.name },
      subjects: [cluster ? { kind: 'ServiceAccount', name: a.name, namespace: NAMESPACE } : { kind: 'ServiceAccount', name: a.name }],
    });
  }
  for (const p of spec.pods) {
    const all = [...p.init.map((name) => ({ name, image: `${name}:1` })), ...p.containers.map((name) => ({ name, image: `${name}:1` }))] as any[];
    const volumes: any[] = [];
    p.tokens.forEach((t, i) => {
      const token: Record<string, unknown> = { path: 'token' };
      if (t.ttl !== undefined) token.expirationSeconds = t.ttl;
      if (t.audience !== undefined) token.audience = t.audience;
      volumes.push({ name: `token-${i}`, projected: { sources: [{ serviceAccountToken: token }] } });
      for (const c of t.mountedBy) (all[c].volumeMounts ??= []).push({ name: `token-${i}`, mountPath: `/var/run/secrets/tokens/${i}` });
    });
    for (const c of p.ownMountAt) {
      volumes.push({ name: 'own', emptyDir: {} });
      (all[c].volumeMounts ??= []).push({ name: 'own', mountPath: CREDENTIALS_PATH });
    }
    const podSpec: Record<string, unknown> = { containers: all.slice(p.init.length) };
    if (p.init.length > 0) podSpec.initContainers = all.slice(0, p.init.length);
    if (volumes.length > 0) podSpec.volumes = volumes;
    if (p.account >= 0) podSpec.serviceAccountName = spec.accounts[p.account].name;
    if (p.automount !== undefined) podSpec.automountServiceAccountToken = p.automount;
    if (p.kind === 'CronJob' || p.kind === 'Job' || p.kind === 'Pod') podSpec.restartPolicy = 'OnFailure';
    const entries = Object.entries(podSpec);
    const rotated = [...entries.slice(p.keyRotation % entries.length), ...entries.slice(0, p.keyRotation % entries.length)];
    manifests.push(workload(p.kind, p.name, Object.fromEntries(rotated)));
  }
  return manifests;
}

/** YAML as generators write it: an optional `# Source:` comment, block sequences indented or not, and flow collections at some depth. */
const yamlStyle = fc.record({
  indentSeq: fc.boolean(),
  flow: fc.constantFrom<'none' | 'containers' | 'podSpec' | 'root'>('none', 'none', 'containers', 'podSpec', 'root'),
  comment: fc.boolean(),
});
type YamlStyle = typeof yamlStyle extends fc.Arbitrary<infer T> ? T : never;

function render(manifests: readonly Manifest[], styles: readonly YamlStyle[]): string {
  return manifests.map((m, i) => {
    const style = styles[i % styles.length];
    const doc = new Document(m, { version: '1.1' });
    const podPath = m.kind === 'Pod' ? ['spec'] : m.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
    const path = style.flow === 'containers' ? [...podPath, 'containers'] : style.flow === 'podSpec' ? podPath : [];
    const node = style.flow === 'none' ? undefined : path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
    // A file that starts with `{` is a JSON stream to kubectl: a flow mapping first needs a comment before it.
    const comment = style.comment || (i === 0 && style.flow === 'root');
    return `${comment ? `# Source: chart/templates/${m.kind.toLowerCase()}.yaml\n` : ''}${doc.toString({ indentSeq: style.indentSeq, lineWidth: 0 })}`;
  }).join('---\n');
}

/** Who holds an API token, as the API server would mount it: automount (pod, then account, then true) or an explicit API-audience projection. */
function holders(manifest: Manifest, accounts: readonly Manifest[]): string[] {
  const spec = podSpecOf(manifest);
  const account = accounts.find((a) => a.metadata.name === (spec.serviceAccountName ?? 'default'));
  const automount = spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
  const isApiToken = (v: any) => (v.projected?.sources ?? []).some((s: any) => s.serviceAccountToken && !s.serviceAccountToken.audience);
  const api = new Set((spec.volumes ?? []).filter(isApiToken).map((v: any) => v.name));
  return [...(spec.initContainers ?? []), ...spec.containers].filter((c: any) => {
    const mounts = c.volumeMounts ?? [];
    return mounts.some((m: any) => api.has(m.name)) || (automount && !mounts.some((m: any) => m.mountPath === CREDENTIALS_PATH));
  }).map((c: any) => c.name);
}

function harden(text: string, options: HardenOptions = {}) {
  return HardenStream.run([HardenInput.read(text, 'install.yaml')], { namespace: NAMESPACE, ...options });
}

function read(text: string): Manifest[] {
  const loaded = readManifests(text, 'out.yaml');
  expect(loaded.errors).toEqual([]);
  return loaded.manifests;
}

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

describe('harden: properties over random upstream-style installs', () => {
  test('GIVEN any install in any style WHEN hardened THEN no automount or API-token lifetime finding, every object kept, no container gains a token, '
    + 'every container of a permitted account keeps it, other documents keep every byte, and a second run changes nothing', async () => {
    const outputs: string[] = [];
    fc.assert(fc.property(install, fc.array(yamlStyle, { minLength: 1, maxLength: 3 }), (spec, styles) => {
      const before = manifestsOf(spec);
      const text = render(before, styles);
      const result = harden(text);
      const output = result.outputs[0];
      const after = read(output);
      outputs.push(output);
      // No alias or merge key is generated: every document must be edited in place, and block
      // YAML (what generators write) by the fast locator.
      expect(result.rewritten).toEqual([]);
      if (styles.every((s) => s.flow === 'none')) expect(result.located.yamlLibrary).toBe(0);

      const report = new ComplianceEngine({ packs: ['tokens'], namespace: NAMESPACE }).check(after.map((manifest) => ({ manifest })));
      const apiFindings = report.findings.filter((f) => RULES.includes(f.ruleId) && !(f.ruleId === 'token/projected-ttl' && /audience/.test(JSON.stringify(tokenAt(after, f)))));
      expect(apiFindings.map((f) => `${f.ruleId} ${f.object.name} ${f.path}`)).toEqual([]);
      expect(after.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(before.map((m) => `${m.kind}/${m.metadata.name}`));

      const accountsBefore = before.filter((m) => m.kind === 'ServiceAccount');
      const accountsAfter = after.filter((m) => m.kind === 'ServiceAccount');
      spec.pods.forEach((p) => {
        const b = before.find((m) => m.metadata.name === p.name && m.kind === p.kind)!;
        const a = after.find((m) => m.metadata.name === p.name && m.kind === p.kind)!;
        const had = holders(b, accountsBefore);
        const has = holders(a, accountsAfter);
        expect(has.filter((c) => !had.includes(c))).toEqual([]);
        const permitted = p.account >= 0 && spec.accounts[p.account].grant !== 'none';
        const explicitOnly = had.filter((c) => (podSpecOf(b).initContainers ?? []).concat(podSpecOf(b).containers)
          .find((x: any) => x.name === c).volumeMounts?.some((m: any) => m.mountPath.startsWith('/var/run/secrets/tokens/')
            && p.tokens[Number(m.name.slice('token-'.length))]?.audience === undefined));
        expect(has).toEqual(permitted ? had : explicitOnly);
      });

      // Documents the rewrite did not change are the same text.
      const changed = new Set(result.plan.objects.map((o) => o.index));
      const inputDocs = HardenInput.read(text, 'in').documents;
      const outputText = output;
      inputDocs.forEach((d, i) => { if (!changed.has(i)) expect(outputText).toContain(text.slice(d.start, d.end)); });

      expect(harden(output).outputs[0]).toBe(output);
    }), { numRuns: RUNS.construct });

    // Oracles that run once over every output: kubectl's reader and the Kubernetes schemas.
    const stream = outputs.join('---\n');
    const ours = read(stream);
    expect(kubectlReadText(stream)).toEqual(ours);
    expect(await schema.invalid(ours)).toEqual([]);
  });

  test('GIVEN any install and a choice of containers per workload WHEN hardened THEN exactly the chosen containers hold an API token', () => {
    const withChoices = install.chain((spec) => fc.tuple(
      fc.constant(spec),
      fc.tuple(...spec.pods.map((p) => fc.subarray([...p.init, ...p.containers]))),
    ));
    fc.assert(fc.property(withChoices, fc.array(yamlStyle, { minLength: 1, maxLength: 3 }), ([spec, chosen], styles) => {
      const before = manifestsOf(spec);
      const choices: TokenContainerChoice[] = spec.pods.map((p, i) => ({ workload: { kind: p.kind, name: p.name }, containers: chosen[i] }));
      const result = harden(render(before, styles), { tokenContainers: choices });
      expect(result.rewritten).toEqual([]);
      const after = read(result.outputs[0]);
      const accounts = after.filter((m) => m.kind === 'ServiceAccount');
      spec.pods.forEach((p, i) => {
        const manifest = after.find((m) => m.metadata.name === p.name && m.kind === p.kind)!;
        const taken = p.ownMountAt.map((c) => [...p.init, ...p.containers][c]);
        // A chosen container that mounts something else at the credentials path is reported instead.
        expect(holders(manifest, accounts).sort()).toEqual(chosen[i].filter((c) => !taken.includes(c) || hadApiToken(p, c)).sort());
      });
    }), { numRuns: RUNS.construct });
  });
});

/** True when container `name` of the pod mounts an explicit API-audience token in the generated install. */
function hadApiToken(p: PodCase, name: string): boolean {
  const index = [...p.init, ...p.containers].indexOf(name);
  return p.tokens.some((t) => t.audience === undefined && t.mountedBy.includes(index));
}

/** The token object a projected-ttl finding points at. */
function tokenAt(manifests: readonly Manifest[], finding: { object: { kind: string; name: string }; path: string }): unknown {
  const manifest = manifests.find((m) => m.kind === finding.object.kind && m.metadata.name === finding.object.name);
  return finding.path.split('/').slice(1, -1).reduce<any>((node, segment) => node?.[segment], manifest);
}

import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { acceptedTtlSeconds, distinctLabels, dnsLabel, namespaceName, pinnedImage, RUNS } from './arbitraries';
import { manifestsOf, newApp, PermissionSpec, recommendedFindings, safePermission, toPermission } from './construct-builders';
import { KubernetesSchema } from './kubernetes-schema';
import { PropertyError } from '../../src/errors';
import { OperatorBundle, OperatorBundleProps } from '../../src/operator/operator-bundle';
import { WatchScope } from '../../src/operator/watch-scope';
import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';

/**
 * Property-based tests of `OperatorBundle`: random valid props (watch scopes, permissions,
 * namespaces, replicas, sidecars, optional objects) synthesize manifests that pass the
 * `recommended` pack, are valid for `kubernetes-models` and are byte-identical across synths;
 * random invalid props raise `PropertyError`.
 */

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

const PARAMS = { numRuns: RUNS.construct };

type WatchSpec = { kind: 'own' } | { kind: 'list'; namespaces: string[]; template: boolean } | { kind: 'all'; justification: string };

interface BundleSpec {
  readonly chartNamespace: string;
  readonly name: string;
  readonly namespace?: string;
  readonly createNamespace: boolean;
  readonly replicas: number;
  readonly leaderElection?: boolean;
  readonly watch: WatchSpec;
  readonly permissions: PermissionSpec[];
  readonly clusterRead: string[];
  readonly ttl: number;
  readonly image: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly healthPort: number;
  readonly metricsPort: number;
  readonly sidecars: Array<{ name: string; image: string; token: boolean }>;
  readonly metricsService: boolean;
  readonly networkPolicy: boolean;
  readonly apiServerCidrs?: string[];
  readonly podDisruptionBudget: boolean;
  readonly crd: boolean;
}

/** Only namespaced permissions go in `permissions` (cluster-scoped ones in `clusterPermissions`). */
const namespacedPermission = safePermission.filter((p) => !p.resources.some((r) => r === 'nodes' || r === 'namespaces'));

const watchSpec: fc.Arbitrary<WatchSpec> = fc.oneof(
  fc.constant<WatchSpec>({ kind: 'own' }),
  fc.record({ kind: fc.constant<'list'>('list'), namespaces: fc.uniqueArray(namespaceName, { minLength: 1, maxLength: 3 }), template: fc.boolean() }),
  fc.record({ kind: fc.constant<'all'>('all'), justification: fc.constantFrom('the ingress controller serves every namespace', 'cluster-wide backup operator') }),
);

const bundleSpec: fc.Arbitrary<BundleSpec> = fc.record({
  chartNamespace: namespaceName,
  name: dnsLabel,
  namespace: fc.option(namespaceName, { nil: undefined }),
  createNamespace: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 5 }),
  leaderElection: fc.option(fc.constant(true), { nil: undefined }),
  watch: watchSpec,
  permissions: fc.array(namespacedPermission, { minLength: 1, maxLength: 3 }),
  clusterRead: fc.subarray(['nodes', 'namespaces', 'customresourcedefinitions']),
  ttl: acceptedTtlSeconds,
  image: pinnedImage,
  args: fc.array(fc.stringMatching(/^--[a-z][a-z-]{0,15}(=[a-z0-9]{1,8})?$/), { maxLength: 3 }),
  env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/).filter((n) => n !== 'WATCH_NAMESPACE'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
  healthPort: fc.integer({ min: 1024, max: 32767 }),
  metricsPort: fc.integer({ min: 32768, max: 65535 }),
  sidecars: distinctLabels(0, 2).filter((names) => !names.includes('manager')).chain((names) => fc.tuple(
    ...names.map((name) => fc.record({ name: fc.constant(name), image: pinnedImage, token: fc.boolean() })),
  )),
  metricsService: fc.boolean(),
  networkPolicy: fc.boolean(),
  apiServerCidrs: fc.option(fc.constantFrom<string[]>(['10.0.0.1/32'], ['192.168.0.0/16', '172.16.0.10/32']), { nil: undefined }),
  podDisruptionBudget: fc.boolean(),
  crd: fc.boolean(),
}, {
  requiredKeys: [
    'chartNamespace', 'name', 'createNamespace', 'replicas', 'watch', 'permissions', 'clusterRead', 'ttl', 'image', 'args', 'env',
    'healthPort', 'metricsPort', 'sidecars', 'metricsService', 'networkPolicy', 'podDisruptionBudget', 'crd',
  ],
})
  // A token in every container of a multi-container pod is `token/sidecar-exposure`; the CIDRs need the policy.
  .map((s) => ({
    ...s,
    sidecars: s.sidecars.length > 0 && s.sidecars.every((c) => c.token) ? s.sidecars.map((c, i) => ({ ...c, token: i > 0 })) : s.sidecars,
    apiServerCidrs: s.networkPolicy ? s.apiServerCidrs : undefined,
  }));

const WIDGETS_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

function watchOf(spec: WatchSpec): WatchScope {
  switch (spec.kind) {
    case 'own': return WatchScope.ownNamespace();
    case 'list': return spec.namespaces.length === 1 ? WatchScope.namespace(spec.namespaces[0]) : WatchScope.namespaces(spec.namespaces);
    case 'all': return WatchScope.allNamespaces(spec.justification);
  }
}

function bundleProps(spec: BundleSpec): OperatorBundleProps {
  return {
    image: spec.image,
    name: spec.name,
    namespace: spec.namespace,
    createNamespace: spec.createNamespace,
    replicas: spec.replicas,
    leaderElection: spec.leaderElection,
    watch: watchOf(spec.watch),
    clusterRoleTemplate: spec.watch.kind === 'list' ? spec.watch.template : undefined,
    permissions: spec.permissions.map(toPermission),
    clusterPermissions: spec.clusterRead.length > 0 ? [Permission.read(...spec.clusterRead.map((r) => ApiResource.of(r)))] : undefined,
    tokenExpiration: Duration.seconds(spec.ttl),
    args: spec.args,
    env: Object.fromEntries(Object.entries(spec.env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)])),
    healthPort: spec.healthPort,
    metricsPort: spec.metricsPort,
    sidecars: spec.sidecars.map((s) => ({ name: s.name, image: s.image })),
    tokenContainers: ['manager', ...spec.sidecars.filter((s) => s.token).map((s) => s.name)],
    metricsService: spec.metricsService,
    networkPolicy: spec.networkPolicy,
    apiServerCidrs: spec.apiServerCidrs,
    podDisruptionBudget: spec.podDisruptionBudget,
    crds: spec.crd ? [WIDGETS_CRD] : undefined,
  };
}

function build(spec: BundleSpec, props: OperatorBundleProps = bundleProps(spec)) {
  const { app, chart } = newApp(spec.chartNamespace);
  const bundle = new OperatorBundle(chart, 'operator', props);
  return { app, bundle };
}

describe('OperatorBundle with random valid props', () => {
  test('passes the recommended pack (watch-all only with its justified, suppressed finding) and is schema-valid', async () => {
    await fc.assert(fc.asyncProperty(bundleSpec, async (spec) => {
      const manifests = manifestsOf(build(spec).app);
      const findings = recommendedFindings(manifests);
      // Writing ConfigMaps in every namespace writes kube-system's aws-auth: cluster-admin-equivalent
      // on EKS, reported one level lower (a warning) as it holds on that platform only.
      const awsAuth = spec.watch.kind === 'all' && spec.permissions.some((p) => p.kind === 'manage' && p.resources.includes('configmaps'));
      const unsuppressed = findings.filter((f) => !f.suppressed);
      expect(unsuppressed.map((f) => `${f.ruleId} ${f.severity} ${f.object.kind} ${/on EKS only/.test(f.message)}`))
        .toEqual(awsAuth ? ['rbac/cluster-admin-equivalent warning ServiceAccount true'] : []);
      const suppressed = findings.filter((f) => f.suppressed).map((f) => `${f.ruleId}: ${f.reason}`);
      // Watching all namespaces is reported (when the rule can tell the resources are namespaced),
      // and the bundle suppresses it with the written justification; authenticated metrics review
      // tokens and access (rbac/auth-delegation, info), suppressed with the bundle's reason.
      const metricsAuth = 'rbac/auth-delegation: authenticated metrics: the metrics endpoint reviews each scraper\'s token (TokenReview) and its permission to get /metrics (SubjectAccessReview)';
      const allowed = [metricsAuth, ...(spec.watch.kind === 'all' ? [`rbac/cluster-scope: ${spec.watch.justification}`] : [])];
      expect(suppressed.filter((s) => !allowed.includes(s))).toEqual([]);
      expect(suppressed.filter((s) => s !== metricsAuth).length).toBeLessThanOrEqual(1);
      expect(await schema.invalid(manifests)).toEqual([]);
    }), PARAMS);
  });

  test('two synths are byte-identical YAML', () => {
    fc.assert(fc.property(bundleSpec, (spec) => {
      expect(build(spec).app.synthYaml()).toBe(build(spec).app.synthYaml());
    }), PARAMS);
  });

  test('permissions are bound exactly in the watched namespaces; the token goes only to the token containers', () => {
    fc.assert(fc.property(bundleSpec, (spec) => {
      const { app, bundle } = build(spec);
      const manifests = manifestsOf(app);
      const namespace = spec.namespace ?? spec.chartNamespace;
      const managerBindings = manifests.filter((m) => m.kind.endsWith('Binding') && m.metadata.name === `${spec.name}-manager`);
      if (spec.watch.kind === 'all') {
        expect(managerBindings.map((b) => b.kind)).toEqual(['ClusterRoleBinding']);
      } else {
        const watched = spec.watch.kind === 'own' ? [namespace] : spec.watch.namespaces;
        expect(managerBindings.map((b) => `${b.kind}/${b.metadata.namespace}`).sort()).toEqual(watched.map((ns) => `RoleBinding/${ns}`).sort());
      }
      for (const binding of manifests.filter((m) => m.kind.endsWith('Binding'))) {
        expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: spec.name, namespace }]);
      }
      const pod = manifests.find((m) => m.kind === 'Deployment').spec.template.spec;
      const tokenVolume = pod.volumes.find((v: any) => v.projected).name;
      const holders = pod.containers.filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.name === tokenVolume)).map((c: any) => c.name);
      expect(holders.sort()).toEqual([...bundle.summary.tokenContainers].sort());
      expect(bundle.summary.tokenExpirationSeconds).toBe(spec.ttl);
    }), PARAMS);
  });
});

/** One way to break valid props, and the property the error must name. */
type Breakage = [RegExp, (props: OperatorBundleProps) => OperatorBundleProps];

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constantFrom('Bad', '-x', 'a_b', 'a'.repeat(64), '').map<Breakage>((name) => [/: name '/, (p) => ({ ...p, name })]),
  fc.constantFrom('Bad', 'a.b', '').map<Breakage>((namespace) => [/: namespace '/, (p) => ({ ...p, namespace })]),
  fc.constantFrom(0, -1, 1.5).map<Breakage>((replicas) => [/: replicas /, (p) => ({ ...p, replicas })]),
  fc.integer({ min: 2, max: 9 }).map<Breakage>((replicas) => [/: leaderElection false with/, (p) => ({ ...p, replicas, leaderElection: false })]),
  fc.constantFrom(0, 65536, 80.5).map<Breakage>((port) => [/: healthPort /, (p) => ({ ...p, healthPort: port })]),
  fc.constant<Breakage>([/: metricsPort 9000 is also the healthPort/, (p) => ({ ...p, healthPort: 9000, metricsPort: 9000 })]),
  fc.constantFrom(300, 3607, 2 ** 33).map<Breakage>((s) => [/: tokenExpiration /, (p) => ({ ...p, tokenExpiration: Duration.seconds(s) })]),
  fc.constant<Breakage>([/: permissions is empty/, (p) => ({ ...p, permissions: [] })]),
  fc.constant<Breakage>([/: permissions\[0\] .* names cluster-scoped nodes/, (p) => ({ ...p, permissions: [Permission.read(ApiResource.NODES)] })]),
  fc.constant<Breakage>([/: clusterPermissions\[0\] .* names namespaced configmaps/, (p) => ({ ...p, clusterPermissions: [Permission.read(ApiResource.CONFIG_MAPS)] })]),
  fc.constant<Breakage>([/: env.WATCH_NAMESPACE/, (p) => ({ ...p, env: { WATCH_NAMESPACE: kplus.EnvValue.fromValue('x') } })]),
  fc.constant<Breakage>([/: sidecars\[0\].name 'manager'/, (p) => ({ ...p, sidecars: [{ name: 'manager', image: 'x:1' }] })]),
  fc.constant<Breakage>([/: sidecars\[0\].name is not set/, (p) => ({ ...p, sidecars: [{ image: 'x:1' }] })]),
  fc.constant<Breakage>([/: tokenContainers names 'ghost'/, (p) => ({ ...p, tokenContainers: ['manager', 'ghost'] })]),
  fc.constant<Breakage>([/: tokenContainers \[\] leaves out 'manager'/, (p) => ({ ...p, tokenContainers: [] })]),
  fc.constant<Breakage>([/: watch lists no namespace/, (p) => ({ ...p, watch: WatchScope.namespaces([]), clusterRoleTemplate: undefined })]),
  fc.constant<Breakage>([/: watch lists namespace 'a' twice/, (p) => ({ ...p, watch: WatchScope.namespaces(['a', 'a']), clusterRoleTemplate: undefined })]),
  fc.constant<Breakage>([/: watch namespace 'A' is not a valid namespace name/, (p) => ({ ...p, watch: WatchScope.namespace('A'), clusterRoleTemplate: undefined })]),
  fc.constant<Breakage>([/: watch WatchScope.allNamespaces\(\): justification/, (p) => ({ ...p, watch: WatchScope.allNamespaces('  '), clusterRoleTemplate: undefined })]),
  fc.constant<Breakage>([/: clusterRoleTemplate true only applies/, (p) => ({ ...p, watch: WatchScope.ownNamespace(), clusterRoleTemplate: true })]),
  fc.constant<Breakage>([/: apiServerCidrs is set but networkPolicy is not true/, (p) => ({ ...p, networkPolicy: false, apiServerCidrs: ['10.0.0.0/8'] })]),
);

describe('OperatorBundle with random invalid props', () => {
  test("raises PropertyError naming the bundle's path and the property, never another error", () => {
    fc.assert(fc.property(bundleSpec, breakage, (spec, [property, apply]) => {
      let error: unknown;
      try {
        build(spec, apply(bundleProps(spec))).app.synthYaml();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PropertyError);
      expect((error as Error).message).toMatch(/^OperatorBundle 'test\/operator': /);
      expect((error as Error).message).toMatch(property);
    }), { numRuns: RUNS.construct * 2 });
  });
});

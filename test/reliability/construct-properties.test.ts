import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { anyValidTtlSeconds, RUNS } from './arbitraries';
import {
  buildDeployment, buildServiceAccount, deploymentProps, deploymentSpec, DeploymentSpec, describeFindings,
  manifestsOf, newApp, recommendedFindings, SecureWorkloadProps, serviceAccountSpec, WORKLOAD_KINDS, workloadSpecOf,
} from './construct-builders';
import { KubernetesSchema } from './kubernetes-schema';
import { PropertyError } from '../../src/errors';
import { ApiCredentials } from '../../src/identity/api-credentials';
import { SecureServiceAccount } from '../../src/identity/secure-service-account';
import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';
import { podSpecOf } from '../helpers';

/**
 * Property-based tests of the identity and workload constructs: for random valid props the
 * synthesized manifests (a) pass the `recommended` pack with zero findings, (b) are valid
 * Kubernetes objects for the independent `kubernetes-models` validators and (c) are
 * byte-identical across two synths; random invalid props raise `PropertyError`, never anything else.
 */

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

const PARAMS = { numRuns: RUNS.construct };

describe('the independent schema validator', () => {
  test('accepts a valid object and rejects invalid ones (so a pass means something)', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    };
    const problems = await schema.problems([
      deployment,
      { ...deployment, spec: { ...deployment.spec, replicas: 'two' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'] }] },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: 'false' },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
    ]);
    expect(problems[0]).toBe('');
    expect(problems[1]).toMatch(/replicas must be integer/);
    expect(problems[2]).toMatch(/must have required property 'verbs'|must have required property verbs/);
    expect(problems[3]).toMatch(/automountServiceAccountToken must be boolean/);
    expect(problems[4]).toMatch(/kubernetes-models has no schema/);
  });
});

describe('secure workloads of every kind with random valid props', () => {
  test('passes the recommended pack with zero findings and every object is schema-valid', async () => {
    const kinds = new Set<string>();
    await fc.assert(fc.asyncProperty(deploymentSpec, async (spec) => {
      // GIVEN random secure props of a random kind WHEN synthesized
      const manifests = manifestsOf(buildDeployment(spec));
      // THEN no finding, and kubernetes-models accepts every object
      expect(describeFindings(recommendedFindings(manifests))).toEqual([]);
      expect(await schema.invalid(manifests)).toEqual([]);
      expect(manifests.map((m) => m.kind)).toContain(spec.kind);
      kinds.add(spec.kind);
    }), { numRuns: RUNS.construct * 2 });
    // Every kind was drawn (the property holds for each, not just for the likely ones).
    expect([...kinds].sort()).toEqual([...WORKLOAD_KINDS].sort());
  });

  test.each(WORKLOAD_KINDS)('%s: passes the recommended pack with zero findings and is schema-valid', async (kind) => {
    await fc.assert(fc.asyncProperty(workloadSpecOf([kind]), async (spec) => {
      const manifests = manifestsOf(buildDeployment(spec));
      expect(describeFindings(recommendedFindings(manifests))).toEqual([]);
      expect(await schema.invalid(manifests)).toEqual([]);
    }), { numRuns: Math.ceil(RUNS.construct / 4) });
  });

  test('two synths of the same props are byte-identical YAML', () => {
    fc.assert(fc.property(deploymentSpec, (spec) => {
      expect(buildDeployment(spec).synthYaml()).toBe(buildDeployment(spec).synthYaml());
    }), PARAMS);
  });

  test('tokens reach exactly the containers named, with the requested lifetime', () => {
    fc.assert(fc.property(deploymentSpec, (spec) => {
      const workload = manifestsOf(buildDeployment(spec)).find((m) => m.kind === spec.kind);
      const pod = podSpecOf(workload);
      const expected = [
        ...(spec.apiAccess ? [{ audience: undefined, ttl: spec.apiAccess.ttl, containers: spec.apiAccess.containers }] : []),
        ...spec.audienceTokens.map((t) => ({ audience: t.audience, ttl: t.ttl, containers: t.containers })),
      ];
      const volumes = (pod.volumes ?? []).filter((v: any) => v.projected);
      expect(volumes).toHaveLength(expected.length);
      for (const token of expected) {
        const volume = volumes.find((v: any) => v.projected.sources[0].serviceAccountToken.audience === token.audience);
        expect(volume.projected.sources[0].serviceAccountToken.expirationSeconds).toBe(token.ttl);
        const mountedBy = [...(pod.initContainers ?? []), ...pod.containers]
          .filter((c: any) => (c.volumeMounts ?? []).some((m: any) => m.name === volume.name && m.readOnly === true))
          .map((c: any) => c.name);
        expect(mountedBy.sort()).toEqual([...token.containers].sort());
      }
      expect(pod.automountServiceAccountToken).toBe(false);
    }), PARAMS);
  });

  test('any lifetime Kubernetes accepts is schema-valid; above 3600 s only token/projected-ttl reports it', async () => {
    const spec = fc.tuple(deploymentSpec, anyValidTtlSeconds).map(([s, ttl]): DeploymentSpec => ({
      ...s,
      apiAccess: { containers: [s.containers[0].name], ttl },
      audienceTokens: [],
      grants: s.grants.length > 0 ? s.grants : [{ permissions: [{ kind: 'events', resources: [], names: [] }] }],
    }));
    await fc.assert(fc.asyncProperty(spec, async (s) => {
      const manifests = manifestsOf(buildDeployment(s));
      expect(await schema.invalid(manifests)).toEqual([]);
      const ids = recommendedFindings(manifests).map((f) => f.ruleId);
      expect(ids).toEqual(s.apiAccess!.ttl > 3600 ? ['token/projected-ttl'] : []);
    }), PARAMS);
  });
});

describe('SecureServiceAccount with random valid props', () => {
  test('passes the recommended pack, is schema-valid (with its Roles and bindings) and deterministic', async () => {
    await fc.assert(fc.asyncProperty(serviceAccountSpec, async (spec) => {
      const app = buildServiceAccount(spec);
      const manifests = manifestsOf(app);
      expect(describeFindings(recommendedFindings(manifests))).toEqual([]);
      expect(await schema.invalid(manifests)).toEqual([]);
      const sa = manifests.find((m) => m.kind === 'ServiceAccount');
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(sa.secrets).toBeUndefined();
      expect((sa.imagePullSecrets ?? []).map((s: any) => s.name)).toEqual(spec.pullSecrets);
      expect(buildServiceAccount(spec).synthYaml()).toBe(app.synthYaml());
    }), PARAMS);
  });
});

/** One way to break valid props, and the property the error must name. */
interface Breakage {
  readonly property: RegExp;
  readonly apply: (props: SecureWorkloadProps, spec: DeploymentSpec) => SecureWorkloadProps;
}

function withContainer(props: SecureWorkloadProps, securityContext: kplus.ContainerSecurityContextProps): SecureWorkloadProps {
  const [first, ...rest] = props.containers!;
  return { ...props, containers: [{ ...first, securityContext: { ...first.securityContext, ...securityContext } }, ...rest] };
}

/** A lifetime in milliseconds that Kubernetes refuses (or that is the 3607 s sentinel). */
const badTtlMillis = fc.oneof(
  fc.integer({ min: 0, max: 599 }).map((s) => s * 1000),
  fc.integer({ min: 2 ** 32 + 1, max: 2 ** 40 }).map((s) => s * 1000),
  fc.constant(3607_000),
  fc.integer({ min: 600_001, max: 3_999_999 }).filter((ms) => ms % 1000 !== 0),
);

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  fc.constant<Breakage>({ property: /automountServiceAccountToken/, apply: (p) => ({ ...p, automountServiceAccountToken: true }) }),
  fc.constant<Breakage>({ property: /hostNetwork/, apply: (p) => ({ ...p, hostNetwork: true }) }),
  fc.constant<Breakage>({ property: /securityContext\.user/, apply: (p) => ({ ...p, securityContext: { user: 0 } }) }),
  fc.constant<Breakage>({ property: /securityContext\.ensureNonRoot/, apply: (p) => ({ ...p, securityContext: { ensureNonRoot: false } }) }),
  fc.constant<Breakage>({ property: /securityContext\.privileged/, apply: (p) => withContainer(p, { privileged: true }) }),
  fc.constant<Breakage>({ property: /allowPrivilegeEscalation/, apply: (p) => withContainer(p, { allowPrivilegeEscalation: true }) }),
  fc.constant<Breakage>({ property: /containers\['.*'\]\.securityContext\.user/, apply: (p) => withContainer(p, { user: 0 }) }),
  fc.constant<Breakage>({ property: /seccompProfile/, apply: (p) => withContainer(p, { seccompProfile: { type: kplus.SeccompProfileType.UNCONFINED } }) }),
  fc.constantFrom(kplus.Capability.SYS_ADMIN, kplus.Capability.NET_RAW, kplus.Capability.ALL).map<Breakage>((cap) => ({
    property: /capabilities\.add/, apply: (p) => withContainer(p, { capabilities: { add: [cap] } }),
  })),
  badTtlMillis.map<Breakage>((ms) => ({
    property: /apiAccess\.expiration/,
    apply: (p, s) => ({ ...p, apiAccess: { containers: [s.containers[0].name], expiration: Duration.millis(ms) } }),
  })),
  badTtlMillis.map<Breakage>((ms) => ({
    property: /audienceTokens\['vault'\]\.expiration/,
    apply: (p, s) => ({ ...p, audienceTokens: [{ audience: 'vault', containers: [s.containers[0].name], expiration: Duration.millis(ms) }] }),
  })),
  fc.constant<Breakage>({ property: /containers is empty/, apply: (p) => ({ ...p, apiAccess: { containers: [] } }) }),
  fc.constant<Breakage>({ property: /containers names 'no-such-container'/, apply: (p) => ({ ...p, apiAccess: { containers: ['no-such-container'] } }) }),
  fc.constant<Breakage>({ property: /containers names '.*' twice/, apply: (p, s) => ({ ...p, apiAccess: { containers: [s.containers[0].name, s.containers[0].name] } }) }),
  fc.constantFrom('', ' ', '\t').map<Breakage>((aud) => ({
    property: /audience '\s*' is empty/, apply: (p, s) => ({ ...p, audienceTokens: [{ audience: aud, containers: [s.containers[0].name] }] }),
  })),
  fc.constant<Breakage>({
    property: /audienceTokens names audience 'vault' twice/,
    apply: (p, s) => ({ ...p, audienceTokens: [{ audience: 'vault', containers: [s.containers[0].name] }, { audience: 'vault', containers: [s.containers[0].name], volumeName: 'other' }] }),
  }),
  fc.constantFrom('Bad_Name', 'kube-api-access-x', '-x', 'a'.repeat(64), '').map<Breakage>((volumeName) => ({
    property: /volumeName/, apply: (p, s) => ({ ...p, audienceTokens: [{ audience: 'vault', containers: [s.containers[0].name], volumeName }] }),
  })),
  fc.constantFrom('a/b', '', '..x', '/token').map<Breakage>((fileName) => ({
    property: /fileName/, apply: (p, s) => ({ ...p, audienceTokens: [{ audience: 'vault', containers: [s.containers[0].name], fileName }] }),
  })),
  fc.constantFrom('relative/path', 'tokens', '').map<Breakage>((mountPath) => ({
    property: /mountPath/, apply: (p, s) => ({ ...p, audienceTokens: [{ audience: 'vault', containers: [s.containers[0].name], mountPath }] }),
  })),
);

/** The message shape every construct validation error has: `Type 'path': property problem`. */
const ERROR_SHAPE = /^(Secure(Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod)|ApiCredentials|SecureServiceAccount) 'test\/web[^']*': \S+/;

describe('random invalid props', () => {
  test('every secure workload kind raises PropertyError naming the path and property, never another error', () => {
    fc.assert(fc.property(deploymentSpec, breakage, (spec, broken) => {
      const props = broken.apply(deploymentProps(spec), spec);
      let error: unknown;
      try {
        buildDeployment(spec, props).synthYaml();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PropertyError);
      expect((error as Error).message).toMatch(ERROR_SHAPE);
      expect((error as Error).message).toMatch(new RegExp(`^(Secure${spec.kind}|ApiCredentials) `));
      expect((error as Error).message).toMatch(broken.property);
    }), { numRuns: RUNS.construct * 3 });
  });

  test('any string for audience, volumeName, fileName or mountPath: PropertyError or a schema-valid manifest', async () => {
    const anyText = fc.oneof(fc.string({ maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('/', '//', '/a/../b', 'a\u0000b'));
    const field = fc.constantFrom('audience', 'volumeName', 'fileName', 'mountPath');
    await fc.assert(fc.asyncProperty(deploymentSpec, field, anyText, async (spec, name, value) => {
      const token = { audience: 'vault', containers: [spec.containers[0].name], [name]: value };
      let manifests: any[] | undefined;
      try {
        manifests = manifestsOf(buildDeployment({ ...spec, audienceTokens: [] }, { ...deploymentProps(spec), audienceTokens: [token] }));
      } catch (e) {
        expect(e).toBeInstanceOf(PropertyError);
        expect((e as Error).message).toMatch(ERROR_SHAPE);
        return;
      }
      expect(await schema.invalid(manifests)).toEqual([]);
    }), PARAMS);
  });

  test('any whole-second lifetime: accepted exactly in 600..2^32 except 3607, otherwise PropertyError', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 33 }), (seconds) => {
      const { chart } = newApp('apps');
      const deployment = new kplus.Deployment(chart, 'web', { containers: [{ name: 'c', image: 'x:1' }] });
      const valid = seconds >= 600 && seconds <= 2 ** 32 && seconds !== 3607;
      let error: unknown;
      try {
        new ApiCredentials(deployment, 'creds', { containers: ['c'], expiration: Duration.seconds(seconds) });
      } catch (e) {
        error = e;
      }
      if (valid) expect(error).toBeUndefined();
      else expect(error).toBeInstanceOf(PropertyError);
    }), { numRuns: RUNS.construct * 5 });
  });

  test('SecureServiceAccount grants with a bad permission or namespace raise PropertyError from the grant', () => {
    const badPermission: fc.Arbitrary<[RegExp, () => Permission]> = fc.oneof(
      fc.constantFrom('fetch', 'GET', 'read', '').map((verb): [RegExp, () => Permission] => [/is not a Kubernetes verb|verbs is empty/, () => Permission.custom({ resources: [ApiResource.PODS], verbs: verb ? [verb] : [] })]),
      fc.constantFrom('deployment', 'Pods', 'pods/log/x', 'a b').map((resource): [RegExp, () => Permission] => [/resource '.*' must be/, () => Permission.read(ApiResource.custom({ apiGroup: '', resource }))]),
      fc.constantFrom('Example.com', '-x', 'a_b').map((apiGroup): [RegExp, () => Permission] => [/apiGroup '.*' is not a valid API group/, () => Permission.read(ApiResource.custom({ apiGroup, resource: 'widgets' }))]),
      fc.constant<[RegExp, () => Permission]>([/is a wildcard/, () => Permission.custom({ resources: [ApiResource.PODS], verbs: ['*'] })]),
      fc.constantFrom('create', 'deletecollection').map((verb): [RegExp, () => Permission] => [/resourceNames never match verbs/, () => Permission.custom({ resources: [ApiResource.CONFIG_MAPS], verbs: [verb], resourceNames: ['x'] })]),
      fc.constant<[RegExp, () => Permission]>([/resources is empty/, () => Permission.read()]),
      fc.constant<[RegExp, () => Permission]>([/carries the risk rbac\/secrets-access/, () => Permission.read(ApiResource.SECRETS)]),
      fc.constant<[RegExp, () => Permission]>([/carries the risk rbac\/create-pods/, () => Permission.manage(ApiResource.DEPLOYMENTS)]),
    );
    fc.assert(fc.property(serviceAccountSpec, badPermission, fc.boolean(), (spec, [problem, permission], inNamespaces) => {
      const { chart } = newApp(spec.namespace);
      const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'worker' } });
      const attempt = () => (inNamespaces ? sa.grantInNamespaces(['a', 'b'], permission()) : sa.grant(permission()));
      expect(attempt).toThrow(PropertyError);
      expect(attempt).toThrow(/^RoleGrant 'test\/sa\/Grant-worker-[0-9a-f]{8}': permissions\[0\] /);
      expect(attempt).toThrow(problem);
    }), PARAMS);
    fc.assert(fc.property(fc.constantFrom('A', 'a_b', '-a', '', 'a'.repeat(64)), (namespace) => {
      const { chart } = newApp('apps');
      const sa = new SecureServiceAccount(chart, 'sa', { metadata: { name: 'worker' } });
      expect(() => sa.grantInNamespaces([namespace], Permission.read(ApiResource.CONFIG_MAPS))).toThrow(PropertyError);
      expect(() => sa.grantInNamespaces([namespace], Permission.read(ApiResource.CONFIG_MAPS))).toThrow(/grantScope namespace '.*' is not a valid namespace name/);
    }), { numRuns: 10 });
  });

  test("SecureServiceAccount refuses the name 'default' and any Secret, with PropertyError", () => {
    fc.assert(fc.property(fc.constantFrom('apps', 'ops', 'default'), fc.boolean(), (namespace, viaSecret) => {
      const attempt = () => {
        const { chart } = newApp(namespace);
        if (viaSecret) {
          new SecureServiceAccount(chart, 'sa', { metadata: { name: 'ok' } }).addSecret(kplus.Secret.fromSecretName(chart, 's', 'token'));
        } else {
          new SecureServiceAccount(chart, 'sa', { metadata: { name: 'default' } });
        }
      };
      expect(attempt).toThrow(PropertyError);
      expect(attempt).toThrow(viaSecret ? /^SecureServiceAccount 'test\/sa': secrets cannot hold 'token'/ : /^SecureServiceAccount 'test\/sa': metadata.name 'default' is refused/);
    }), { numRuns: 6 });
  });
});

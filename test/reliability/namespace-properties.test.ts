import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { namespaceName, RUNS } from './arbitraries';
import { applyGrant, deploymentProps, deploymentSpec, describeFindings, manifestsOf, newApp, newWorkload, recommendedFindings } from './construct-builders';
import { KubernetesSchema } from './kubernetes-schema';
import { PropertyError } from '../../src/errors';
import { DefaultDenyTraffic, SecureNamespace } from '../../src/workloads/secure-namespace';

/**
 * Property-based tests of `SecureNamespace`, alone and with a random secure workload in it: for
 * random valid options the manifests pass `recommended` with zero findings, are valid for
 * `kubernetes-models` and are byte-identical across two synths; a request above its limit is a
 * PropertyError.
 */

let schema: KubernetesSchema;
beforeAll(() => { schema = KubernetesSchema.start(); });
afterAll(() => schema.close());

const PARAMS = { numRuns: RUNS.construct };

interface NamespaceSpec {
  readonly name: string;
  readonly version: string;
  readonly defaultDeny?: DefaultDenyTraffic;
  /** [request, limit] pairs with request <= limit, or undefined. */
  readonly cpuMillis?: [number, number];
  readonly memoryMib?: [number, number];
  readonly pods?: number;
}

const orderedPair = (max: number) => fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 0, max })).map(([a, b]): [number, number] => [a, a + b]);

const namespaceSpec: fc.Arbitrary<NamespaceSpec> = fc.record({
  name: namespaceName,
  version: fc.oneof(fc.constant('latest'), fc.integer({ min: 0, max: 40 }).map((minor) => `v1.${minor}`)),
  defaultDeny: fc.option(fc.constantFrom(DefaultDenyTraffic.INGRESS, DefaultDenyTraffic.INGRESS_AND_EGRESS), { nil: undefined }),
  cpuMillis: fc.option(orderedPair(4000), { nil: undefined }),
  memoryMib: fc.option(orderedPair(8192), { nil: undefined }),
  pods: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
}, { requiredKeys: ['name', 'version'] });

function build(spec: NamespaceSpec, withWorkload?: typeof deploymentSpec extends fc.Arbitrary<infer T> ? T : never) {
  const { app, chart } = newApp(spec.name);
  new SecureNamespace(chart, 'ns', {
    podSecurityVersion: spec.version,
    defaultDeny: spec.defaultDeny,
    containerDefaults: spec.cpuMillis || spec.memoryMib ? {
      cpu: spec.cpuMillis ? { request: kplus.Cpu.millis(spec.cpuMillis[0]), limit: kplus.Cpu.millis(spec.cpuMillis[1]) } : undefined,
      memory: spec.memoryMib ? { request: Size.mebibytes(spec.memoryMib[0]), limit: Size.mebibytes(spec.memoryMib[1]) } : undefined,
    } : undefined,
    resourceQuota: spec.pods !== undefined ? { pods: spec.pods } : undefined,
  });
  if (withWorkload) {
    const workload = newWorkload(withWorkload.kind, chart, 'web', deploymentProps(withWorkload));
    for (const grant of withWorkload.grants) applyGrant(workload.secureServiceAccount, grant);
  }
  return app;
}

describe('SecureNamespace with random valid options', () => {
  test('alone and with a random secure workload in it: zero findings, schema-valid, restricted labels, deterministic', async () => {
    await fc.assert(fc.asyncProperty(namespaceSpec, fc.option(deploymentSpec, { nil: undefined }), async (spec, workload) => {
      const app = build(spec, workload);
      const manifests = manifestsOf(app);
      expect(describeFindings(recommendedFindings(manifests))).toEqual([]);
      expect(await schema.invalid(manifests)).toEqual([]);
      const [namespace, defaultSa] = manifests;
      expect(namespace.kind).toBe('Namespace');
      for (const mode of ['enforce', 'audit', 'warn']) {
        expect(namespace.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
        expect(namespace.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe(spec.version);
      }
      expect(defaultSa).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: spec.name }, automountServiceAccountToken: false });
      expect(build(spec, workload).synthYaml()).toBe(app.synthYaml());
    }), PARAMS);
  });

  test('a default request above its limit is a PropertyError naming the resource', () => {
    fc.assert(fc.property(namespaceSpec, orderedPair(4000).filter(([a, b]) => a < b), fc.boolean(), (spec, [low, high], cpu) => {
      const { chart } = newApp(spec.name);
      const attempt = () => new SecureNamespace(chart, 'ns', {
        containerDefaults: cpu
          ? { cpu: { request: kplus.Cpu.millis(high), limit: kplus.Cpu.millis(low) } }
          : { memory: { request: Size.mebibytes(high), limit: Size.mebibytes(low) } },
      });
      expect(attempt).toThrow(PropertyError);
      expect(attempt).toThrow(new RegExp(`^SecureNamespace 'test/ns': containerDefaults\\.${cpu ? 'cpu' : 'memory'} request \\S+ is above the limit`));
    }), PARAMS);
  });
});

import { App, Chart, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  acceptedTtlSeconds, audience, distinctLabels, dnsLabel, namespaceName, pinnedImage, tokenHolders,
} from './arbitraries';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Finding } from '../../src/compliance/model';
import { SecureServiceAccount } from '../../src/identity/secure-service-account';
import { ApiResource } from '../../src/rbac/api-resource';
import { Permission } from '../../src/rbac/permission';
import { SecureCronJob } from '../../src/workloads/secure-cron-job';
import { SecureDaemonSet } from '../../src/workloads/secure-daemon-set';
import { SecureDeployment } from '../../src/workloads/secure-deployment';
import { SecureJob } from '../../src/workloads/secure-job';
import { SecurePod } from '../../src/workloads/secure-pod';
import type { SecurePodOptions } from '../../src/workloads/secure-pod-options';
import { SecureStatefulSet } from '../../src/workloads/secure-stateful-set';

/**
 * Construct props as plain data (so fast-check can print and shrink them) and the builders that
 * turn them into a synthesized app. Every spec generated here is valid, secure input.
 */

/** A permission with no catalogued risk: granting it needs no justification and yields no finding. */
export interface PermissionSpec {
  readonly kind: 'read' | 'manage' | 'updateStatus' | 'events' | 'leaderElection' | 'getNamed';
  readonly resources: string[];
  readonly names: string[];
}

const READABLE = ['configmaps', 'services', 'endpoints', 'pods', 'deployments', 'jobs', 'ingresses', 'leases', 'events', 'namespaces', 'nodes'];
const MANAGEABLE = ['configmaps', 'services', 'leases', 'ingresses', 'networkpolicies', 'persistentvolumeclaims', 'endpointslices', 'poddisruptionbudgets'];

const CRD = ApiResource.custom({ apiGroup: 'example.com', resource: 'widgets' });

const none = fc.constant<string[]>([]);
export const safePermission: fc.Arbitrary<PermissionSpec> = fc.oneof(
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('read'), resources: fc.subarray(READABLE, { minLength: 1, maxLength: 3 }), names: none }),
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('manage'), resources: fc.subarray(MANAGEABLE, { minLength: 1, maxLength: 3 }), names: none }),
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('updateStatus'), resources: fc.constant<string[]>(['widgets']), names: none }),
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('events'), resources: none, names: none }),
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('leaderElection'), resources: none, names: none }),
  fc.record({ kind: fc.constant<PermissionSpec['kind']>('getNamed'), resources: fc.constant<string[]>(['configmaps']), names: distinctLabels(1, 3) }),
);

export function toPermission(spec: PermissionSpec): Permission {
  const resources = spec.resources.map((r) => (r === 'widgets' ? CRD : ApiResource.of(r)));
  switch (spec.kind) {
    case 'read': return Permission.read(...resources);
    case 'manage': return Permission.manage(...resources);
    case 'updateStatus': return Permission.updateStatus(...resources);
    case 'events': return Permission.events();
    case 'leaderElection': return Permission.leaderElection();
    case 'getNamed': return Permission.getNamed(resources[0], ...spec.names);
  }
}

/** Where a ServiceAccount's permissions hold: its own namespace, or a list of namespaces. */
export interface GrantSpec {
  readonly namespaces?: string[];
  readonly permissions: PermissionSpec[];
}

export const grantSpec: fc.Arbitrary<GrantSpec> = fc.record({
  namespaces: fc.option(fc.uniqueArray(namespaceName, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  permissions: fc.array(safePermission, { minLength: 1, maxLength: 4 }),
});

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  readonly user?: number;
  readonly netBindService: boolean;
}

export interface TokenSpec {
  readonly audience: string;
  readonly containers: string[];
  readonly ttl: number;
}

/** Every secure workload kind: each property of a spec holds for all of them. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'] as const;
export type WorkloadKind = typeof WORKLOAD_KINDS[number];

/** The props every secure workload kind takes (`replicas` only matters to Deployment and StatefulSet). */
export type SecureWorkloadProps = kplus.WorkloadProps & SecurePodOptions & { readonly replicas?: number };

/** A secure workload of any kind (the name stays from when there was only SecureDeployment). */
export interface DeploymentSpec {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly replicas: number;
  readonly podUser?: number;
  readonly containers: ContainerSpec[];
  readonly initContainers: ContainerSpec[];
  readonly apiAccess?: { containers: string[]; ttl: number };
  readonly audienceTokens: TokenSpec[];
  readonly grants: GrantSpec[];
}

const nonRootId = fc.integer({ min: 1, max: 2 ** 31 - 1 });

function containerSpecs(names: string[], first: number): fc.Arbitrary<ContainerSpec[]> {
  return fc.tuple(...names.map((name, i) => fc.record({
    name: fc.constant(name),
    image: pinnedImage,
    port: fc.option(fc.constant(8000 + first + i), { nil: undefined }),
    user: fc.option(nonRootId, { nil: undefined }),
    netBindService: fc.boolean(),
  }, { requiredKeys: ['name', 'image', 'netBindService'] })));
}

/** The volume name ApiCredentials derives from an audience (two audiences must not share one). */
function audienceLabel(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** A secure workload of one of `kinds`: 1-4 containers, 0-2 init containers, tokens only where needed. */
export const workloadSpecOf = (kinds: readonly WorkloadKind[]): fc.Arbitrary<DeploymentSpec> => fc
  .tuple(distinctLabels(1, 6), fc.integer({ min: 1, max: 4 }))
  .chain(([names, split]) => {
    const regular = names.slice(0, Math.min(split, names.length));
    const init = names.slice(regular.length, regular.length + 2);
    return fc.record({
      kind: fc.constantFrom(...kinds),
      namespace: namespaceName,
      replicas: fc.integer({ min: 0, max: 10 }),
      podUser: fc.option(nonRootId, { nil: undefined }),
      containers: containerSpecs(regular, 0),
      initContainers: containerSpecs(init, regular.length),
      apiAccess: fc.option(fc.record({ containers: tokenHolders(regular), ttl: acceptedTtlSeconds }), { nil: undefined }),
      audienceTokens: fc.uniqueArray(
        fc.record({ audience: audience.filter((a) => audienceLabel(a) !== ''), containers: tokenHolders(regular), ttl: acceptedTtlSeconds }),
        { maxLength: 2, selector: (t) => audienceLabel(t.audience) },
      ),
      grants: fc.array(grantSpec, { maxLength: 2 }),
    }, { requiredKeys: ['kind', 'namespace', 'replicas', 'containers', 'initContainers', 'audienceTokens', 'grants'] });
  })
  // cdk8s-plus derives a StatefulSet's headless Service from the container ports: it needs one.
  .map((spec) => (spec.kind === 'StatefulSet' && !spec.containers.some((c) => c.port !== undefined)
    ? { ...spec, containers: [{ ...spec.containers[0], port: 8000 }, ...spec.containers.slice(1)] }
    : spec))
  // A pod with an API token must be able to do something with it (`token/unnecessary-token`).
  .map((spec) => (spec.apiAccess && spec.grants.length === 0
    ? { ...spec, grants: [{ permissions: [{ kind: 'events' as const, resources: [], names: [] }] }] }
    : spec));

/** A secure workload of any kind. */
export const deploymentSpec = workloadSpecOf(WORKLOAD_KINDS);

function containerProps(spec: ContainerSpec): kplus.ContainerProps {
  return {
    name: spec.name,
    image: spec.image,
    portNumber: spec.port,
    securityContext: {
      user: spec.user,
      capabilities: spec.netBindService ? { add: [kplus.Capability.NET_BIND_SERVICE] } : undefined,
    },
  };
}

/** The secure workload props a spec stands for. */
export function deploymentProps(spec: DeploymentSpec): SecureWorkloadProps {
  return {
    replicas: spec.replicas,
    securityContext: spec.podUser !== undefined ? { user: spec.podUser } : undefined,
    containers: spec.containers.map(containerProps),
    initContainers: spec.initContainers.map(containerProps),
    apiAccess: spec.apiAccess ? { containers: spec.apiAccess.containers, expiration: Duration.seconds(spec.apiAccess.ttl) } : undefined,
    audienceTokens: spec.audienceTokens.map((t) => ({ audience: t.audience, containers: t.containers, expiration: Duration.seconds(t.ttl) })),
  };
}

/** A fresh app with one chart (path `test`) in the spec's namespace. */
export function newApp(namespace: string): { app: App; chart: Chart } {
  const app = new App({ outdir: '/nonexistent-never-written' });
  return { app, chart: new Chart(app, 'test', { namespace }) };
}

/** The secure workload of this kind. */
export function newWorkload(kind: WorkloadKind, scope: Chart, id: string, props: SecureWorkloadProps) {
  switch (kind) {
    case 'Deployment': return new SecureDeployment(scope, id, props);
    case 'StatefulSet': return new SecureStatefulSet(scope, id, props);
    case 'DaemonSet': return new SecureDaemonSet(scope, id, props);
    case 'Job': return new SecureJob(scope, id, props);
    case 'CronJob': return new SecureCronJob(scope, id, { ...props, schedule: Cron.daily() });
    case 'Pod': return new SecurePod(scope, id, props);
  }
}

/** Builds the workload of the spec's kind (and its grants) in a fresh app. */
export function buildDeployment(spec: DeploymentSpec, props: SecureWorkloadProps = deploymentProps(spec)): App {
  const { app, chart } = newApp(spec.namespace);
  const workload = newWorkload(spec.kind, chart, 'web', props);
  for (const grant of spec.grants) applyGrant(workload.secureServiceAccount, grant);
  return app;
}

export function applyGrant(serviceAccount: SecureServiceAccount, grant: GrantSpec): void {
  const permissions = grant.permissions.map(toPermission);
  if (grant.namespaces) serviceAccount.grantInNamespaces(grant.namespaces, ...permissions);
  else serviceAccount.grant(...permissions);
}

export interface ServiceAccountSpec {
  readonly namespace: string;
  readonly name?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly pullSecrets: string[];
  readonly grants: GrantSpec[];
}

export const serviceAccountSpec: fc.Arbitrary<ServiceAccountSpec> = fc.record({
  namespace: namespaceName,
  name: fc.option(dnsLabel.filter((n) => n !== 'default'), { nil: undefined }),
  labels: fc.dictionary(fc.stringMatching(/^[a-z]([a-z0-9.-]{0,10}[a-z0-9])?$/), fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,10}[A-Za-z0-9])?$/), { maxKeys: 3 }),
  annotations: fc.dictionary(fc.stringMatching(/^[a-z]([a-z0-9.-]{0,10}[a-z0-9])?$/), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
  pullSecrets: distinctLabels(0, 3),
  grants: fc.array(grantSpec, { maxLength: 3 }),
}, { requiredKeys: ['namespace', 'labels', 'annotations', 'pullSecrets', 'grants'] });

/** Builds the ServiceAccount (and its grants) in a fresh app. */
export function buildServiceAccount(spec: ServiceAccountSpec): App {
  const { app, chart } = newApp(spec.namespace);
  const sa = new SecureServiceAccount(chart, 'sa', {
    // `name: undefined` must be left out: cdk8s's ApiObject spreads metadata over the generated
    // name, so an explicit undefined emits a ServiceAccount without metadata.name (reported).
    metadata: { ...(spec.name !== undefined ? { name: spec.name } : {}), labels: spec.labels, annotations: spec.annotations },
    imagePullSecrets: spec.pullSecrets.map((name) => kplus.Secret.fromSecretName(chart, `pull-${name}`, name)),
  });
  for (const grant of spec.grants) applyGrant(sa, grant);
  return app;
}

/** Every manifest of every chart, in synth order. */
export function manifestsOf(app: App): any[] {
  return app.charts.flatMap((chart) => chart.toJson());
}

/** The findings of the `recommended` pack (defaults) on these manifests. */
export function recommendedFindings(manifests: readonly any[]): Finding[] {
  return new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map((manifest) => ({ manifest }))).findings;
}

/** `ruleId object: message` lines, readable in a failed assertion. */
export function describeFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}: ${f.message}`);
}

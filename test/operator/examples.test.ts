import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import * as yaml from 'yaml';
import { BACKUP_CRD, CLUSTER_WIDE_REASON } from '../../examples/operator-cluster-wide/app';
import { TEAM_NAMESPACES } from '../../examples/operator-multi-namespace/app';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Report } from '../../src/compliance/model';
import { allContainers, Json, ofKind, onlyOfKind, podSpecOf } from '../helpers';

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** The reason the operator bundle gives for its metrics-auth role (rbac/auth-delegation, info). */
const METRICS_AUTH_REASON = 'authenticated metrics: the metrics endpoint reviews each scraper\'s token (TokenReview) and its permission to get /metrics (SubjectAccessReview)';

interface Synthesized {
  readonly manifests: Json[];
  readonly report: Report;
  readonly markdownReport: string;
}

/** Synthesizes an example the way `cdk8s synth` does, and checks what it wrote with the `recommended` pack. */
function synthExample(name: string): Synthesized {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const createApp: (outdir?: string) => App = require(path.join(EXAMPLES_DIR, name, 'app')).createApp;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  createApp(outdir).synth();
  const files = fs.readdirSync(outdir);
  const manifests = files.filter(f => f.endsWith('.k8s.yaml'))
    .flatMap(f => yaml.parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf-8')).map(d => d.toJSON()))
    .filter(m => m !== null);
  const report = new ComplianceEngine({ packs: ['recommended'] }).check(manifests.map(manifest => ({ manifest })));
  const markdown = files.find(f => f.endsWith('.md'));
  return { manifests, report, markdownReport: markdown ? fs.readFileSync(path.join(outdir, markdown), 'utf-8') : '' };
}

const namespaced = synthExample('operator-namespaced');
const multiNamespace = synthExample('operator-multi-namespace');
const clusterWide = synthExample('operator-cluster-wide');
const ALL: Array<[string, Synthesized]> = [
  ['operator-namespaced', namespaced],
  ['operator-multi-namespace', multiNamespace],
  ['operator-cluster-wide', clusterWide],
];

function managerOf(manifests: Json[]): Json {
  return podSpecOf(onlyOfKind(manifests, 'Deployment')).containers.find((c: Json) => c.name === 'manager');
}

function watchNamespaceOf(manifests: Json[]): Json {
  return managerOf(manifests).env.find((e: Json) => e.name === 'WATCH_NAMESPACE');
}

describe('operator examples pass the recommended pack', () => {
  test.each(ALL)('%s: zero unsuppressed findings, no input error', (_name, { report }) => {
    expect(report.inputErrors).toEqual([]);
    expect(report.findings.filter(f => !f.suppressed).map(f => `${f.ruleId} ${f.object.kind}/${f.object.name}: ${f.message}`)).toEqual([]);
  });

  test('the namespaced and multi-namespace operators need no suppression but the metrics token reviews (rbac/auth-delegation, info), with their reason', () => {
    for (const { report } of [namespaced, multiNamespace]) {
      expect(report.findings.map(f => [f.ruleId, f.object.kind, f.suppressed, f.reason])).toEqual([
        ['rbac/auth-delegation', 'ClusterRole', true, METRICS_AUTH_REASON],
        ['rbac/auth-delegation', 'ClusterRole', true, METRICS_AUTH_REASON],
      ]);
    }
  });

  test('the all-namespaces operator: its ClusterRoleBinding is reported as suppressed, with the reason shown', () => {
    expect(clusterWide.report.findings.map(f => [f.ruleId, f.object.kind, f.object.name, f.suppressed, f.reason])).toEqual([
      ['rbac/cluster-scope', 'ClusterRoleBinding', 'backup-operator-manager', true, CLUSTER_WIDE_REASON],
      ['rbac/auth-delegation', 'ClusterRole', 'backup-operator-metrics-auth', true, METRICS_AUTH_REASON],
      ['rbac/auth-delegation', 'ClusterRole', 'backup-operator-metrics-auth', true, METRICS_AUTH_REASON],
    ]);
    expect(clusterWide.markdownReport).toContain('Suppressed findings (3)');
    expect(clusterWide.markdownReport).toContain(`reason: ${CLUSTER_WIDE_REASON}`);
  });

  test.each(ALL)('%s: Guardrails wrote a Markdown report next to the YAML', (_name, { markdownReport }) => {
    expect(markdownReport).toContain('## cdk8s-guardrails compliance report');
  });
});

describe('operator examples grant least privilege', () => {
  test.each(ALL)('%s: no * in any rule of any Role or ClusterRole', (_name, { manifests }) => {
    const rules = [...ofKind(manifests, 'Role'), ...ofKind(manifests, 'ClusterRole')].flatMap(r => r.rules);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect([...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.nonResourceURLs ?? []), ...rule.verbs, ...(rule.resourceNames ?? [])]).not.toContain('*');
    }
  });

  test.each(ALL)('%s: the API token is mounted into the manager only, for 3600 s or the requested TTL', (name, { manifests }) => {
    const spec = podSpecOf(onlyOfKind(manifests, 'Deployment'));
    const tokenVolumes = spec.volumes.filter((v: Json) => v.projected?.sources.some((s: Json) => s.serviceAccountToken));
    expect(tokenVolumes).toHaveLength(1);
    const expected = name === 'operator-multi-namespace' ? 1800 : 3600;
    expect(tokenVolumes[0].projected.sources[0].serviceAccountToken.expirationSeconds).toBe(expected);
    const mounting = allContainers(spec).filter(c => (c.volumeMounts ?? []).some((m: Json) => m.name === tokenVolumes[0].name));
    expect(mounting.map(c => c.name)).toEqual(['manager']);
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('multi-namespace: the sidecar runs without any token', () => {
    const spec = podSpecOf(onlyOfKind(multiNamespace.manifests, 'Deployment'));
    expect(spec.containers.map((c: Json) => c.name)).toEqual(['manager', 'otel-agent']);
    expect(spec.containers[1].volumeMounts).toBeUndefined();
  });

  test('namespaced: WATCH_NAMESPACE is the pod namespace; one Role and RoleBinding, in it', () => {
    expect(watchNamespaceOf(namespaced.manifests)).toEqual({ name: 'WATCH_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } });
    expect(ofKind(namespaced.manifests, 'Role').map(r => `${r.metadata.namespace}/${r.metadata.name}`)).toEqual(['memcached-system/memcached-operator-manager']);
    expect(ofKind(namespaced.manifests, 'RoleBinding').map(r => r.metadata.namespace)).toEqual(['memcached-system']);
    // the only ClusterRoleBinding is for authenticated metrics: TokenReviews and SubjectAccessReviews
    expect(ofKind(namespaced.manifests, 'ClusterRoleBinding').map(b => b.roleRef.name)).toEqual(['memcached-operator-metrics-auth']);
  });

  test('multi-namespace: a Role and a RoleBinding per team namespace, WATCH_NAMESPACE lists them, leader election at home', () => {
    expect(watchNamespaceOf(multiNamespace.manifests)).toEqual({ name: 'WATCH_NAMESPACE', value: 'team-a,team-b,team-c' });
    const managerObjects = (kind: string) => ofKind(multiNamespace.manifests, kind).filter(o => o.metadata.name === 'database-operator-manager').map(o => o.metadata.namespace);
    expect(managerObjects('Role')).toEqual(TEAM_NAMESPACES);
    expect(managerObjects('RoleBinding')).toEqual(TEAM_NAMESPACES);
    const leader = ofKind(multiNamespace.manifests, 'Role').find(r => r.metadata.name === 'database-operator-leader-election')!;
    expect(leader.metadata.namespace).toBe('platform-operators');
    expect(leader.rules).toEqual([
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
    ]);
    expect(managerOf(multiNamespace.manifests).args).toContain('--leader-elect');
    // the only ClusterRoleBindings are for reading namespaces (cluster-scoped) and authenticated metrics
    expect(ofKind(multiNamespace.manifests, 'ClusterRoleBinding').map(b => b.roleRef.name)).toEqual(['database-operator-cluster', 'database-operator-metrics-auth']);
    const clusterRole = (name: string) => ofKind(multiNamespace.manifests, 'ClusterRole').find(r => r.metadata.name === name)!;
    expect(clusterRole('database-operator-cluster').rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(clusterRole('database-operator-metrics-auth').rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
  });

  test('all namespaces: WATCH_NAMESPACE is empty; the CRD is written unchanged; reading it is limited to its name', () => {
    expect(watchNamespaceOf(clusterWide.manifests)).toEqual({ name: 'WATCH_NAMESPACE', value: '' });
    expect(onlyOfKind(clusterWide.manifests, 'CustomResourceDefinition')).toEqual(yaml.parse(fs.readFileSync(BACKUP_CRD, 'utf-8')));
    const crdReader = ofKind(clusterWide.manifests, 'ClusterRole').find(r => r.metadata.name === 'backup-operator-cluster')!;
    expect(crdReader.rules).toEqual([{
      apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get'], resourceNames: ['backups.backup.example.com'],
    }]);
  });

  test.each([
    ['operator-namespaced', namespaced, 'memcached-system'],
    ['operator-cluster-wide', clusterWide, 'backup-system'],
  ] as Array<[string, Synthesized, string]>)('%s owns its Namespace, written first with Pod Security restricted labels', (_name, { manifests }, namespace) => {
    expect(manifests[0].kind).toBe('Namespace');
    expect(manifests[0].metadata.name).toBe(namespace);
    expect(manifests[0].metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });
});

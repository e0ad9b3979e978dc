import * as fs from 'fs';
import * as path from 'path';
import { AccessRenderers } from '../../src/access/access-renderers';
import { AccessReport } from '../../src/access/access-report';
import { loadInputs } from '../reader/load-inputs';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'cli', 'operator.yaml');

function operatorReport() {
  const loaded = loadInputs(fs.readFileSync(FIXTURE), 'operator.yaml');
  expect(loaded.errors).toEqual([]);
  return AccessReport.build(loaded.inputs);
}

/** One line per permission: where, group, resource, verbs, binding → role. */
function permissionLines(model: ReturnType<typeof operatorReport>, name: string): string[] {
  const sa = model.serviceAccounts.find((s) => s.name === name)!;
  return sa.permissions.map((p) => `${p.namespace} ${p.apiGroup || 'core'} ${p.resource} ${p.verbs.join(',')} `
    + `${p.binding.kind}/${p.binding.name} ${p.role.kind}/${p.role.name}`);
}

describe('AccessReport', () => {
  test('lists exactly the permissions the operator is granted, cluster-scoped resources only cluster-wide', () => {
    // GIVEN an operator with a Role, a ClusterRole bound cluster-wide and by a RoleBinding in `apps`
    // WHEN the access report is built
    const model = operatorReport();

    // THEN it lists every grant once, and `nodes` is not granted through the RoleBinding in `apps`
    expect(permissionLines(model, 'ingress-ctl').sort()).toEqual([
      '* core nodes list ClusterRoleBinding/ingress-ctl-reader ClusterRole/ingress-ctl-reader',
      '* core secrets get ClusterRoleBinding/ingress-ctl-reader ClusterRole/ingress-ctl-reader',
      '* networking.k8s.io ingresses get,list,watch ClusterRoleBinding/ingress-ctl-reader ClusterRole/ingress-ctl-reader',
      'apps core secrets get RoleBinding/ingress-ctl-reader ClusterRole/ingress-ctl-reader',
      'apps networking.k8s.io ingresses get,list,watch RoleBinding/ingress-ctl-reader ClusterRole/ingress-ctl-reader',
      'ops core events create,patch RoleBinding/ingress-ctl-leader-election Role/ingress-ctl-leader-election',
      'ops coordination.k8s.io leases get,create,update RoleBinding/ingress-ctl-leader-election Role/ingress-ctl-leader-election',
    ].sort());
  });

  test('flags reading Secrets as dangerous and nothing else', () => {
    const model = operatorReport();
    const sa = model.serviceAccounts.find((s) => s.name === 'ingress-ctl')!;
    const risky = sa.permissions.filter((p) => p.risks.length > 0);
    expect(risky.map((p) => `${p.namespace} ${p.resource} ${p.risks.map((r) => r.riskId).join(',')}`).sort())
      .toEqual(['* secrets rbac/secrets-access', 'apps secrets rbac/secrets-access']);
  });

  test('shows the projected token in the manager container only, not in the sidecar', () => {
    const model = operatorReport();
    const sa = model.serviceAccounts.find((s) => s.name === 'ingress-ctl')!;
    expect(sa.declared).toBe(true);
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.tokens).toEqual([expect.objectContaining({
      kind: 'Deployment',
      namespace: 'ops',
      name: 'ingress-ctl',
      mount: 'projected',
      containers: ['manager'],
      volume: 'api-token',
      expirationSeconds: 3600,
      file: 'operator.yaml',
    })]);
    expect(sa.tokens[0].audience).toBeUndefined();
  });

  test('reports the default ServiceAccount of a pod without one, with the token in every container', () => {
    const model = operatorReport();
    const sa = model.serviceAccounts.find((s) => s.namespace === 'ops' && s.name === 'default')!;
    expect(sa.declared).toBe(false);
    expect(sa.permissions).toEqual([]);
    expect(sa.tokens).toEqual([expect.objectContaining({ kind: 'Pod', name: 'debug', mount: 'automount', containers: ['setup', 'shell'] })]);
  });

  test('a ServiceAccount with no binding and no pod has no permissions and no token', () => {
    // GIVEN a lone ServiceAccount
    const loaded = loadInputs('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: idle, namespace: x}\n', 'idle.yaml');
    // WHEN the report is built
    const model = AccessReport.build(loaded.inputs);
    // THEN it is listed, with nothing
    expect(model.serviceAccounts).toEqual([{ namespace: 'x', name: 'idle', declared: true, permissions: [], tokens: [], tokenSecrets: [], canBecome: [] }]);
  });

  test('a legacy token Secret is listed under its ServiceAccount, with the containers that read it', () => {
    // GIVEN a token Secret of ServiceAccount `ci` read by a pod that runs as another ServiceAccount
    const loaded = loadInputs([
      'apiVersion: v1', 'kind: Secret', 'type: kubernetes.io/service-account-token',
      'metadata: {name: ci-token, namespace: x, annotations: {kubernetes.io/service-account.name: ci}}',
      '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: runner, namespace: x}',
      'spec:', '  serviceAccountName: runner', '  automountServiceAccountToken: false',
      '  volumes: [{name: t, secret: {secretName: ci-token}}]',
      '  containers:',
      '    - {name: mounts, image: i, volumeMounts: [{name: t, mountPath: /t}]}',
      '    - {name: env, image: i, env: [{name: T, valueFrom: {secretKeyRef: {name: ci-token, key: token}}}]}',
      '    - {name: clean, image: i}',
    ].join('\n'), 'legacy.yaml');
    // WHEN the report is built
    const model = AccessReport.build(loaded.inputs);
    // THEN the token belongs to `ci` (not to the pod's ServiceAccount), in the two containers that read it
    const ci = model.serviceAccounts.find((s) => s.name === 'ci')!;
    expect(ci.tokenSecrets).toEqual(['ci-token']);
    expect(ci.tokens).toEqual([expect.objectContaining({ kind: 'Pod', name: 'runner', mount: 'secret', secret: 'ci-token', volume: 't', containers: ['mounts', 'env'] })]);
    expect(model.serviceAccounts.find((s) => s.name === 'runner')).toBeUndefined();
    // AND Markdown highlights it as dangerous
    const markdown = AccessRenderers.markdown(model);
    expect(markdown).toContain('| `x/ci` | 0 | ⚠️ **token/legacy-token-secret** | Pod runner (`mounts`, `env`) |');
    expect(markdown).toContain('⚠️ **standing token Secret** `ci-token` (never expires)');
  });

  test('a binding to a missing role is listed and grants nothing', () => {
    const loaded = loadInputs([
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: orphan, namespace: x}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}',
      'subjects: [{kind: ServiceAccount, name: app, namespace: x}]',
    ].join('\n'), 'orphan.yaml');
    const model = AccessReport.build(loaded.inputs);
    expect(model.missingRoles).toEqual([expect.objectContaining({ binding: { kind: 'RoleBinding', name: 'orphan', namespace: 'x' }, roleRef: { kind: 'Role', name: 'gone' } })]);
    expect(model.serviceAccounts.flatMap((s) => s.permissions)).toEqual([]);
  });
});

describe('AccessRenderers.markdown', () => {
  test('renders a Mermaid graph ServiceAccount -> binding -> role -> resources, dangerous boxes marked', () => {
    // WHEN the operator report is rendered as Markdown
    const markdown = AccessRenderers.markdown(operatorReport());
    // THEN the section of the operator holds a mermaid block with the whole chain
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown.slice(markdown.indexOf('## `ops/ingress-ctl`')))![1];
    expect(block.startsWith('graph LR\n')).toBe(true);
    const labels = new Map<string, string>();
    for (const m of block.matchAll(/^ {2}(n\d+)[[(]+"([^"]*)"/gm)) labels.set(m[1], m[2]);
    const edges = [...block.matchAll(/^ {2}(n\d+) --> (n\d+)$/gm)].map((m) => `${labels.get(m[1])} -> ${labels.get(m[2])}`);
    expect(edges).toContain('ServiceAccount ops/ingress-ctl -> RoleBinding ops/ingress-ctl-leader-election');
    expect(edges).toContain('RoleBinding ops/ingress-ctl-leader-election -> Role ops/ingress-ctl-leader-election');
    expect(edges).toContain('ClusterRoleBinding ingress-ctl-reader -> ClusterRole ingress-ctl-reader');
    expect(edges).toContain('ClusterRole ingress-ctl-reader -> cluster-wide<br/>nodes: list<br/>⚠ secrets: get<br/>networking.k8s.io/ingresses: get, list, watch');
    expect(edges).toContain('Role ops/ingress-ctl-leader-election -> in ops<br/>events: create, patch<br/>coordination.k8s.io/leases: get, create, update');
    // the two boxes with `secrets: get` are classed dangerous, the leader-election one is not
    const danger = /^ {2}class (.*) danger$/m.exec(block)![1].split(',');
    expect(danger.map((id) => labels.get(id)!.includes('secrets')).every(Boolean)).toBe(true);
    expect(danger).toHaveLength(2);
  });

  test('highlights the dangerous permission and lists the containers that carry the token', () => {
    const markdown = AccessRenderers.markdown(operatorReport());
    // get on every Secret cluster-wide reads kube-system's too: cluster-admin-equivalent (issue 15).
    expect(markdown).toContain('| `ops/ingress-ctl` | 7 | ⚠️ **rbac/secrets-access, rbac/cluster-admin-equivalent** | Deployment ingress-ctl (`manager`) |');
    expect(markdown).toContain('- **rbac/secrets-access** (Reads Secrets): `get` on `secrets` cluster-wide, via ClusterRoleBinding `ingress-ctl-reader` → ClusterRole `ingress-ctl-reader`');
    expect(markdown).toMatch(/\| Deployment `ops\/ingress-ctl` \| `manager` \| projected volume `api-token`, audience API server, 3600 s \|/);
  });

  test('escapes names that would break Mermaid', () => {
    const loaded = loadInputs([
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r, namespace: x}',
      'rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [\'a"b<c>\'], verbs: [get]}]',
      '---',
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: b, namespace: x}',
      'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}',
      'subjects: [{kind: ServiceAccount, name: app, namespace: x}]',
    ].join('\n'), 'x.yaml');
    const markdown = AccessRenderers.markdown(AccessReport.build(loaded.inputs));
    expect(markdown).toContain('configmaps [a#quot;b#lt;c#gt;]: get');
    expect(markdown).not.toContain('a"b<c>]: get');
  });
});

describe('AccessRenderers.json', () => {
  test('is the model plus input errors', () => {
    const json = JSON.parse(AccessRenderers.json(operatorReport(), [{ file: 'f.yaml', line: 3, message: 'bad' }]));
    expect(json.inputErrors).toEqual([{ file: 'f.yaml', line: 3, message: 'bad' }]);
    expect(json.serviceAccounts.map((s: any) => `${s.namespace}/${s.name}`)).toEqual(['ops/default', 'ops/ingress-ctl']);
  });
});

import { AccessRenderers } from '../../src/access/access-renderers';
import { AccessReport } from '../../src/access/access-report';
import type { Manifest } from '../../src/k8s/manifest';

const RBAC = 'rbac.authorization.k8s.io/v1';
const build = (manifests: Manifest[]) => AccessReport.build(manifests.map((manifest) => ({ manifest })));
const sa = (name: string, namespace = 'shop'): Manifest => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace }, automountServiceAccountToken: false });
function bind(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, role: { kind: string; name: string }, account: string): Manifest {
  return {
    apiVersion: RBAC,
    kind,
    metadata: kind === 'RoleBinding' ? { name, namespace: 'shop' } : { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...role },
    subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'shop' }],
  };
}
const clusterRole = (name: string, rules: unknown[]): Manifest => ({ apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, rules });

describe('AccessReport: "can become" per account', () => {
  test('GIVEN token requests in shop and cluster-wide pod creation THEN each account lists its edges, and the path when it reaches cluster-admin', () => {
    const model = build([
      sa('minter'), sa('deployer'),
      { apiVersion: RBAC, kind: 'Role', metadata: { name: 'mint', namespace: 'shop' }, rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] }] },
      bind('RoleBinding', 'mint', { kind: 'Role', name: 'mint' }, 'minter'),
      clusterRole('deploy', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]),
      bind('ClusterRoleBinding', 'deploy', { kind: 'ClusterRole', name: 'deploy' }, 'deployer'),
    ]);
    const minter = model.serviceAccounts.find((s) => s.name === 'minter')!;
    const deployer = model.serviceAccounts.find((s) => s.name === 'deployer')!;
    // minter can become deployer (an account of shop), and through it reach cluster-admin.
    expect(minter.canBecome.map((e) => `${e.how}->${e.to}`)).toEqual(['token-request->ns:shop']);
    expect(minter.clusterAdminPath!.map((e) => e.how)).toEqual(['token-request', 'member', 'pod-create', 'member', 'member', expect.any(String)]);
    expect(deployer.canBecome.map((e) => `${e.how}->${e.to}`)).toEqual(['pod-create->all']);

    const markdown = AccessRenderers.markdown(model);
    expect(markdown).toContain('| `shop/deployer` | 1 | ⚠️ **rbac/create-pods, rbac/cluster-admin-equivalent** |');
    expect(markdown).toContain('**Can become**\n\n- create a pod that runs as any ServiceAccount in every namespace (create pods cluster-wide, by ClusterRoleBinding deploy -> ClusterRole deploy)');
    expect(markdown).toMatch(/\*\*⚠️ Reaches cluster-admin-equivalent power\*\* \(rbac\/cluster-admin-equivalent\), in 6 steps:\n\n1\. request a token for any ServiceAccount in namespace shop/);
  });

  test('GIVEN an account without power THEN no edges and no path', () => {
    const [idle] = build([sa('idle')]).serviceAccounts;
    expect(idle.canBecome).toEqual([]);
    expect(idle.clusterAdminPath).toBeUndefined();
  });
});

describe('AccessRenderers.markdown for pull requests', () => {
  const editBinding = [sa('web'), bind('RoleBinding', 'web-edit', { kind: 'ClusterRole', name: 'edit' }, 'web')];

  test('GIVEN a binding to the built-in edit THEN one permissions row for the role, its dangers grouped by risk; --expand-builtin lists every permission', () => {
    const model = build(editBinding);
    const markdown = AccessRenderers.markdown(model);
    const rows = markdown.split('\n').filter((l) => l.startsWith('| `shop` |'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\| `shop` \| \(built-in role\) \| every permission of ClusterRole `edit`: \d+ grants on \d+ resources \(`--expand-builtin` lists them\) \| ⚠️ \*\*.*rbac\/secrets-access.*\*\* \| RoleBinding `shop\/web-edit` → ClusterRole `edit` \(built in\) \|$/);
    // One danger line per risk, place and binding: the role's many pod controllers are one line.
    const createPods = markdown.split('\n').filter((l) => l.startsWith('- **rbac/create-pods**'));
    expect(createPods).toHaveLength(1);
    expect(createPods[0]).toContain('`create` on `pods`; ');
    expect(createPods[0]).toMatch(/; and \d+ more in `shop`, via RoleBinding `shop\/web-edit`/);
    expect(markdown).toContain('every permission of the built-in role (');

    const expanded = AccessRenderers.markdown(model, [], { expandBuiltIn: true });
    expect(expanded.split('\n').filter((l) => l.startsWith('| `shop` |')).length).toBe(model.serviceAccounts[0].permissions.length);
  });

  test('GIVEN the same dangerous permission from two rules of one binding THEN one danger line', () => {
    const model = build([sa('web'),
      clusterRole('twice', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
      bind('ClusterRoleBinding', 'twice', { kind: 'ClusterRole', name: 'twice' }, 'web')]);
    const lines = AccessRenderers.markdown(model).split('\n').filter((l) => l.startsWith('- **rbac/secrets-access**'));
    expect(lines).toEqual(['- **rbac/secrets-access** (Reads Secrets): `get` on `secrets` cluster-wide, via ClusterRoleBinding `twice` → ClusterRole `twice`']);
  });

  test('GIVEN a role with many resources THEN each Mermaid label is capped (lines and line length), the rest counted', () => {
    const resources = Array.from({ length: 40 }, (_, i) => `widgets${i}`);
    const model = build([sa('web'), clusterRole('wide', [{ apiGroups: [`${'very-long-group-name.'.repeat(6)}example.com`], resources, verbs: ['get'] }]),
      bind('ClusterRoleBinding', 'wide', { kind: 'ClusterRole', name: 'wide' }, 'web')]);
    const block = /```mermaid\n([\s\S]*?)```/.exec(AccessRenderers.markdown(model))![1];
    const labels = [...block.matchAll(/\["([^"]*)"\]/g)].map((m) => m[1].split('<br/>'));
    const box = labels.find((l) => l[0] === 'cluster-wide')!;
    expect(box).toHaveLength(12);
    expect(box[11]).toBe('… 30 more');
    expect(box.every((line) => line.length <= 100)).toBe(true);
  });

  test('GIVEN more than a comment holds THEN at most 65,536 characters, sections compacted then left out, and a note saying which and how to see all', () => {
    const manifests: Manifest[] = [];
    for (let i = 0; i < 400; i++) {
      manifests.push(sa(`app-${i}`), clusterRole(`app-${i}`, Array.from({ length: 12 }, (_, j) => ({ apiGroups: [`g${j}.example.com`], resources: ['widgets', 'gadgets'], verbs: ['get', 'list'] }))),
        bind('ClusterRoleBinding', `app-${i}`, { kind: 'ClusterRole', name: `app-${i}` }, `app-${i}`));
    }
    const markdown = AccessRenderers.markdown(build(manifests));
    expect(markdown.length).toBeLessThanOrEqual(65_536);
    expect(markdown).toContain('_Permissions (24) and graph left out to stay within GitHub\'s comment limit');
    expect(markdown).toMatch(/> \[!NOTE\]\n> Cut to stay within GitHub's comment limit \(65,536 characters\)\. Left out: the permission tables and graphs of \d+ ServiceAccounts \(`shop\/app-\d+`.*; the sections of \d+ ServiceAccounts/);
    expect(markdown).toContain('Run `cdk8s-guardrails access --format json`');
    // A small report is whole: no note.
    expect(AccessRenderers.markdown(build(manifests.slice(0, 3)))).not.toContain('[!NOTE]');
  });
});

describe('AccessRenderers.markdown: a path that holds on one platform only', () => {
  test('GIVEN ConfigMaps written cluster-wide THEN the path is marked "on EKS only"', () => {
    const model = build([sa('cfg'), clusterRole('cfg', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['patch'] }]),
      bind('ClusterRoleBinding', 'cfg', { kind: 'ClusterRole', name: 'cfg' }, 'cfg')]);
    expect(AccessRenderers.markdown(model)).toContain('**⚠️ Reaches cluster-admin-equivalent power on EKS only** (rbac/cluster-admin-equivalent), in 1 step:');
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { AccessDiff } from '../../src/access/access-diff';
import { AccessDiffRenderers } from '../../src/access/access-diff-renderers';
import { AccessReport } from '../../src/access/access-report';
import type { Manifest } from '../../src/k8s/manifest';
import { loadInputs } from '../reader/load-inputs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'access-diff');

function reportOf(file: string) {
  const loaded = loadInputs(fs.readFileSync(path.join(FIXTURES, file)), file);
  expect(loaded.errors).toEqual([]);
  return AccessReport.build(loaded.inputs);
}
const build = (manifests: Manifest[]) => AccessReport.build(manifests.map((manifest) => ({ manifest })));
const RBAC = 'rbac.authorization.k8s.io/v1';
const sa = (name: string): Manifest => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'shop' }, automountServiceAccountToken: false });
const grant = (kind: 'Role' | 'ClusterRole', name: string, rules: unknown[], subject = name, roleName = name): Manifest[] => [
  { apiVersion: RBAC, kind, metadata: kind === 'Role' ? { name: roleName, namespace: 'shop' } : { name: roleName }, rules },
  {
    apiVersion: RBAC,
    kind: kind === 'Role' ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: kind === 'Role' ? { name: roleName, namespace: 'shop' } : { name: roleName },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: subject, namespace: 'shop' }],
  },
];

describe('AccessDiff.compare', () => {
  test('GIVEN the shop before and after the pull request THEN exactly what it adds: cluster-wide writes, a path to cluster-admin, a Secret by name, a token', () => {
    const diff = AccessDiff.compare(reportOf('base.yaml'), reportOf('change.yaml'));
    expect(diff.summary).toEqual({
      serviceAccountsChanged: 2,
      permissionsAdded: 6,
      dangerousPermissionsAdded: 3,
      permissionsRemoved: 0,
      tokensAdded: 1,
      tokensRemoved: 0,
      canBecomeAdded: 1,
      canBecomeRemoved: 0,
      clusterAdminGained: 1,
      clusterAdminLost: 0,
    });
    const [deployer, web] = diff.serviceAccounts;
    expect(deployer.permissions.added).toMatchObject([{ namespace: '*', apiGroup: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'update', 'patch'], dangerousVerbs: ['update', 'patch'], risks: ['rbac/workload-write'] }]);
    // The grants it had in shop are held cluster-wide now: no removal.
    expect(deployer.permissions.removed).toEqual([]);
    expect(deployer.canBecome.added.map((e) => `${e.how}->${e.to}`)).toEqual(['workload-write->all']);
    expect(deployer.canBecome.removed).toEqual([]);
    expect(deployer.clusterAdmin?.change).toBe('gained');
    expect(web.permissions.added).toMatchObject([{ resource: 'secrets', resourceNames: ['web-tls'], verbs: ['get'], risks: ['rbac/secrets-access'] }]);
    expect(web.tokens.added).toMatchObject([{ kind: 'Deployment', name: 'worker', mount: 'automount', containers: ['worker', 'log-shipper'] }]);
  });

  test('GIVEN the same input on both sides, or a grant moved to another binding THEN no change', () => {
    expect(AccessDiff.compare(reportOf('base.yaml'), reportOf('base.yaml')).serviceAccounts).toEqual([]);
    const before = build([sa('web'), ...grant('Role', 'web', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }])]);
    const after = build([sa('web'), ...grant('Role', 'web', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }], 'web', 'renamed')]);
    expect(AccessDiff.compare(before, after).serviceAccounts).toEqual([]);
  });

  test('GIVEN a ServiceAccount removed with its grants THEN it is `removed` with what it lost, and the other way round `added`', () => {
    const before = build([sa('web'), ...grant('Role', 'web', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }])]);
    const diff = AccessDiff.compare(before, build([]));
    expect(diff.serviceAccounts).toMatchObject([{ name: 'web', change: 'removed', permissions: { added: [], removed: [{ resource: 'pods', verbs: ['create'] }] } }]);
    expect(diff.serviceAccounts[0].canBecome.removed.map((e) => e.how)).toEqual(['pod-create']);
    expect(AccessDiff.compare(build([]), before).serviceAccounts).toMatchObject([{ name: 'web', change: 'added' }]);
  });

  test('GIVEN only some verbs change THEN the dangerous ones are the verbs that carry a risk on their own', () => {
    const before = build([sa('web'), ...grant('Role', 'web', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])]);
    const after = build([sa('web'), ...grant('Role', 'web', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'create'] }])]);
    const [web] = AccessDiff.compare(before, after).serviceAccounts;
    expect(web.permissions.added).toMatchObject([{ verbs: ['list', 'create'], dangerousVerbs: ['create'], risks: ['rbac/create-pods'] }]);
  });
});

describe('AccessDiffRenderers', () => {
  test('GIVEN the shop change THEN the Markdown says what it adds, with the path to cluster-admin and dangerous verbs in bold', () => {
    const markdown = AccessDiffRenderers.markdown(AccessDiff.compare(reportOf('base.yaml'), reportOf('change.yaml')));
    expect(markdown).toContain('2 ServiceAccounts changed: 6 permissions added (⚠️ 3 dangerous); 0 removed;');
    expect(markdown).toContain('⚠️ **1 ServiceAccount newly reaches cluster-admin-equivalent power.**');
    expect(markdown).toContain('**⚠️ Now reaches cluster-admin-equivalent power** (rbac/cluster-admin-equivalent):\n\n1. create or change a workload whose pods run as any ServiceAccount in every namespace');
    expect(markdown).toContain('- ⚠️ get, list, watch, **update**, **patch** on `apps/deployments` cluster-wide (**rbac/workload-write**), via ClusterRoleBinding `shop-deployer` → ClusterRole `shop-deployer`');
    expect(markdown).toContain('- Deployment `shop/worker`: automounted API token, in `worker`, `log-shipper`');
    expect(markdown).not.toContain('Permissions removed');
  });

  test('GIVEN no change THEN one sentence says so; JSON carries the model and both sides\' input errors', () => {
    const same = AccessDiff.compare(reportOf('base.yaml'), reportOf('base.yaml'));
    expect(AccessDiffRenderers.markdown(same)).toContain('No change to what any ServiceAccount can do');
    const json = JSON.parse(AccessDiffRenderers.json(same, { base: [{ file: 'a.yaml', message: 'bad' }], next: [] }));
    expect(json).toEqual({ serviceAccounts: [], summary: expect.objectContaining({ serviceAccountsChanged: 0 }), inputErrors: { base: [{ file: 'a.yaml', message: 'bad' }], next: [] } });
  });

  test('GIVEN a binding to the built-in edit added THEN one line for the role unless expanded', () => {
    const before = build([sa('web')]);
    const after = build([sa('web'), {
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: 'web-edit', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
    }]);
    const diff = AccessDiff.compare(before, after);
    const collapsed = AccessDiffRenderers.markdown(diff);
    const lines = collapsed.split('\n').filter((l) => l.startsWith('- ') && l.includes('via RoleBinding `shop/web-edit`'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^- ⚠️ every permission of a built-in role in `shop`: \d+ grants on \d+ resources \(\*\*.*rbac\/secrets-access.*\*\*\), via RoleBinding `shop\/web-edit` → ClusterRole `edit` \(built in\)/);
    const expanded = AccessDiffRenderers.markdown(diff, undefined, { expandBuiltIn: true });
    expect(expanded.split('\n').filter((l) => l.includes('via RoleBinding `shop/web-edit`')).length).toBeGreaterThan(20);
  });

  test('GIVEN a change too large for a comment THEN at most the limit, sections compacted then left out, and a note naming them', () => {
    const many = (verbs: string[]) => build(Array.from({ length: 300 }, (_, i) => [sa(`app-${i}`),
      ...grant('Role', `app-${i}`, Array.from({ length: 10 }, (__, j) => ({ apiGroups: [`g${j}.example.com`], resources: ['widgets'], verbs })))]).flat());
    const markdown = AccessDiffRenderers.markdown(AccessDiff.compare(many(['get']), many(['get', 'update'])), undefined, { maxCharacters: 20_000 });
    expect(markdown.length).toBeLessThanOrEqual(20_000);
    expect(markdown).toMatch(/> \[!NOTE\]\n> Cut to stay within GitHub's comment limit \(65,536 characters\)\. Left out: .*the sections of \d+ ServiceAccounts \(`shop\/app-/);
    expect(AccessDiffRenderers.markdown(AccessDiff.compare(many(['get']), many(['get', 'update']))).length).toBeLessThanOrEqual(65_536);
  });
});

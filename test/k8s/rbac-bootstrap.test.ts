import { AUTOUPDATE_ANNOTATION, RbacBootstrapPolicy } from '../../src/k8s/rbac-bootstrap/bootstrap-policy';
import { CLUSTER_ROLE_BINDINGS } from '../../src/k8s/rbac-bootstrap/cluster-role-bindings-data';
import { CLUSTER_ROLES } from '../../src/k8s/rbac-bootstrap/cluster-roles-data';
import { CONTROLLER_ROLE_BINDINGS } from '../../src/k8s/rbac-bootstrap/controller-role-bindings-data';
import { CONTROLLER_ROLES } from '../../src/k8s/rbac-bootstrap/controller-roles-data';
import { NAMESPACE_ROLE_BINDINGS } from '../../src/k8s/rbac-bootstrap/namespace-role-bindings-data';
import { NAMESPACE_ROLES } from '../../src/k8s/rbac-bootstrap/namespace-roles-data';

const names = (objects: ReadonlyArray<{ metadata: { name: string } }>) => objects.map((o) => o.metadata.name);

describe('the bootstrap policy data holds every object of its upstream source', () => {
  test('GIVEN the generated data THEN the counts are those of the upstream files (a truncated file fails here)', () => {
    // Counted in the upstream YAML: `kind: ClusterRole` items of cluster-roles.yaml (commit 025f2834),
    // controller-roles.yaml, namespace-roles.yaml and namespace-role-bindings.yaml (commit 008b3652),
    // cluster-role-bindings.yaml (openshift/kubernetes 95e062fd without its one carry).
    expect(CLUSTER_ROLES).toHaveLength(31);
    expect(CONTROLLER_ROLES).toHaveLength(38);
    expect(CLUSTER_ROLE_BINDINGS).toHaveLength(12);
    expect(CONTROLLER_ROLE_BINDINGS).toHaveLength(38);
    expect(NAMESPACE_ROLES).toHaveLength(7);
    expect(NAMESPACE_ROLE_BINDINGS).toHaveLength(7);
    // First and last of each file, in upstream order.
    expect([CLUSTER_ROLES[0].metadata.name, CLUSTER_ROLES[30].metadata.name]).toEqual(['admin', 'view']);
    expect([CONTROLLER_ROLES[0].metadata.name, CONTROLLER_ROLES[37].metadata.name])
      .toEqual(['system:controller:attachdetach-controller', 'system:controller:volumeattributesclass-protection-controller']);
  });

  test('GIVEN the rule counts of the largest roles THEN no rule was lost (counted in the upstream YAML)', () => {
    expect(RbacBootstrapPolicy.clusterRole('system:node')!.rules).toHaveLength(22);
    expect(RbacBootstrapPolicy.clusterRole('system:kube-scheduler')!.rules).toHaveLength(18);
    expect(RbacBootstrapPolicy.clusterRole('system:aggregate-to-edit')!.rules).toHaveLength(13);
    expect(RbacBootstrapPolicy.clusterRole('system:controller:statefulset-controller')!.rules).toHaveLength(10);
    expect(CLUSTER_ROLES.reduce((n, r) => n + r.rules.length, 0)).toBe(115);
    expect(CONTROLLER_ROLES.reduce((n, r) => n + r.rules.length, 0)).toBe(176);
  });

  test('GIVEN every object THEN names are unique and each is reconciled (autoupdate "true") and labelled rbac-defaults', () => {
    for (const list of [CLUSTER_ROLES, CONTROLLER_ROLES, CLUSTER_ROLE_BINDINGS, CONTROLLER_ROLE_BINDINGS]) {
      expect(new Set(names(list)).size).toBe(list.length);
    }
    const all = [
      ...CLUSTER_ROLES, ...CONTROLLER_ROLES, ...CLUSTER_ROLE_BINDINGS, ...CONTROLLER_ROLE_BINDINGS, ...NAMESPACE_ROLES, ...NAMESPACE_ROLE_BINDINGS,
    ];
    for (const object of all) {
      expect(object.metadata.annotations?.[AUTOUPDATE_ANNOTATION]).toBe('true');
      expect(object.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
    }
  });

  test('GIVEN every bootstrap binding THEN its roleRef is a bootstrap role (ClusterRole, or Role of its namespace)', () => {
    for (const binding of RbacBootstrapPolicy.clusterRoleBindings()) {
      expect(RbacBootstrapPolicy.clusterRole(binding.roleRef.name)).toBeDefined();
    }
    for (const binding of RbacBootstrapPolicy.roleBindings()) {
      expect(RbacBootstrapPolicy.role(binding.metadata.namespace, binding.roleRef.name)).toBeDefined();
    }
  });

  test('GIVEN each controller role THEN exactly one binding gives it to ServiceAccount kube-system/<name>', () => {
    for (const role of CONTROLLER_ROLES) {
      const bindings = CONTROLLER_ROLE_BINDINGS.filter((b) => b.roleRef.name === role.metadata.name);
      expect(bindings).toHaveLength(1);
      expect(bindings[0].subjects).toEqual([{ kind: 'ServiceAccount', name: role.metadata.name.replace('system:controller:', ''), namespace: 'kube-system' }]);
    }
  });
});

describe('facts of the bootstrap policy the model relies on', () => {
  test('GIVEN clusterrole-aggregation-controller THEN it can escalate on clusterroles (cluster-admin-equivalent)', () => {
    expect(RbacBootstrapPolicy.clusterRole('system:controller:clusterrole-aggregation-controller')!.rules).toEqual([
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate', 'get', 'list', 'patch', 'update', 'watch'] },
    ]);
  });

  test('GIVEN system:node and system:kube-controller-manager THEN both mint ServiceAccount tokens', () => {
    for (const name of ['system:node', 'system:kube-controller-manager']) {
      expect(RbacBootstrapPolicy.clusterRole(name)!.rules).toContainEqual({ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] });
    }
  });

  test('GIVEN the cluster-admin binding THEN it is to group system:masters; system:node has no subjects', () => {
    const byName = new Map(CLUSTER_ROLE_BINDINGS.map((b) => [b.metadata.name, b]));
    expect(byName.get('cluster-admin')!.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
    expect(byName.get('system:node')!.subjects).toBeUndefined();
    expect(byName.get('system:service-account-issuer-discovery')!.subjects)
      .toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts' }]);
  });

  test('GIVEN admin, edit and view THEN aggregation resolves like the controller: admin > edit > view', () => {
    const has = (name: string, resource: string, verb: string) => RbacBootstrapPolicy.aggregatedRules(name)
      .some((rule) => rule.resources?.includes(resource) && rule.verbs.includes(verb));
    expect(has('view', 'pods', 'get')).toBe(true);
    expect(has('view', 'secrets', 'get')).toBe(false);
    expect(has('edit', 'secrets', 'get')).toBe(true);
    expect(has('edit', 'pods', 'get')).toBe(true);
    expect(has('edit', 'rolebindings', 'create')).toBe(false);
    expect(has('admin', 'rolebindings', 'create')).toBe(true);
    expect(has('admin', 'serviceaccounts/token', 'create')).toBe(true);
    // The aggregated roles hold no rules of their own.
    expect(RbacBootstrapPolicy.clusterRole('admin')!.rules).toEqual([]);
    expect(RbacBootstrapPolicy.aggregatedRules('no-such-role')).toEqual([]);
  });

  test('GIVEN a bootstrap role THEN it is reconciled unless the object in the cluster opts out with autoupdate "false"', () => {
    const admin = RbacBootstrapPolicy.clusterRole('admin')!;
    expect(RbacBootstrapPolicy.isReconciled(admin, undefined)).toBe(true);
    expect(RbacBootstrapPolicy.isReconciled(admin, { [AUTOUPDATE_ANNOTATION]: 'true' })).toBe(true);
    expect(RbacBootstrapPolicy.isReconciled(admin, { [AUTOUPDATE_ANNOTATION]: 'false' })).toBe(false);
    expect(RbacBootstrapPolicy.isReconciled({ metadata: {} }, undefined)).toBe(false);
  });

  test('GIVEN the namespaced bootstrap roles THEN they are found by namespace and name only', () => {
    expect(RbacBootstrapPolicy.role('kube-system', 'extension-apiserver-authentication-reader')).toBeDefined();
    expect(RbacBootstrapPolicy.role('default', 'extension-apiserver-authentication-reader')).toBeUndefined();
    expect(RbacBootstrapPolicy.role('kube-public', 'system:controller:bootstrap-signer')!.rules).toHaveLength(3);
  });
});

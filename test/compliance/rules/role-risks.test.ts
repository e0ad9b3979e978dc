import { binding, inNamespace, role } from '../helpers';
import { runRule } from '../rule-harness';

/** What the role rules share (src/compliance/rules/rbac/role-risk.ts): one finding per permission, messages, robustness. */
const SECRETS = 'rbac/secrets-access';
const EXEC = 'rbac/exec-attach';
const readSecrets = { apiGroups: [''], resources: ['secrets'], verbs: ['get'] };
const sa = [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }];

describe('role risk rules', () => {
  test('GIVEN a risky rule THEN the message is the risk, the permission, the rule\'s rationale and its remediation (the prose is written once, in the rule file)', () => {
    expect(runRule(SECRETS, [role('r', [readSecrets])]).map((f) => f.message)).toEqual([
      "Reads Secrets: verb 'get' on 'secrets' in apiGroup ''. Reading Secrets reveals every credential in scope; list and watch return the contents, not just the names, "
      + 'and a patch answers with the whole object (an empty patch reads it). Remove read access to secrets, or limit it with resourceNames to the Secrets the workload '
      + 'needs (reported one level lower, with the names): `get` by name, and list/watch by name for a client that sends a `metadata.name` field selector (the only list '
      + 'or watch that names an object); suppress with a reason if a controller must read them all.',
    ]);
  });

  test('GIVEN a rule that repeats a resource and a verb THEN one finding per distinct permission', () => {
    const findings = runRule(SECRETS, [role('r', [{ apiGroups: [''], resources: ['secrets', 'secrets'], verbs: ['get', 'list', 'get'] }])]);
    expect(findings.map((f) => f.target)).toEqual(['get secrets', 'list secrets']);
  });

  test('GIVEN the same permission in two rules THEN one finding for each rule path', () => {
    expect(runRule(SECRETS, [role('r', [readSecrets, readSecrets])]).map((f) => f.path)).toEqual(['/rules/0', '/rules/1']);
  });

  test('GIVEN a harmless rule whose lists join to the same text as a risky one THEN the risky one is still found', () => {
    const findings = runRule(SECRETS, [
      role('harmless', [{ apiGroups: [''], resources: ['secret', 's'], verbs: ['get'] }]),
      role('risky', [readSecrets]),
    ]);
    expect(findings).toMatchObject([{ object: { name: 'risky' }, target: 'get secrets' }]);
  });

  test('GIVEN roles without rules and rules that are null, missing or not objects THEN the valid rule is still found at its own index, without a crash', () => {
    const noRules = { ...role('no-rules', []), rules: undefined };
    const rulesNotAList = { ...role('not-a-list', []), rules: readSecrets };
    const findings = runRule(SECRETS, [noRules, rulesNotAList, role('r', [null, undefined, 'get secrets', { resources: ['secrets'], verbs: 'get' }, readSecrets])]);
    expect(findings.map((f) => [f.object.name, f.path])).toEqual([['r', '/rules/4']]);
  });

  describe('through a binding to a built-in ClusterRole', () => {
    test('GIVEN a ClusterRoleBinding to the built-in edit THEN the risk is on the binding, once per permission, with the role named', () => {
      const findings = runRule(SECRETS, [binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa, 'ClusterRoleBinding')]);
      expect(findings.map((f) => [f.object.kind, f.path, f.target])).toEqual([
        ['ClusterRoleBinding', '/roleRef', 'get secrets'],
        ['ClusterRoleBinding', '/roleRef', 'list secrets'],
        ['ClusterRoleBinding', '/roleRef', 'patch secrets'],
        ['ClusterRoleBinding', '/roleRef', 'watch secrets'],
      ]);
      expect(findings[0].message).toMatch(/^Through the built-in ClusterRole 'edit': Reads Secrets: verb 'get' on 'secrets'/);
    });

    test('GIVEN two bindings to the built-in admin THEN each binding gets its own findings', () => {
      const findings = runRule(SECRETS, [
        inNamespace(binding('a', { kind: 'ClusterRole', name: 'admin' }, sa), 'apps'),
        inNamespace(binding('b', { kind: 'ClusterRole', name: 'admin' }, sa), 'apps'),
      ]);
      expect(findings.filter((f) => f.target === 'get secrets').map((f) => f.object.name)).toEqual(['a', 'b']);
    });

    test('GIVEN a RoleBinding to a Role named edit, a missing ClusterRole, no roleRef or a non-string name THEN no finding and no crash', () => {
      const noRoleRef = { ...binding('c', { kind: 'ClusterRole', name: 'edit' }, sa), roleRef: undefined };
      expect(runRule(EXEC, [
        inNamespace(binding('a', { kind: 'Role', name: 'edit' }, sa), 'apps'),
        inNamespace(binding('b', { kind: 'ClusterRole', name: 'ghost' }, sa), 'apps'),
        noRoleRef,
        binding('d', { kind: 'ClusterRole', name: ['edit'] as unknown as string }, sa, 'ClusterRoleBinding'),
      ])).toEqual([]);
    });
  });
});

describe('role risks reached through an aggregationRule', () => {
  const aggregator = (name: string, selectors: unknown[]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name },
    aggregationRule: { clusterRoleSelectors: selectors },
  });

  test('GIVEN an empty selector THEN the aggregator is reported as holding cluster-admin\'s wildcard', () => {
    const findings = runRule('rbac/wildcard', [aggregator('everything', [{}])]);
    // Every verb on every resource of every group, and every non-resource URL (cluster-admin); an
    // empty selector reaches every built-in ClusterRole, so the wildcards of the others too
    // (system:kubelet-api-admin's `*` on nodes/proxy, the garbage collector's `*` resources).
    const targets = findings.map((f) => [f.object.name, f.path, f.target]);
    expect(targets).toContainEqual(['everything', '/aggregationRule', '* *']);
    expect(targets).toContainEqual(['everything', '/aggregationRule', '* *.*']);
    expect(targets).toContainEqual(['everything', '/aggregationRule', '* nodes/proxy']);
    expect(targets).toContainEqual(['everything', '/aggregationRule', 'delete *.*']);
    expect(findings.every((f) => f.object.name === 'everything' && f.path === '/aggregationRule')).toBe(true);
    expect(findings[0].message).toMatch(/^Through its aggregationRule, from the built-in ClusterRole 'cluster-admin': /);
  });

  test('GIVEN a selector for the built-in aggregate-to-edit label THEN edit\'s risks (secrets, pod creation, exec) are reported on the aggregator', () => {
    const manifests = [aggregator('my-edit', [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }])];
    for (const rule of ['rbac/secrets-access', 'rbac/create-pods', 'rbac/exec-attach']) {
      const findings = runRule(rule, manifests);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.object.name === 'my-edit' && f.path === '/aggregationRule')).toBe(true);
      expect(findings[0].message).toContain("from the built-in ClusterRole 'system:aggregate-to-edit'");
    }
  });

  test('GIVEN an aggregator that reaches only input ClusterRoles THEN the risks are reported on those roles, not again on the aggregator', () => {
    const secretsReader = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'secrets-reader', labels: { team: 'ops' } },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    };
    const findings = runRule('rbac/secrets-access', [secretsReader, aggregator('ops', [{ matchLabels: { team: 'ops' } }])]);
    expect(findings.map((f) => [f.object.name, f.path])).toEqual([['secrets-reader', '/rules/0']]);
  });

  test('GIVEN a selector that matches nothing built in THEN the aggregator has no finding', () => {
    expect(runRule('rbac/wildcard', [aggregator('none', [{ matchLabels: { team: 'nobody' } }])])).toEqual([]);
  });
});

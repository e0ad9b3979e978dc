import { binding, inNamespace, role } from '../helpers';
import { coveredTargets, runRule } from '../rule-harness';

/** What the role rules share (src/compliance/rules/role-risks.ts): one finding per rule entry listing its permissions, messages, robustness. */
const SECRETS = 'rbac/secrets-access';
const EXEC = 'rbac/exec-attach';
const readSecrets = { apiGroups: [''], resources: ['secrets'], verbs: ['get'] };
const sa = [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }];

describe('role risk rules', () => {
  test('GIVEN a risky rule THEN the message is the risk and the permission, without the rule\'s rationale and remediation (reporters print those once per rule)', () => {
    expect(runRule(SECRETS, [role('r', [readSecrets])]).map((f) => f.message)).toEqual(['Reads Secrets: get secrets.']);
  });

  test('GIVEN a rule that repeats a resource and a verb THEN one finding that lists each distinct permission once', () => {
    const findings = runRule(SECRETS, [role('r', [{ apiGroups: [''], resources: ['secrets', 'secrets'], verbs: ['get', 'list', 'get'] }])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: '/rules/0', targets: ['get secrets', 'list secrets'], message: 'Reads Secrets: get secrets, list secrets.' });
    expect(findings[0].target).toBeUndefined();
  });

  test('GIVEN a risky rule after many harmless ones THEN its finding names its own position', () => {
    const harmless = Array.from({ length: 69 }, () => ({ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }));
    expect(runRule(SECRETS, [role('r', [...harmless, readSecrets])]).map((f) => f.path)).toEqual(['/rules/69']);
    expect(runRule(SECRETS, [role('r', [...harmless.slice(0, 3), readSecrets])]).map((f) => f.path)).toEqual(['/rules/3']);
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
    test('GIVEN a ClusterRoleBinding to the built-in edit THEN the risk is on the binding, in one finding that lists the permissions, with the role named', () => {
      const findings = runRule(SECRETS, [binding('web-edit', { kind: 'ClusterRole', name: 'edit' }, sa, 'ClusterRoleBinding')]);
      expect(findings.map((f) => [f.object.kind, f.path, f.targets])).toEqual([
        ['ClusterRoleBinding', '/roleRef', ['get secrets', 'list secrets', 'watch secrets', 'patch secrets']],
      ]);
      expect(findings[0].message).toBe("Reads Secrets (through the built-in ClusterRole 'edit'): get secrets, list secrets, watch secrets, patch secrets.");
    });

    test('GIVEN two bindings to the built-in admin THEN each binding gets its own findings', () => {
      const findings = runRule(SECRETS, [
        inNamespace(binding('a', { kind: 'ClusterRole', name: 'admin' }, sa), 'apps'),
        inNamespace(binding('b', { kind: 'ClusterRole', name: 'admin' }, sa), 'apps'),
      ]);
      expect(findings.filter((f) => coveredTargets([f]).includes('get secrets')).map((f) => f.object.name)).toEqual(['a', 'b']);
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
    // One finding on the field, listing what each built-in role contributes.
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ object: { name: 'everything' }, path: '/aggregationRule' });
    expect(findings[0].targets).toEqual(expect.arrayContaining(['* *', '* *.*', '* nodes/proxy', 'delete *.*']));
    expect(findings[0].message).toMatch(/^Wildcard in apiGroups, resources, verbs or non-resource URLs \(through its aggregationRule, from the built-in ClusterRole 'cluster-admin'\): \* \*\.\*, /);
  });

  test('GIVEN a selector for the built-in aggregate-to-edit label THEN edit\'s risks (secrets, pod creation, exec) are reported on the aggregator', () => {
    const manifests = [aggregator('my-edit', [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }])];
    for (const rule of ['rbac/secrets-access', 'rbac/create-pods', 'rbac/exec-attach']) {
      const findings = runRule(rule, manifests);
      expect(findings.length).toBe(1);
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

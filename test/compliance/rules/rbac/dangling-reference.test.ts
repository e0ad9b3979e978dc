import { binding, inNamespace, role, serviceAccount } from '../../helpers';
import { runRule } from '../../rule-harness';

const RULE = 'rbac/dangling-reference';
const web = [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }];
const webSa = serviceAccount('web', undefined, 'apps');

describe(RULE, () => {
  test('GIVEN a binding whose Role and ServiceAccount are in the input THEN no finding', () => {
    expect(runRule(RULE, [role('r', []), serviceAccount('web'), binding('b', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'web' }])])).toEqual([]);
  });

  test('GIVEN a binding to built-in ClusterRoles (view, system:*) THEN no finding', () => {
    expect(runRule(RULE, [
      serviceAccount('web'),
      binding('a', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'web' }]),
      binding('b', { kind: 'ClusterRole', name: 'system:auth-delegator' }, [{ kind: 'ServiceAccount', name: 'web' }], 'ClusterRoleBinding'),
    ])).toEqual([]);
  });

  test('GIVEN a missing Role and a missing ServiceAccount THEN a warning for each', () => {
    const findings = runRule(RULE, [binding('b', { kind: 'Role', name: 'typo' }, [{ kind: 'ServiceAccount', name: 'ghost', namespace: 'apps' }])]);
    expect(findings.map((f) => [f.severity, f.path, f.target])).toEqual([
      ['warning', '/roleRef/name', 'typo'],
      ['warning', '/subjects/0/name', 'ghost'],
    ]);
  });

  describe('roleRef', () => {
    test('GIVEN a ClusterRoleBinding to a ClusterRole that is neither in the input nor built in THEN a warning that says what to fix', () => {
      const findings = runRule(RULE, [webSa, binding('b', { kind: 'ClusterRole', name: 'reader' }, web, 'ClusterRoleBinding')]);
      expect(findings).toMatchObject([{ object: { kind: 'ClusterRoleBinding', name: 'b' }, path: '/roleRef/name', target: 'reader' }]);
      expect(findings[0].message).toBe("The ClusterRoleBinding references ClusterRole 'reader', which is not in the input and not built in. Add it or fix the name.");
    });

    test('GIVEN the referenced ClusterRole is in the input THEN no finding', () => {
      expect(runRule(RULE, [webSa, role('reader', [], 'ClusterRole'), binding('b', { kind: 'ClusterRole', name: 'reader' }, web, 'ClusterRoleBinding')])).toEqual([]);
    });

    test.each(['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-edit'])('GIVEN a RoleBinding to the built-in ClusterRole %s THEN no finding', (name) => {
      expect(runRule(RULE, [webSa, inNamespace(binding('b', { kind: 'ClusterRole', name }, web), 'apps')])).toEqual([]);
    });

    test.each(['system:kube-controller-manager', 'system:node', 'system:kubelet-api-admin', 'system:controller:clusterrole-aggregation-controller'])(
      'GIVEN a binding to the bootstrap ClusterRole %s THEN no finding (it exists in every cluster)', (name) => {
        expect(runRule(RULE, [webSa, binding('b', { kind: 'ClusterRole', name }, web, 'ClusterRoleBinding')])).toEqual([]);
      });

    test.each(['system:kube-controler-manager', 'system:nodes', 'system:controller:no-such-controller', 'system:auth-delegator-typo'])(
      'GIVEN a system: ClusterRole name %s that is not in the bootstrap policy THEN a warning (a typo is no longer assumed built in)', (name) => {
        const findings = runRule(RULE, [webSa, binding('b', { kind: 'ClusterRole', name }, web, 'ClusterRoleBinding')]);
        expect(findings.map((f) => [f.path, f.target])).toEqual([['/roleRef/name', name]]);
      });

    test('GIVEN a RoleBinding in kube-system to the bootstrap Role extension-apiserver-authentication-reader THEN no finding; in another namespace a warning', () => {
      const findings = runRule(RULE, [
        webSa,
        serviceAccount('web', undefined, 'kube-system'),
        inNamespace(binding('ok', { kind: 'Role', name: 'extension-apiserver-authentication-reader' }, [{ kind: 'ServiceAccount', name: 'web' }]), 'kube-system'),
        inNamespace(binding('elsewhere', { kind: 'Role', name: 'extension-apiserver-authentication-reader' }, web), 'apps'),
      ]);
      expect(findings.map((f) => [f.object.name, f.target])).toEqual([['elsewhere', 'extension-apiserver-authentication-reader']]);
    });

    test.each(['viewer', 'systemd:reader', 'my-system:role'])('GIVEN a ClusterRole name %s that only resembles a built-in one THEN a warning', (name) => {
      expect(runRule(RULE, [webSa, inNamespace(binding('b', { kind: 'ClusterRole', name }, web), 'apps')]).map((f) => f.target)).toEqual([name]);
    });

    test('GIVEN kind and name must both match: a Role named like an input ClusterRole, and a ClusterRole named like an input Role THEN a warning for each', () => {
      const findings = runRule(RULE, [
        webSa,
        inNamespace(role('only-role', []), 'apps'),
        role('only-cluster-role', [], 'ClusterRole'),
        inNamespace(binding('a', { kind: 'Role', name: 'only-cluster-role' }, web), 'apps'),
        inNamespace(binding('b', { kind: 'ClusterRole', name: 'only-role' }, web), 'apps'),
      ]);
      expect(findings.map((f) => [f.object.name, f.target])).toEqual([['a', 'only-cluster-role'], ['b', 'only-role']]);
      expect(findings[0].message).toBe("The RoleBinding references Role 'only-cluster-role', which is not in the input and not built in. Add it or fix the name.");
    });

    test('GIVEN a Role in another namespace than the RoleBinding THEN a warning (a RoleBinding only reaches Roles of its namespace)', () => {
      const findings = runRule(RULE, [webSa, inNamespace(role('r', []), 'other'), inNamespace(binding('b', { kind: 'Role', name: 'r' }, web), 'apps')]);
      expect(findings.map((f) => f.target)).toEqual(['r']);
    });

    test('GIVEN a Role and a RoleBinding of which only one sets namespace default THEN no finding (an unset namespace is default)', () => {
      expect(runRule(RULE, [
        webSa,
        role('unset', []),
        inNamespace(role('explicit', []), 'default'),
        inNamespace(binding('a', { kind: 'Role', name: 'unset' }, web), 'default'),
        binding('b', { kind: 'Role', name: 'explicit' }, web),
      ])).toEqual([]);
    });

    test('GIVEN a binding without roleRef, or with a roleRef of another kind or a non-string name THEN no roleRef finding and no crash', () => {
      const noRoleRef = { ...binding('a', { kind: 'ClusterRole', name: 'x' }, web), roleRef: undefined };
      expect(runRule(RULE, [
        webSa,
        noRoleRef,
        binding('b', { kind: 'Group', name: 'ghost' }, web),
        binding('c', { kind: 'ClusterRole', name: 42 as unknown as string }, web, 'ClusterRoleBinding'),
      ])).toEqual([]);
    });
  });

  describe('ServiceAccount subjects', () => {
    test('GIVEN a subject without namespace in a RoleBinding THEN it is looked up in the binding namespace, and the message names it', () => {
      const findings = runRule(RULE, [
        serviceAccount('web', undefined, 'apps'),
        serviceAccount('worker', undefined, 'other'),
        inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'web' }, { kind: 'ServiceAccount', name: 'worker' }]), 'apps'),
      ]);
      expect(findings).toMatchObject([{ path: '/subjects/1/name', target: 'worker' }]);
      expect(findings[0].message).toBe("The RoleBinding binds ServiceAccount 'worker' in namespace 'apps', which is not in the input. Add it or fix the name.");
    });

    test('GIVEN a subject with an empty namespace THEN it is in the binding namespace, like an unset one', () => {
      const subjects = [{ kind: 'ServiceAccount', name: 'web', namespace: '' }];
      expect(runRule(RULE, [webSa, inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'apps')])).toEqual([]);
      const findings = runRule(RULE, [serviceAccount('web'), inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'apps')]);
      expect(findings.map((f) => f.message)).toEqual(["The RoleBinding binds ServiceAccount 'web' in namespace 'apps', which is not in the input. Add it or fix the name."]);
    });

    test('GIVEN a subject namespace that differs from the binding namespace THEN the subject namespace wins', () => {
      const subjects = [{ kind: 'ServiceAccount', name: 'web', namespace: 'apps' }];
      expect(runRule(RULE, [webSa, inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'other')])).toEqual([]);
      expect(runRule(RULE, [inNamespace(webSa, 'other'), inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'other')]).map((f) => f.target)).toEqual(['web']);
    });

    test('GIVEN a ServiceAccount without namespace THEN it matches a subject in namespace default, and no other namespace', () => {
      const view = { kind: 'ClusterRole', name: 'view' };
      expect(runRule(RULE, [serviceAccount('web'), binding('b', view, [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], 'ClusterRoleBinding')])).toEqual([]);
      const findings = runRule(RULE, [serviceAccount('web'), binding('b', view, web, 'ClusterRoleBinding')]);
      expect(findings.map((f) => f.message)).toEqual(["The ClusterRoleBinding binds ServiceAccount 'web' in namespace 'apps', which is not in the input. Add it or fix the name."]);
    });

    test('GIVEN a subject without namespace in a binding without namespace THEN a ServiceAccount in default matches, one in another namespace does not', () => {
      const manifests = (ns: string) => [serviceAccount('web', undefined, ns), binding('b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'web' }])];
      expect(runRule(RULE, manifests('default'))).toEqual([]);
      expect(runRule(RULE, manifests('apps')).map((f) => f.message)).toEqual([
        "The RoleBinding binds ServiceAccount 'web' in namespace 'default', which is not in the input. Add it or fix the name.",
      ]);
    });

    test('GIVEN User and Group subjects, the default ServiceAccount, and malformed subjects THEN no finding and no crash', () => {
      const subjects = [
        { kind: 'User', name: 'alice' },
        { kind: 'Group', name: 'ops' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'apps' },
        null,
        { kind: 'ServiceAccount' },
        { kind: 'ServiceAccount', name: 7, namespace: 'apps' },
      ];
      expect(runRule(RULE, [inNamespace(binding('b', { kind: 'ClusterRole', name: 'view' }, subjects), 'apps')])).toEqual([]);
    });

    test('GIVEN subjects that are not a list THEN only the roleRef is checked', () => {
      const notAList = { ...binding('b', { kind: 'Role', name: 'typo' }, []), subjects: { kind: 'ServiceAccount', name: 'ghost' } };
      expect(runRule(RULE, [notAList]).map((f) => f.path)).toEqual(['/roleRef/name']);
    });
  });
});

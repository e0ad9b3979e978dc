import { binding, role, serviceAccount } from './helpers';
import { EffectiveAccessOf } from '../../src/compliance/effective-access-of';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';

const indexOf = (manifests: Manifest[]) => new ManifestIndex(manifests.map((manifest) => ({ manifest })));
const reader = role('reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
const groupBinding = binding('all-sas', { kind: 'Role', name: 'reader' }, [{ kind: 'Group', name: 'system:serviceaccounts:default', apiGroup: 'rbac.authorization.k8s.io' }]);

describe('EffectiveAccessOf.hasPermissions', () => {
  test('GIVEN a ServiceAccount bound to a Role THEN it has permissions; GIVEN one bound to nothing THEN it has none', () => {
    const index = indexOf([serviceAccount('web'), serviceAccount('idle'), reader, binding('web', { kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'web' }])]);
    expect(EffectiveAccessOf.hasPermissions(index, undefined, 'web')).toBe(true);
    expect(EffectiveAccessOf.hasPermissions(index, 'default', 'idle')).toBe(false);
  });

  test('GIVEN a group binding for every ServiceAccount of the namespace THEN a declared ServiceAccount has permissions, one absent from the input has none (like forServiceAccount)', () => {
    const index = indexOf([serviceAccount('web'), reader, groupBinding]);
    expect(EffectiveAccessOf.hasPermissions(index, undefined, 'web')).toBe(true);
    expect(EffectiveAccessOf.hasPermissions(index, undefined, 'ghost')).toBe(false);
    expect(EffectiveAccessOf.of(index).forServiceAccount('default', 'ghost')).toBeUndefined();
  });

  test('GIVEN a binding to a Role that is not in the input THEN the named ServiceAccount has no permissions', () => {
    const index = indexOf([serviceAccount('web'), binding('web', { kind: 'Role', name: 'missing' }, [{ kind: 'ServiceAccount', name: 'web' }])]);
    expect(EffectiveAccessOf.hasPermissions(index, undefined, 'web')).toBe(false);
  });
});

describe('EffectiveAccessOf.of', () => {
  test('GIVEN a ClusterRoleBinding before a RoleBinding in the input THEN the grants come in input order, as EffectiveAccess.compute gives them over the whole input', () => {
    const manifests = [
      binding('crb', { kind: 'ClusterRole', name: 'secret-reader' }, [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], 'ClusterRoleBinding'),
      role('secret-reader', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], 'ClusterRole'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ignored' } },
      serviceAccount('web'),
      role('pod-lister', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }]),
      binding('rb', { kind: 'Role', name: 'pod-lister' }, [{ kind: 'ServiceAccount', name: 'web' }]),
    ];
    const access = EffectiveAccessOf.of(indexOf(manifests)).forServiceAccount('default', 'web');
    expect(access?.grants.map((g) => `${g.binding.kind} ${g.verb} ${g.resource}`)).toEqual(['ClusterRoleBinding get secrets', 'RoleBinding list pods']);
    expect(access).toEqual(EffectiveAccess.compute(manifests).forServiceAccount('default', 'web'));
  });

  test('GIVEN the same index twice THEN effective access is computed once', () => {
    const index = indexOf([serviceAccount('web'), reader]);
    expect(EffectiveAccessOf.of(index)).toBe(EffectiveAccessOf.of(index));
  });
});

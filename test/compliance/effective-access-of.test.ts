import { binding, role, serviceAccount } from './helpers';
import { EffectiveAccessOf } from '../../src/compliance/effective-access-of';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import type { Manifest } from '../../src/compliance/model';

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

import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';
import { SubjectIdentity } from '../../src/rbac/subject-identity';

describe('SubjectIdentity: which ServiceAccounts a binding subject stands for', () => {
  test('GIVEN Group system:serviceaccounts (and system:authenticated) THEN every ServiceAccount, default ones included', () => {
    expect(SubjectIdentity.reach({ kind: 'Group', name: 'system:serviceaccounts' })).toEqual({ scope: 'all', includesDefault: true, via: 'Group system:serviceaccounts' });
    expect(SubjectIdentity.reach({ kind: 'Group', name: 'system:authenticated' }).scope).toBe('all');
  });

  test('GIVEN User system:serviceaccount:NS:default THEN the default ServiceAccount of NS', () => {
    expect(SubjectIdentity.reach({ kind: 'User', name: 'system:serviceaccount:apps:default' }))
      .toEqual({ scope: 'one', namespace: 'apps', name: 'default', includesDefault: true, via: 'User system:serviceaccount:apps:default' });
    expect(SubjectIdentity.reach({ kind: 'User', name: 'system:serviceaccount:apps:web' }).includesDefault).toBe(false);
    expect(SubjectIdentity.reach({ kind: 'User', name: 'system:serviceaccount:apps:web:extra' }).scope).toBe('none');
  });

  test('GIVEN Group system:serviceaccounts:NS THEN every ServiceAccount of NS, its default one included', () => {
    expect(SubjectIdentity.reach({ kind: 'Group', name: 'system:serviceaccounts:apps' }))
      .toEqual({ scope: 'namespace', namespace: 'apps', includesDefault: true, via: 'Group system:serviceaccounts:apps' });
    expect(SubjectIdentity.reach({ kind: 'Group', name: 'system:serviceaccounts:' }).scope).toBe('none');
  });

  test('GIVEN a ServiceAccount subject without a namespace THEN the RoleBinding\'s namespace, else default', () => {
    expect(SubjectIdentity.reach({ kind: 'ServiceAccount', name: 'default' }, 'apps'))
      .toEqual({ scope: 'one', namespace: 'apps', name: 'default', includesDefault: true, via: 'ServiceAccount apps/default' });
    expect(SubjectIdentity.reach({ kind: 'ServiceAccount', name: 'web' }).namespace).toBe('default');
  });

  test('GIVEN other users and groups, or junk THEN none', () => {
    for (const subject of [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'system:masters' }, { kind: 'Group' }, null, 'x']) {
      expect(SubjectIdentity.reach(subject).scope).toBe('none');
    }
  });

  test('GIVEN each form bound in the model THEN the default ServiceAccount of apps holds the grant', () => {
    for (const subject of [
      { kind: 'User', name: 'system:serviceaccount:apps:default' },
      { kind: 'Group', name: 'system:serviceaccounts:apps' },
      { kind: 'Group', name: 'system:serviceaccounts' },
    ]) {
      const manifests: Manifest[] = [{
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'b' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [subject],
      }];
      expect(EffectiveAccess.compute(manifests).hasGrants('apps', 'default')).toBe(true);
    }
  });
});

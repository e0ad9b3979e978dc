import { role } from '../../helpers';
import { runRule } from '../../rule-harness';

/**
 * RBAC supports `*` alone and `*\/<subresource>` (`ResourceMatches`); `pods/*` and `*\/*` match
 * only a subresource literally named `*`, so they are no wildcard (main reported both as one).
 * Impersonating only `userextras/<key>` (what `*\/<key>` grants) changes no identity: the API
 * server refuses Impersonate-Extra-* without Impersonate-User.
 */
describe('literal subresource patterns', () => {
  test('GIVEN pods/* and */* THEN rbac/wildcard does not report them; * and */scale it does', () => {
    expect(runRule('rbac/wildcard', [role('r', [{ apiGroups: [''], resources: ['pods/*', '*/*'], verbs: ['get'] }])])).toEqual([]);
    expect(runRule('rbac/wildcard', [role('r', [{ apiGroups: ['apps'], resources: ['*', '*/scale'], verbs: ['get'] }])]).map((f) => f.target))
      .toEqual(['get *.apps', 'get */scale.apps']);
  });

  test('GIVEN pods/* with exec verbs THEN no rbac/exec-attach (pods/exec is not pods/*)', () => {
    expect(runRule('rbac/exec-attach', [role('r', [{ apiGroups: [''], resources: ['pods/*'], verbs: ['create', 'get'] }])])).toEqual([]);
  });

  test('GIVEN nonResourceURLs /* THEN rbac/wildcard (every URL); /apis/* (a prefix) THEN not', () => {
    expect(runRule('rbac/wildcard', [role('r', [{ nonResourceURLs: ['/*'], verbs: ['get'] }], 'ClusterRole')])).toMatchObject([{ severity: 'error', target: 'get /*' }]);
    expect(runRule('rbac/wildcard', [role('r', [{ nonResourceURLs: ['/apis/*', '/metrics'], verbs: ['get'] }], 'ClusterRole')])).toEqual([]);
  });
});

describe('impersonating user extras or uids alone', () => {
  test('GIVEN impersonate on */<key> or userextras/<key> alone THEN no rbac/escalate-bind-impersonate', () => {
    expect(runRule('rbac/escalate-bind-impersonate', [role('r', [
      { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes', 'uids'], verbs: ['impersonate'] },
      { apiGroups: ['*'], resources: ['*/scopes'], verbs: ['impersonate'] },
    ], 'ClusterRole')])).toEqual([]);
  });

  test('GIVEN impersonate on users alongside THEN that (and only that) is reported', () => {
    expect(runRule('rbac/escalate-bind-impersonate', [role('r', [
      { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] },
    ], 'ClusterRole')]).map((f) => f.target)).toEqual(['impersonate users']);
  });
});

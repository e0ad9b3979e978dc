import { WatchScope, WatchScopeKind } from '../../src';

describe('WatchScope', () => {
  test('ownNamespace lists no namespace (the bundle fills in its own)', () => {
    expect(WatchScope.ownNamespace()).toMatchObject({ kind: WatchScopeKind.OWN_NAMESPACE, namespaceNames: [] });
  });

  test('namespace and namespaces list what they are given, as a copy', () => {
    const given = ['team-a', 'team-b'];
    const scope = WatchScope.namespaces(given);
    given.push('team-c');
    expect(scope).toMatchObject({ kind: WatchScopeKind.NAMESPACES, namespaceNames: ['team-a', 'team-b'] });
    expect(WatchScope.namespace('team-a').namespaceNames).toEqual(['team-a']);
  });

  test('allNamespaces keeps its justification, or none', () => {
    expect(WatchScope.allNamespaces('Tenants add namespaces every day.')).toMatchObject({ kind: WatchScopeKind.ALL_NAMESPACES, justification: 'Tenants add namespaces every day.' });
    expect(WatchScope.allNamespaces().justification).toBeUndefined();
  });
});

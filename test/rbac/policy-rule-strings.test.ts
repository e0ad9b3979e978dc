import { expandRule, stringsOf, stringsOrEmptyOf } from '../../src/rbac/policy-rule';

describe('rule fields as the API server decodes them', () => {
  test('a null entry is "": in apiGroups the core group, in resourceNames the name "" (no object, not every object)', () => {
    expect(stringsOrEmptyOf(['apps', null, 7])).toEqual(['apps', '']);
    expect(expandRule({ apiGroups: [null as unknown as string], resources: ['secrets'], verbs: ['get'], resourceNames: [null as unknown as string] }))
      .toEqual([{ apiGroup: '', resource: 'secrets', verb: 'get', resourceNames: [''] }]);
  });

  test('in verbs, resources and URLs a null entry ("") matches nothing, so it is dropped; other junk too', () => {
    expect(stringsOf(['get', null, 7, {}])).toEqual(['get']);
    expect(stringsOf('get')).toEqual([]);
    expect(stringsOrEmptyOf(undefined)).toEqual([]);
  });
});

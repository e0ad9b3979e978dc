import { NamespacedMap } from '../../src/rbac/namespaced-map';

describe('NamespacedMap', () => {
  test('GIVEN entries in several namespaces THEN get and has find each by (namespace, name) and nothing else', () => {
    const map = new NamespacedMap<number>();
    map.set('apps', 'web', 1);
    map.set('db', 'web', 2);
    map.set('apps', 'web', 3);
    expect([map.get('apps', 'web'), map.get('db', 'web'), map.get('apps', 'db'), map.get('ops', 'web')]).toEqual([3, 2, undefined, undefined]);
    expect([map.has('apps', 'web'), map.has('db', 'apps'), map.has('ops', 'web')]).toEqual([true, false, false]);
  });

  test('GIVEN a name or namespace with a slash THEN no two keys collide (a joined key would: a/b + c = a + b/c)', () => {
    const map = new NamespacedMap<string>();
    map.set('a/b', 'c', 'first');
    map.set('a', 'b/c', 'second');
    expect([map.get('a/b', 'c'), map.get('a', 'b/c')]).toEqual(['first', 'second']);
  });

  test('GIVEN a number where YAML wrote one THEN it is the same key as its string, as a joined key made it', () => {
    const map = new NamespacedMap<string>();
    map.set(5 as unknown as string, 7 as unknown as string, 'numbers');
    expect(map.get('5', '7')).toBe('numbers');
    expect(map.has('5', 7 as unknown as string)).toBe(true);
  });

  test('GIVEN entries set across namespaces THEN forEach visits them namespace by namespace, each in the order first set', () => {
    const map = new NamespacedMap<number>();
    map.set('b', 'x', 1);
    map.set('a', 'y', 2);
    map.set('b', 'w', 3);
    map.set('b', 'x', 4);
    const seen: string[] = [];
    map.forEach((value, namespace, name) => seen.push(`${namespace}/${name}=${value}`));
    expect(seen).toEqual(['b/x=4', 'b/w=3', 'a/y=2']);
  });

  test('GIVEN copyFrom with a value copy THEN later changes to either map do not reach the other', () => {
    const base = new NamespacedMap<number[]>();
    base.set('apps', 'web', [1]);
    const copy = new NamespacedMap<number[]>();
    copy.copyFrom(base, (list) => [...list]);
    copy.get('apps', 'web')!.push(2);
    copy.set('apps', 'db', [3]);
    base.set('ops', 'job', [4]);
    expect([base.get('apps', 'web'), base.has('apps', 'db'), copy.has('ops', 'job'), copy.get('apps', 'web')]).toEqual([[1], false, false, [1, 2]]);
  });
});

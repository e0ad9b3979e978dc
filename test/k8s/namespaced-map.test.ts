import { NamespacedMap } from '../../src/k8s/namespaced-map';

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

  test('GIVEN copyFrom THEN the values are shared and later sets in either map do not reach the other', () => {
    const base = new NamespacedMap<number[]>();
    const list = [1];
    base.set('apps', 'web', list);
    const copy = new NamespacedMap<number[]>();
    copy.copyFrom(base);
    copy.set('apps', 'db', [3]);
    copy.set('apps', 'web', [2]);
    base.set('ops', 'job', [4]);
    expect([base.get('apps', 'web'), base.has('apps', 'db'), copy.has('ops', 'job'), copy.get('apps', 'web'), copy.get('apps', 'db')]).toEqual([[1], false, false, [2], [3]]);
    const shared = new NamespacedMap<number[]>();
    shared.copyFrom(base);
    expect(shared.get('apps', 'web')).toBe(list);
  });
});

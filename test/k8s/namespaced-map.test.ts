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

  test('GIVEN a map over a base THEN it reads the base entries, its own sets win and stay its own, and the values are shared', () => {
    const base = new NamespacedMap<number[]>();
    const list = [1];
    base.set('apps', 'web', list);
    base.set('ops', 'job', [4]);
    const over = new NamespacedMap<number[]>(base);
    expect(over.get('apps', 'web')).toBe(list);
    over.set('apps', 'db', [3]);
    over.set('apps', 'web', [2]);
    over.set('new', 'one', [5]);
    expect([base.get('apps', 'web'), base.has('apps', 'db'), base.has('new', 'one')]).toEqual([[1], false, false]);
    expect([over.get('apps', 'web'), over.get('apps', 'db'), over.get('ops', 'job'), over.has('ops', 'job'), over.has('apps', 'zzz')]).toEqual([[2], [3], [4], true, false]);
  });

  test('GIVEN a map over a base THEN namespaces, namesIn and forEach give the order a copy of base would: the base ones first, then the new ones in their namespace', () => {
    const base = new NamespacedMap<number>();
    base.set('b', 'x', 1);
    base.set('a', 'y', 2);
    const over = new NamespacedMap<number>(base);
    over.set('c', 'z', 3);
    over.set('b', 'w', 4);
    over.set('b', 'x', 5);
    const seen: string[] = [];
    over.forEach((value, namespace, name) => seen.push(`${namespace}/${name}=${value}`));
    expect(seen).toEqual(['b/x=5', 'b/w=4', 'a/y=2', 'c/z=3']);
    expect(over.namespaces()).toEqual(['b', 'a', 'c']);
    expect([over.namesIn('b'), over.namesIn('a'), over.namesIn('none')]).toEqual([['x', 'w'], ['y'], []]);
    expect([base.namespaces(), base.namesIn('b')]).toEqual([['b', 'a'], ['x']]);
  });
});

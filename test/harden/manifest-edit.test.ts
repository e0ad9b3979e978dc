import { ManifestEdits } from '../../src/harden/manifest-edit';

describe('ManifestEdits', () => {
  test('GIVEN sets, appends and removals THEN removals use the indices as read (applied last, from the end)', () => {
    const object = { list: ['a', 'b', 'c', 'd'], map: { x: 1 } };
    const result = ManifestEdits.applied(object, [
      { op: 'remove', path: ['list'], index: 1 },
      { op: 'append', path: ['list'], value: 'e' },
      { op: 'remove', path: ['list'], index: 3 },
      { op: 'set', path: ['map'], key: 'y', value: { deep: [1] } },
      { op: 'set', path: ['map'], key: 'x', value: 2 },
    ]);
    expect(result).toEqual({ list: ['a', 'c', 'e'], map: { x: 2, y: { deep: [1] } } });
    expect(object).toEqual({ list: ['a', 'b', 'c', 'd'], map: { x: 1 } });
  });

  test('GIVEN sortedKeys (cdk8s output) THEN a new key and the new value\'s keys keep the sorted order; an unsorted mapping keeps its order', () => {
    const sorted: any = { apiVersion: 'v1', kind: 'X', metadata: {}, zeta: 1 };
    ManifestEdits.applyTo(sorted, [{ op: 'set', path: [], key: 'automount', value: { z: 1, a: 2 } }], true);
    expect(Object.keys(sorted)).toEqual(['apiVersion', 'automount', 'kind', 'metadata', 'zeta']);
    expect(Object.keys(sorted.automount)).toEqual(['a', 'z']);
    const unsorted: any = { b: 1, a: 2 };
    ManifestEdits.applyTo(unsorted, [{ op: 'set', path: [], key: 'c', value: 3 }], true);
    expect(Object.keys(unsorted)).toEqual(['b', 'a', 'c']);
  });

  test('GIVEN a value set twice from one edit THEN the two places do not share it', () => {
    const value = { name: 'v' };
    const result: any = ManifestEdits.applied({ a: {}, b: {} }, [{ op: 'set', path: ['a'], key: 'v', value }, { op: 'set', path: ['b'], key: 'v', value }]);
    result.a.v.name = 'changed';
    expect(result.b.v.name).toBe('v');
    expect(value.name).toBe('v');
  });

  test('GIVEN a path to nothing THEN it says so (a planner bug, never user input)', () => {
    expect(() => ManifestEdits.applied({ a: 1 }, [{ op: 'append', path: ['a'], value: 1 }])).toThrow('harden: no collection at /a');
  });
});

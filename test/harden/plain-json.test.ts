import * as vm from 'vm';
import { PlainJson } from '../../src/harden/plain-json';

describe('PlainJson', () => {
  test('GIVEN values read from YAML (.inf, .nan, nested) THEN the copy is equal and independent', () => {
    const value = { a: [1, { b: Infinity }], c: NaN, d: null, e: 'x' };
    const copy = PlainJson.copy(value);
    expect(PlainJson.equal(copy, value)).toBe(true);
    (copy.a[1] as any).b = 1;
    expect((value.a[1] as any).b).toBe(Infinity);
  });

  test('GIVEN objects from another realm THEN they are equal when their content is (isDeepStrictEqual would say no)', () => {
    const other = vm.runInNewContext('({ a: [1, { b: "x" }] })');
    expect(PlainJson.equal(other, { a: [1, { b: 'x' }] })).toBe(true);
  });

  test.each([
    [{ a: 1 }, { a: 1, b: undefined }], [{ a: [1] }, { a: { 0: 1 } }], [[1, 2], [1]], [{ a: 1 }, { b: 1 }], [1, '1'], [null, {}],
  ])('GIVEN %j and %j THEN they differ', (a, b) => {
    expect(PlainJson.equal(a, b)).toBe(false);
  });

  test('GIVEN the same keys in another order THEN they are equal (key order is not content)', () => {
    expect(PlainJson.equal({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});

import { JsonValues } from '../../src/reader/json-values';

/** A value nested `depth` levels: {k: {k: ... [ ... ] }}. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { k: value } : [value, 1];
  return value;
}

describe('JsonValues: plain JSON values without recursion (kubectl reads 10,000 levels)', () => {
  test('stringify writes what JSON.stringify writes, also past the stack JSON.stringify needs', () => {
    const value = { 'a': [1, 'two', null, { b: true }], 'quote"key': 'line\nbreak \u2028', 'empty': {}, 'list': [] };
    expect(JsonValues.stringify(value)).toBe(JSON.stringify(value));
    const deep = nested(20_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    let expected = '"leaf"';
    for (let i = 0; i < 20_000; i++) expected = i % 2 === 0 ? `{"k":${expected}}` : `[${expected},1]`;
    expect(JsonValues.stringify(deep)).toBe(expected);
  });

  test('clone is deep, keeps __proto__ as an own key and copies 20,000 levels', () => {
    const original = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": [{"b": 1}]}');
    const copy = JsonValues.clone(original) as any;
    expect(copy).toEqual(original);
    expect(copy.a).not.toBe(original.a);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();
    expect(() => JsonValues.clone(nested(20_000))).not.toThrow();
  });

  test('nonFinite names the first infinity or NaN, as Go names it', () => {
    expect(JsonValues.nonFinite({ a: [1, { b: -Infinity }] })).toBe('-Inf');
    expect(JsonValues.nonFinite([NaN])).toBe('NaN');
    expect(JsonValues.nonFinite({ a: 1 })).toBeUndefined();
  });
});

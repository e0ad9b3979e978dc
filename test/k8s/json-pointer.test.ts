import { JsonPointer } from '../../src/k8s/json-pointer';

describe('JsonPointer', () => {
  test('GIVEN a segment with ~ and / THEN segment escapes both as RFC 6901 says (~ first)', () => {
    expect(JsonPointer.segment('a~b/c')).toBe('a~0b~1c');
    expect(JsonPointer.segment('~1')).toBe('~01');
    expect(JsonPointer.segment(3)).toBe('3');
  });

  test('GIVEN segments THEN of joins them escaped; no segments is the whole document', () => {
    expect(JsonPointer.of(['metadata', 'annotations', 'guardrails.cdk8s.io/suppress'])).toBe('/metadata/annotations/guardrails.cdk8s.io~1suppress');
    expect(JsonPointer.of([])).toBe('');
  });
});

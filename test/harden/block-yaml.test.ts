import { parse } from 'yaml';
import { BlockYaml } from '../../src/harden/block-yaml';

describe('BlockYaml', () => {
  test.each([
    ['token', 'token'], ['ca.crt', 'ca.crt'], ['/var/run/secrets/kubernetes.io/serviceaccount', '/var/run/secrets/kubernetes.io/serviceaccount'],
    ['yes', '"yes"'], ['No', '"No"'], ['on', '"on"'], ['OFF', '"OFF"'], ['y', '"y"'], ['null', '"null"'], ['', '""'],
    ['0644', '"0644"'], ['1_000', '"1_000"'], ['3600', '"3600"'], ['2024-01-01', '"2024-01-01"'], ['1:20', '"1:20"'], ['.inf', '".inf"'],
    ['a b', '"a b"'], ['a: b', '"a: b"'], ['#x', '"#x"'], ['*alias', '"*alias"'], ['line\nbreak', '"line\\nbreak"'],
    [true, 'true'], [false, 'false'], [3600, '3600'], [null, 'null'],
  ])('GIVEN %j THEN it is written %s, which YAML 1.1 and 1.2 read back as the same value', (value, text) => {
    expect(BlockYaml.scalar(value)).toBe(text);
    for (const version of ['1.1', '1.2'] as const) expect(parse(`v: ${text}\n`, { version })).toEqual({ v: value });
  });

  test('GIVEN a nested value THEN it is block YAML at the indentation, sequences indented as asked', () => {
    const value = { name: 'v', projected: { sources: [{ configMap: { name: 'c', items: [{ key: 'k', path: 'p' }] } }] }, empty: [], none: {} };
    expect(BlockYaml.item(value, 2, 0)).toBe('  - name: v\n    projected:\n      sources:\n      - configMap:\n          name: c\n          items:\n          - key: k\n            path: p\n    empty: []\n    none: {}\n');
    expect(BlockYaml.entry('volumes', [value], 0, 2)).toBe('volumes:\n  - name: v\n    projected:\n      sources:\n        - configMap:\n            name: c\n            items:\n              - key: k\n                path: p\n    empty: []\n    none: {}\n');
    expect(parse(BlockYaml.entry('volumes', [value], 4, 0))).toEqual({ volumes: [value] });
  });
});

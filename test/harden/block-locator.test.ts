import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { Document } from 'yaml';
import { BlockLocator } from '../../src/harden/block-locator';
import { HardenInput } from '../../src/harden/harden-input';
import type { LocatedNode } from '../../src/harden/located-yaml';
import { YamlLibLocator } from '../../src/harden/yaml-lib-locator';
import { RUNS } from '../reliability/arbitraries';

const ROOT = path.join(__dirname, '..', '..');
const FILES = [
  ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'harden')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(ROOT, 'test', 'fixtures', 'harden', f)),
  ...fs.readdirSync(path.join(ROOT, 'test', 'fixtures', 'cli')).filter((f) => f.endsWith('.yaml')).map((f) => path.join(ROOT, 'test', 'fixtures', 'cli', f)),
  path.join(ROOT, 'examples', 'third-party-operator', 'vendor', 'acme-gadget-operator.yaml'),
];

/** The yaml package's tree, with what the fast locator leaves unread (non-empty flow collections) reduced to their span. */
function normalized(node: LocatedNode): LocatedNode {
  if ((node.type === 'map' || node.type === 'seq') && node.flow && (node.type === 'map' ? node.entries : node.items).length > 0) {
    return { type: 'opaque', start: node.start, end: node.end, reason: 'a flow collection' };
  }
  if (node.type === 'map') return { ...node, entries: node.entries.map((e) => ({ ...e, value: normalized(e.value) })) };
  if (node.type === 'seq') return { ...node, items: node.items.map(normalized) };
  return node;
}

/** Every document of the text: where the fast locator reads one, it must locate what the yaml package locates. */
function agreement(text: string): { read: number; leftOut: number } {
  let read = 0;
  let leftOut = 0;
  for (const d of HardenInput.read(text, 'x.yaml').documents) {
    const piece = text.slice(d.start, d.end);
    const fast = BlockLocator.locate(piece);
    if (!fast) {
      leftOut++;
      continue;
    }
    read++;
    expect(fast).toEqual(normalized(YamlLibLocator.locate(piece)!));
  }
  return { read, leftOut };
}

describe('BlockLocator: the same positions as the yaml package, where it reads a document', () => {
  test.each(FILES.map((f) => [path.relative(ROOT, f), f]))('GIVEN %s THEN every document it reads is located as the yaml package locates it', (_, file) => {
    agreement(fs.readFileSync(file, 'utf-8'));
  });

  test('GIVEN the fixtures in upstream shapes THEN it reads all their documents (they are plain block YAML)', () => {
    for (const file of FILES.filter((f) => f.includes(path.join('fixtures', 'harden')) || f.includes('vendor'))) {
      expect({ file, ...agreement(fs.readFileSync(file, 'utf-8')) }).toEqual({ file, read: expect.any(Number), leftOut: 0 });
    }
  });

  test('GIVEN random manifests written in block style THEN it reads them all and agrees', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('map'), tie('list')),
      map: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9.\/-]{0,12}$/), tie('value'), { maxKeys: 4 }),
      list: fc.array(tie('value'), { maxLength: 3 }),
    }));
    let read = 0;
    fc.assert(fc.property(json.map, fc.boolean(), (object, indentSeq) => {
      const text = new Document({ apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, ...object }, { version: '1.1' }).toString({ indentSeq, lineWidth: 0 });
      const fast = BlockLocator.locate(text);
      if (fast) {
        read++;
        expect(fast).toEqual(normalized(YamlLibLocator.locate(text)!));
      }
    }), { numRuns: RUNS.rbac });
    // Most generated documents are in the subset (the rest hold multi-line or odd scalars).
    expect(read).toBeGreaterThan(RUNS.rbac / 3);
  });

  test.each([
    ['an anchor', 'a: &x 1\n'],
    ['an alias', 'a: 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a complex key', '? a\n: 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a kept block scalar', 'a: |+\n  x\n\n'],
    ['a tab in the indentation', 'a:\n\tb: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['content after ---', '--- a: 1\n'],
    ['a nested sequence on one line', 'a:\n- - 1\n'],
    ['a lone CR line break', 'a: 1\rb: 2\n'],
  ])('GIVEN %s THEN it gives up (the yaml package reads it)', (_, text) => {
    expect(BlockLocator.locate(text)).toBeUndefined();
  });

  test('GIVEN a scalar document or nothing THEN there is no mapping to locate', () => {
    expect(BlockLocator.locate('# only a comment\n')).toBeUndefined();
  });
});

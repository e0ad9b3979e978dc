import * as fc from 'fast-check';
import { BlockFastPath } from '../../src/reader/yaml/block-fast-path';
import { YamlDecoder } from '../../src/reader/yaml/decoder';

/*
 * The fast path for generator-style YAML must read exactly what the full go-yaml port reads, or
 * give up: on every document it accepts, both give the same value and the same start. Documents
 * are generated in the styles generators write (and a few they do not), so that it both accepts
 * most of them and is pushed to its edges.
 */

const STRINGS = ['web', 'two words', 'yes', 'No', '0644', '08', '1_000', '1e3', '~', 'null', '', '-5', '--flag=x', 'a:b', 'a#b', 'x #y', 'a: b',
  '- x', '[x]', '{}', '"q"', 'it\'s', 'multi\nline', 'end\n', 'end\n\n', '  lead', 'trail ', 'é😀', '<<', ':x', '?x', '%x', '@x', '&a', '*a', '!t'];
const KEYS = ['name', 'image', 'with space', 'yes', '8080', 'a.b/c', '__proto__', 'x-1', '0x10', '~'];

type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...STRINGS),
    fc.integer({ min: -1000, max: 100000 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { maxLength: 4, selector: ([k]) => k }).map((entries) => Object.fromEntries(entries)),
  ),
})).node;

/** Writes a tree as block YAML with random styles: what generators write, and some of what they do not. */
function render(value: Tree, choices: readonly number[]): string {
  let n = 0;
  const pick = (k: number) => choices[n++ % choices.length] % k;
  const lines: string[] = [];
  const scalar = (v: string | number | boolean | null, indent: number): string => {
    if (typeof v !== 'string') return v === null && pick(2) === 0 ? '' : String(v);
    const style = pick(4);
    if (v.includes('\n') && style < 2) {
      const chomp = v.endsWith('\n\n') ? '+' : v.endsWith('\n') ? '' : '-';
      const body = v.replace(/\n+$/, '').split('\n').map((l) => (l === '' ? '' : `${' '.repeat(indent + 2)}${l}`)).join('\n');
      return `|${chomp}\n${body}`;
    }
    if (style === 0) return `'${v.replace(/'/g, '\'\'')}'`;
    if (style === 1) return JSON.stringify(v);
    return v; // plain, whatever it means
  };
  const entry = (head: string, v: Tree, indent: number) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return void lines.push(`${head} []`);
      lines.push(`${head}${pick(5) === 0 ? ' # comment' : ''}`);
      seq(v, pick(2) === 0 ? indent : indent + 2);
    } else if (v !== null && typeof v === 'object') {
      if (Object.keys(v).length === 0) return void lines.push(`${head} {}`);
      lines.push(head);
      map(v, indent + 2);
    } else {
      lines.push(`${head} ${scalar(v, indent)}${pick(6) === 0 ? ' # trailing' : ''}`);
    }
  };
  const map = (m: { [key: string]: Tree }, indent: number) => {
    for (const [k, v] of Object.entries(m)) {
      if (pick(8) === 0) lines.push(pick(2) === 0 ? '' : `${' '.repeat(indent)}# note`);
      entry(`${' '.repeat(indent)}${k}:`, v, indent);
    }
  };
  const seq = (items: Tree[], indent: number) => {
    for (const item of items) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0 && pick(2) === 0) {
        // compact: `- key: value` and the other keys under it
        const [first, ...rest] = Object.entries(item);
        entry(`${' '.repeat(indent)}- ${first[0]}:`, first[1], indent + 2);
        map(Object.fromEntries(rest), indent + 2);
      } else {
        entry(`${' '.repeat(indent)}-`, item, indent);
      }
    }
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) map(value, pick(3) === 0 ? 2 : 0);
  else if (Array.isArray(value)) seq(value, 0);
  else lines.push(scalar(value, 0));
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `compare` on every generated document the fast path accepts (decoded with or without
 * sources), and checks that it accepts most of them.
 */
function onAcceptedDocuments(withSource: boolean, compare: (text: string, fast: NonNullable<ReturnType<typeof BlockFastPath.decode>>) => void): void {
  let accepted = 0;
  let total = 0;
  fc.assert(fc.property(tree, fc.array(fc.nat(), { minLength: 32, maxLength: 32 }), (value, choices) => {
    const text = render(value, choices);
    total++;
    const fast = BlockFastPath.applies(text) ? BlockFastPath.decode(text, withSource) : undefined;
    if (fast === undefined) return;
    accepted++;
    compare(text, fast);
  }), { numRuns: 3000 });
  expect(accepted / total).toBeGreaterThan(0.3);
}

describe('the block fast path reads what the full go-yaml port reads', () => {
  test('on every generated document it accepts, the same value and start; it accepts most of them', () => {
    onAcceptedDocuments(false, (text, fast) => {
      const full = YamlDecoder.decode(text);
      expect({ value: fast.value, start: fast.start }).toEqual({ value: full.value, start: full.start });
    });
  });

  test('with sources, on every generated document it accepts, the same value, start and place of every part (what locating a finding reads)', () => {
    onAcceptedDocuments(true, (text, fast) => expect(fast).toEqual(YamlDecoder.decode(text, true)));
  });

  test.each([
    ['an indentless sequence and a compact mapping', 'a:\n- x\n- k: 1\n  j: 2\nb: c\n', true],
    ['a literal block at the end of the text', 'a: |\n  one\n  two\n', true],
    ['keep and strip chomping with trailing empty lines', 'a: |+\n  one\n\n\nb: |-\n  two\n\n', true],
    ['an empty block scalar before the next key', 'a: |\nb: x\n', true],
    ['a block scalar with deeper lines and a comment-looking line', 'a: |\n  one\n    deeper\n  # not a comment\nb: 1\n', true],
    ['a nested empty value and null items', 'a:\nb:\n  -\n  - ~\n  -\n', true],
    ['comments everywhere', '# head\na: 1 # one\n# mid\nb:\n  # inner\n  c: 2\n', true],
    ['a document indented as a whole', '  a: 1\n  b: 2\n', true],
    ['escapes in double quotes', 'a: "tab\\t, quote \\", unicode \\u00e9 \\U0001F600, hex \\x41, nel \\N"\n', true],
    ['a root sequence with a nested one (given up)', '- a\n- - b\n', false],
  ])('%s: the same as the full port', (_, text, accepted) => {
    const fast = BlockFastPath.decode(text);
    expect(fast !== undefined).toBe(accepted);
    if (fast !== undefined) {
      const full = YamlDecoder.decode(text);
      expect(fast).toEqual({ value: full.value, start: full.start });
      // With sources: every key, item and empty value where the full port puts it.
      expect(BlockFastPath.decode(text, true)).toEqual(YamlDecoder.decode(text, true));
    }
  });

  test.each([
    ['anchors', 'a: &x 1\nb: *x\n'],
    ['flow collections', 'a: [1, 2]\n'],
    ['a quoted key', '"a": 1\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a folded scalar', 'a: >\n  one\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a mapping value in a plain scalar', 'a: b: c\n'],
    ['an escaped line break in double quotes', 'a: "x\\\n  y"\n'],
    ['an unknown escape', 'a: "x\\qy"\n'],
  ])('%s: the fast path gives up', (_, text) => {
    expect(BlockFastPath.applies(text) ? BlockFastPath.decode(text) : undefined).toBeUndefined();
  });
});

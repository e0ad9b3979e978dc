import { parseXml } from './xml-check';
import { escapeXml, xmlAttributes } from '../../../src/compliance/report/xml';

describe('escapeXml', () => {
  test('GIVEN markup characters THEN they become the predefined entities, in content and attributes', () => {
    expect(escapeXml('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeXml('a & b < c > d', true)).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });

  test('GIVEN quotes, tab, newline and carriage return THEN content keeps them and attributes write references', () => {
    expect(escapeXml('"x" \'y\'\t\n\r')).toBe('"x" \'y\'\t\n\r');
    expect(escapeXml('"x" \'y\'\t\n\r', true)).toBe('&quot;x&quot; &apos;y&apos;&#9;&#10;&#13;');
  });

  test('GIVEN characters XML 1.0 cannot carry THEN each becomes a visible \\uXXXX; allowed neighbours stay', () => {
    expect(escapeXml('\u0000\u0001\u0008\u000b\u000c\u000e\u001f')).toBe('\\u0000\\u0001\\u0008\\u000b\\u000c\\u000e\\u001f');
    expect(escapeXml('\u0020\u007f\u0085\ud7ff\ue000\ufffd')).toBe('\u0020\u007f\u0085\ud7ff\ue000\ufffd');
    expect(escapeXml('\ufffe\uffff')).toBe('\\ufffe\\uffff');
  });

  test('GIVEN surrogates THEN a valid pair is kept and a lone or reversed one is replaced', () => {
    expect(escapeXml('\ud83d\ude00\udbff\udfff\ud800\udc00')).toBe('\ud83d\ude00\udbff\udfff\ud800\udc00');
    expect(escapeXml('a\ud800')).toBe('a\\ud800');
    expect(escapeXml('\udbffb')).toBe('\\udbffb');
    expect(escapeXml('\udc00x')).toBe('\\udc00x');
    expect(escapeXml('\ude00\ud83d')).toBe('\\ude00\\ud83d');
    expect(escapeXml('\ud83d\ud83d\ude00')).toBe('\\ud83d\ud83d\ude00');
    expect(escapeXml('\udfff\ue000')).toBe('\\udfff\ue000');
    expect(escapeXml('\udc00\udc01')).toBe('\\udc00\\udc01');
    expect(escapeXml('x\udc00')).toBe('x\\udc00');
    expect(escapeXml('\ud800\ue000')).toBe('\\ud800\ue000');
    expect(escapeXml('')).toBe('');
  });

  test('GIVEN every UTF-16 code unit in attribute text THEN the result parses as well-formed XML', () => {
    let all = '';
    for (let c = 0; c <= 0xffff; c++) all += String.fromCharCode(c);
    expect(() => parseXml(`<a${xmlAttributes({ v: all })}>${escapeXml(all)}</a>`)).not.toThrow();
  });
});

describe('xmlAttributes', () => {
  test('GIVEN strings, numbers and undefined THEN it writes the set ones in order, escaped, and skips undefined', () => {
    expect(xmlAttributes({ name: 'a"<b>', count: 0, missing: undefined, empty: '' })).toBe(' name="a&quot;&lt;b&gt;" count="0" empty=""');
    expect(xmlAttributes({})).toBe('');
  });
});

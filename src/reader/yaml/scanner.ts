/* eslint-disable no-bitwise */ // `charCodeAt(i) | 0` reads 0 past the end of the text, as go-yaml reads NUL there
import { YamlError } from './yaml-error';

/*
 * The YAML scanner of go-yaml v2 (gopkg.in/yaml.v2 scannerc.go, a port of libyaml), which
 * sigs.k8s.io/yaml and therefore kubectl use, ported to JavaScript strings. It is ported rule for
 * rule (simple keys, the 1024-character key limit, indentation, the 10,000-level depth limits,
 * tabs, YAML 1.1 line breaks), so that it accepts and refuses exactly what kubectl does and
 * splits scalars exactly where kubectl does. Read kubernetes/kubernetes
 * vendor/gopkg.in/yaml.v2/scannerc.go side by side: function names match.
 *
 * YAML 1.1 line breaks: CR, LF, CR LF, NEL (U+0085), LS (U+2028) and PS (U+2029), also inside
 * comments (a comment ends at any of them). In scalars CR, LF and NEL read as "\n"; LS and PS are
 * kept as themselves, and only "\n" folds to a space.
 *
 * Differences that cannot matter: positions are UTF-16 offsets (columns count an astral
 * character as two, which only shifts columns after such a character on the same line), and a
 * byte order mark in the middle of a text is an ordinary character.
 */

export enum Tok {
  STREAM_START = 1, STREAM_END, VERSION_DIRECTIVE, TAG_DIRECTIVE, DOCUMENT_START, DOCUMENT_END,
  BLOCK_SEQUENCE_START, BLOCK_MAPPING_START, BLOCK_END, FLOW_SEQUENCE_START, FLOW_SEQUENCE_END,
  FLOW_MAPPING_START, FLOW_MAPPING_END, BLOCK_ENTRY, FLOW_ENTRY, KEY, VALUE, ALIAS, ANCHOR, TAG, SCALAR,
}

export enum Style { PLAIN = 1, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

/** One token; `value` is the scalar text, anchor name, tag handle or directive handle. */
export interface Token {
  type: Tok;
  /** Offset of the token's first character. */
  start: number;
  value: string;
  /** Tag suffix, or %TAG prefix. */
  suffix: string;
  style: Style;
  major: number;
  minor: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  pos: number;
  line: number;
  column: number;
}

/** Both depth limits of go-yaml v2 (max_flow_level, max_indents). */
const MAX_DEPTH = 10000;
/** An implicit key must end (with ':') at most this many characters after it starts. */
const MAX_SIMPLE_KEY_LENGTH = 1024;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const NEL = 0x85;
const LS = 0x2028;
const PS = 0x2029;

function isBreak(c: number): boolean {
  return c === LF || c === CR || c === NEL || c === LS || c === PS;
}

/** A line break or the end of the text (the scanner reads 0 past the end). */
function isBreakZ(c: number): boolean {
  return c === LF || c === CR || c === 0 || c === NEL || c === LS || c === PS;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBlankZ(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c === 0 || c === NEL || c === LS || c === PS;
}

/** go-yaml's is_alpha: ASCII letters, digits, '_' and '-' (anchor names, tag handles). */
function isAlpha(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hexValue(c: number): number {
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return c - 48;
}

/** A lookup table of ASCII characters. */
function asciiSet(chars: string): { has(c: number): boolean } {
  const table = new Uint8Array(128);
  for (const ch of chars) table[ch.charCodeAt(0)] = 1;
  return { has: (c: number) => c < 128 && table[c] === 1 };
}

/** The characters a tag URI may hold besides `isAlpha` (scan_tag_uri). */
const URI_CHARS = asciiSet(';/?:@&=+$,.!~*\'()[]%');

/** Characters that cannot start a plain scalar (fetch_next_token), besides blanks. */
const NOT_PLAIN_START = asciiSet('-?:,[]{}#&*!|>\'"%@`');

/** Characters that may follow an anchor or alias name (scan_anchor). */
const AFTER_ANCHOR = asciiSet('?:,]}%@`');

/** The escape sequences of double-quoted scalars that stand for one fixed character. */
const ESCAPES: Record<number, string> = {
  48: '\0',
  97: '\x07',
  98: '\b',
  116: '\t',
  9: '\t',
  110: '\n',
  118: '\v',
  102: '\f',
  114: '\r',
  101: '\x1b',
  32: ' ',
  34: '"',
  39: '\'',
  92: '\\',
  78: '\x85',
  95: '\xa0',
  76: '\u2028',
  80: '\u2029',
};

/**
 * The escape sequence of a double-quoted scalar at `i` (the backslash): the characters it stands
 * for and its length, or undefined if go-yaml refuses it (an unknown escape, bad hex digits, a
 * surrogate or a code point over U+10FFFF). Escaped line breaks are the scanner's business.
 */
export function doubleQuotedEscape(text: string, i: number): { readonly value: string; readonly length: number } | undefined {
  const e = text.charCodeAt(i + 1) | 0;
  const fixed = ESCAPES[e];
  if (fixed !== undefined) return { value: fixed, length: 2 };
  const digits = e === 120 /* x */ ? 2 : e === 117 /* u */ ? 4 : e === 85 /* U */ ? 8 : 0;
  if (digits === 0) return undefined;
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const c = text.charCodeAt(i + 2 + k) | 0;
    if (!isHex(c)) return undefined;
    value = value * 16 + hexValue(c);
  }
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return undefined;
  return { value: String.fromCodePoint(value), length: 2 + digits };
}

export class Scanner {
  /** Offset of the next character. */
  public pos = 0;
  /** Line of the next character (0-based, counted by YAML line breaks). */
  public line = 0;
  private lineStart = 0;

  private streamStartProduced = false;
  private streamEndProduced = false;
  private flowLevel = 0;
  private readonly tokens: Token[] = [];
  private tokensHead = 0;
  /** One past the last queued token (slots are reused; the array never shrinks). */
  private tokensTail = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();
  private readonly free: Token[] = [];
  /** Set by scanBlockScalarBreaks: the block scalar's indentation. */
  private blockIndent = 0;

  constructor(private readonly text: string) {}

  /** The next token, without consuming it. */
  public peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead];
  }

  /** Consumes the token returned by `peek`. Its object is reused: copy what is needed first. */
  public skipToken(): void {
    const token = this.tokens[this.tokensHead];
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = token.type === Tok.STREAM_END;
    if (++this.tokensHead === this.tokensTail) {
      this.tokensHead = 0;
      this.tokensTail = 0;
    }
    this.free.push(token);
  }

  /** The character at `i`, 0 past the end (charCodeAt gives NaN there, and NaN | 0 is 0). */
  private at(i: number): number {
    return this.text.charCodeAt(i) | 0;
  }

  private get queued(): number {
    return this.tokensTail - this.tokensHead;
  }

  private get column(): number {
    return this.pos - this.lineStart;
  }

  private error(problem: string, pos = this.pos): never {
    throw new YamlError(problem, pos);
  }

  private token(type: Tok, start: number): Token {
    const token = this.free.pop() ?? { type, start, value: '', suffix: '', style: Style.PLAIN, major: 0, minor: 0 };
    token.type = type;
    token.start = start;
    token.value = '';
    token.suffix = '';
    return token;
  }

  /** yaml_insert_token: append (`at` < 0) or insert `at` places after the queue head. */
  private insertToken(at: number, token: Token): void {
    const tokens = this.tokens;
    if (at < 0) {
      tokens[this.tokensTail++] = token;
      return;
    }
    const index = this.tokensHead + at;
    for (let i = this.tokensTail; i > index; i--) tokens[i] = tokens[i - 1];
    tokens[index] = token;
    this.tokensTail++;
  }

  /** Skips a line break (CR LF counts as one). */
  private skipLine(): void {
    const c = this.at(this.pos);
    if (c === CR && this.at(this.pos + 1) === LF) this.pos += 2;
    else if (isBreak(c)) this.pos++;
    else return;
    this.line++;
    this.lineStart = this.pos;
  }

  /** read_line: consumes a line break and returns what it stands for in a scalar. */
  private readLine(): string {
    const c = this.at(this.pos);
    let result: string;
    if (c === CR && this.at(this.pos + 1) === LF) {
      this.pos += 2;
      result = '\n';
    } else if (c === CR || c === LF || c === NEL) {
      this.pos++;
      result = '\n';
    } else if (c === LS || c === PS) {
      this.pos++;
      result = String.fromCharCode(c);
    } else {
      return '';
    }
    this.line++;
    this.lineStart = this.pos;
    return result;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokensTail) {
        // A potential simple key at the head of the queue: its KEY token may still be inserted before it.
        const index = this.simpleKeysByTok.get(this.tokensParsed);
        if (index === undefined || !this.simpleKeyIsValid(this.simpleKeys[index])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const pos = this.pos;
    const c = this.at(pos);
    if (pos >= this.text.length) {
      this.fetchStreamEnd();
      return;
    }
    const column = this.column;
    if (column === 0 && c === 37 /* % */) {
      this.fetchDirective();
      return;
    }
    if (column === 0 && ((c === 45 && this.at(pos + 1) === 45 && this.at(pos + 2) === 45)
      || (c === 46 && this.at(pos + 1) === 46 && this.at(pos + 2) === 46)) && isBlankZ(this.at(pos + 3))) {
      this.fetchDocumentIndicator(c === 45 ? Tok.DOCUMENT_START : Tok.DOCUMENT_END);
      return;
    }
    switch (c) {
      case 91: /* [ */ this.fetchFlowCollectionStart(Tok.FLOW_SEQUENCE_START); return;
      case 123: /* { */ this.fetchFlowCollectionStart(Tok.FLOW_MAPPING_START); return;
      case 93: /* ] */ this.fetchFlowCollectionEnd(Tok.FLOW_SEQUENCE_END); return;
      case 125: /* } */ this.fetchFlowCollectionEnd(Tok.FLOW_MAPPING_END); return;
      case 44: /* , */ this.fetchFlowEntry(); return;
      default: break;
    }
    const next = this.at(pos + 1);
    if (c === 45 /* - */ && isBlankZ(next)) {
      this.fetchBlockEntry();
      return;
    }
    if (c === 63 /* ? */ && (this.flowLevel > 0 || isBlankZ(next))) {
      this.fetchKey();
      return;
    }
    if (c === 58 /* : */ && (this.flowLevel > 0 || isBlankZ(next))) {
      this.fetchValue();
      return;
    }
    if (c === 42 /* * */) {
      this.fetchAnchor(Tok.ALIAS);
      return;
    }
    if (c === 38 /* & */) {
      this.fetchAnchor(Tok.ANCHOR);
      return;
    }
    if (c === 33 /* ! */) {
      this.fetchTag();
      return;
    }
    if (c === 124 /* | */ && this.flowLevel === 0) {
      this.fetchBlockScalar(true);
      return;
    }
    if (c === 62 /* > */ && this.flowLevel === 0) {
      this.fetchBlockScalar(false);
      return;
    }
    if (c === 39 /* ' */) {
      this.fetchFlowScalar(true);
      return;
    }
    if (c === 34 /* " */) {
      this.fetchFlowScalar(false);
      return;
    }
    if (!(isBlankZ(c) || NOT_PLAIN_START.has(c))
      || (c === 45 && !isBlank(next))
      || (this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankZ(next))) {
      this.fetchPlainScalar();
      return;
    }
    this.error('found character that cannot start any token');
  }

  /** yaml_simple_key_is_valid: a key must end on its line, within 1024 characters. */
  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.line < this.line || this.distance(key.pos, this.pos) > MAX_SIMPLE_KEY_LENGTH) {
      if (key.required) this.error('could not find expected \':\'', key.pos);
      key.possible = false;
      return false;
    }
    return true;
  }

  /** Characters (code points, as go-yaml counts them) from `from` to `to`. */
  private distance(from: number, to: number): number {
    const units = to - from;
    if (units <= MAX_SIMPLE_KEY_LENGTH) return units;
    let pairs = 0;
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = this.text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          pairs++;
          i++;
        }
      }
    }
    return units - pairs;
  }

  private saveSimpleKey(): void {
    if (!this.simpleKeyAllowed) return;
    const required = this.flowLevel === 0 && this.indent === this.column;
    const tokenNumber = this.tokensParsed + this.queued;
    this.removeSimpleKey();
    // The entry of this flow level is updated in place (no allocation per scalar).
    const top = this.simpleKeys.length - 1;
    const key = this.simpleKeys[top];
    key.possible = true;
    key.required = required;
    key.tokenNumber = tokenNumber;
    key.pos = this.pos;
    key.line = this.line;
    key.column = this.column;
    this.simpleKeysByTok.set(tokenNumber, top);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) this.error('could not find expected \':\'', key.pos);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + this.queued,
      pos: this.pos,
      line: this.line,
      column: this.column,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_DEPTH) this.error(`exceeded max depth of ${MAX_DEPTH}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      // As go-yaml does: this may drop the entry of an outer key with the same token number.
      this.simpleKeysByTok.delete(this.simpleKeys.pop()!.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: Tok, pos: number): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_DEPTH) this.error(`exceeded max depth of ${MAX_DEPTH}`);
      const token = this.token(type, pos);
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, this.token(Tok.BLOCK_END, this.pos));
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, pos: 0, line: 0, column: 0 });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, this.token(Tok.STREAM_START, this.pos));
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.line++;
      this.lineStart = this.pos;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.token(Tok.STREAM_END, this.pos));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: Tok): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    this.pos += 3;
    this.insertToken(-1, this.token(type, start));
  }

  private fetchFlowCollectionStart(type: Tok): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.pos++;
    this.insertToken(-1, this.token(type, start));
  }

  private fetchFlowCollectionEnd(type: Tok): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.pos++;
    this.insertToken(-1, this.token(type, start));
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.pos++;
    this.insertToken(-1, this.token(Tok.FLOW_ENTRY, start));
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BLOCK_SEQUENCE_START, this.pos);
    }
    // In a flow context '-' is an error the parser reports.
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.pos++;
    this.insertToken(-1, this.token(Tok.BLOCK_ENTRY, start));
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BLOCK_MAPPING_START, this.pos);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.pos++;
    this.insertToken(-1, this.token(Tok.KEY, start));
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The scalar (or collection) before ':' was a key: insert KEY before it.
      this.insertToken(key.tokenNumber - this.tokensParsed, this.token(Tok.KEY, key.pos));
      this.rollIndent(key.column, key.tokenNumber, Tok.BLOCK_MAPPING_START, key.pos);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.error('mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, Tok.BLOCK_MAPPING_START, this.pos);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.pos++;
    this.insertToken(-1, this.token(Tok.VALUE, start));
  }

  private fetchAnchor(type: Tok): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos++;
    const from = this.pos;
    while (isAlpha(this.at(this.pos))) this.pos++;
    const c = this.at(this.pos);
    if (this.pos === from || !(isBlankZ(c) || AFTER_ANCHOR.has(c))) {
      this.error('did not find expected alphabetic or numeric character');
    }
    const token = this.token(type, start);
    token.value = this.text.slice(from, this.pos);
    this.insertToken(-1, token);
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.pos;
    let handle: string;
    let suffix: string;
    if (this.at(this.pos + 1) === 60 /* < */) {
      // Verbatim: !<tag:yaml.org,2002:str>
      handle = '';
      this.pos += 2;
      suffix = this.scanTagUri('');
      if (this.at(this.pos) !== 62 /* > */) this.error('did not find the expected \'>\'');
      this.pos++;
    } else {
      handle = this.scanTagHandle(false);
      if (handle.length > 1 && handle.charCodeAt(handle.length - 1) === 33) {
        suffix = this.scanTagUri('');
      } else {
        // Not a handle after all: `!foo` is the handle '!' and the suffix 'foo'; `!` alone is the non-specific tag.
        suffix = this.scanTagUri(handle);
        handle = '!';
        if (suffix.length === 0) {
          handle = '';
          suffix = '!';
        }
      }
    }
    if (!isBlankZ(this.at(this.pos))) this.error('did not find expected whitespace or line break');
    const token = this.token(Tok.TAG, start);
    token.value = handle;
    token.suffix = suffix;
    this.insertToken(-1, token);
  }

  private scanTagHandle(directive: boolean): string {
    if (this.at(this.pos) !== 33) this.error('did not find expected \'!\'');
    const from = this.pos++;
    while (isAlpha(this.at(this.pos))) this.pos++;
    if (this.at(this.pos) === 33) this.pos++;
    else if (directive && this.pos - from !== 1) this.error('did not find expected \'!\'');
    return this.text.slice(from, this.pos);
  }

  /** scan_tag_uri; `head` is a scanned '!handle' that turned out to be part of the URI. */
  private scanTagUri(head: string): string {
    let uri = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (let c = this.at(this.pos); isAlpha(c) || URI_CHARS.has(c); c = this.at(this.pos)) {
      if (c === 37 /* % */) {
        uri += this.scanUriEscapes();
      } else {
        uri += this.text[this.pos];
        this.pos++;
      }
      hasTag = true;
    }
    if (!hasTag) this.error('did not find expected tag URI');
    return uri;
  }

  /** One UTF-8 character written as %XX escapes. */
  private scanUriEscapes(): string {
    const bytes: number[] = [];
    let width = 1024;
    while (width > 0) {
      if (!(this.at(this.pos) === 37 && isHex(this.at(this.pos + 1)) && isHex(this.at(this.pos + 2)))) {
        this.error('did not find URI escaped octet');
      }
      const octet = (hexValue(this.at(this.pos + 1)) << 4) + hexValue(this.at(this.pos + 2));
      if (width === 1024) {
        width = octet < 0x80 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) this.error('found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.error('found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.pos += 3;
      width--;
    }
    return Buffer.from(bytes).toString('utf-8');
  }

  private scanDirective(): Token {
    const start = this.pos++;
    const from = this.pos;
    while (isAlpha(this.at(this.pos))) this.pos++;
    if (this.pos === from) this.error('could not find expected directive name', start);
    if (!isBlankZ(this.at(this.pos))) this.error('found unexpected non-alphabetical character', start);
    const name = this.text.slice(from, this.pos);
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const major = this.scanVersionNumber(start);
      if (this.at(this.pos) !== 46) this.error('did not find expected digit or \'.\' character', start);
      this.pos++;
      const minor = this.scanVersionNumber(start);
      token = this.token(Tok.VERSION_DIRECTIVE, start);
      token.major = major;
      token.minor = minor;
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.scanTagHandle(true);
      if (!isBlank(this.at(this.pos))) this.error('did not find expected whitespace', start);
      this.skipBlanks();
      const prefix = this.scanTagUri('');
      if (!isBlankZ(this.at(this.pos))) this.error('did not find expected whitespace or line break', start);
      token = this.token(Tok.TAG_DIRECTIVE, start);
      token.value = handle;
      token.suffix = prefix;
    } else {
      this.error('found unknown directive name', start);
    }
    this.skipBlanks();
    this.skipComment();
    if (!isBreakZ(this.at(this.pos))) this.error('did not find expected comment or line break', start);
    this.skipLine();
    return token;
  }

  private scanVersionNumber(start: number): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.at(this.pos))) {
      if (++length > 2) this.error('found extremely long version number', start);
      value = value * 10 + this.at(this.pos) - 48;
      this.pos++;
    }
    if (length === 0) this.error('did not find expected version number', start);
    return value;
  }

  private skipBlanks(): void {
    while (isBlank(this.at(this.pos))) this.pos++;
  }

  /** A comment runs to the next line break, which may be NEL, LS or PS. */
  private skipComment(): void {
    if (this.at(this.pos) !== 35 /* # */) return;
    while (!isBreakZ(this.at(this.pos))) this.pos++;
  }

  private scanToNextToken(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      // Tabs separate tokens in flow context, and in block context except where indentation is measured.
      let c = text.charCodeAt(pos) | 0;
      while (c === SPACE || (c === TAB && (this.flowLevel > 0 || !this.simpleKeyAllowed))) c = text.charCodeAt(++pos) | 0;
      if (c === 35 /* # */) {
        while (!isBreakZ(c)) c = text.charCodeAt(++pos) | 0;
      }
      if (!isBreak(c)) break;
      this.pos = pos;
      this.skipLine();
      pos = this.pos;
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
    this.pos = pos;
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.pos++;
    let chomping = 0;
    let increment = 0;
    let c = this.at(this.pos);
    if (c === 43 || c === 45) {
      chomping = c === 43 ? 1 : -1;
      this.pos++;
      c = this.at(this.pos);
      if (isDigit(c)) {
        if (c === 48) this.error('found an indentation indicator equal to 0', start);
        increment = c - 48;
        this.pos++;
      }
    } else if (isDigit(c)) {
      if (c === 48) this.error('found an indentation indicator equal to 0', start);
      increment = c - 48;
      this.pos++;
      c = this.at(this.pos);
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.pos++;
      }
    }
    this.skipBlanks();
    this.skipComment();
    if (!isBreakZ(this.at(this.pos))) this.error('did not find expected comment or line break', start);
    this.skipLine();

    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '';
    let leadingBreak = '';
    let breaks = this.scanBlockScalarBreaks(indent, start);
    indent = this.blockIndent;
    let leadingBlank = false;
    while (this.column === indent && !(this.pos >= this.text.length)) {
      const trailingBlank = isBlank(this.at(this.pos));
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak.charCodeAt(0) === LF) {
        if (breaks.length === 0) s += ' ';
      } else {
        s += leadingBreak;
      }
      s += breaks;
      leadingBlank = isBlank(this.at(this.pos));
      const from = this.pos;
      while (!isBreakZ(this.at(this.pos))) this.pos++;
      s += this.text.slice(from, this.pos);
      leadingBreak = this.readLine();
      breaks = this.scanBlockScalarBreaks(indent, start);
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += breaks;
    const token = this.token(Tok.SCALAR, start);
    token.value = s;
    token.style = literal ? Style.LITERAL : Style.FOLDED;
    return token;
  }

  /** Indentation spaces and empty lines before a block scalar line; determines the indentation if unknown. */
  private scanBlockScalarBreaks(indent: number, start: number): string {
    let breaks = '';
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.column < indent) && this.at(this.pos) === SPACE) this.pos++;
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at(this.pos) === TAB) {
        this.error('found a tab character where an indentation space is expected', start);
      }
      if (!isBreak(this.at(this.pos))) break;
      breaks += this.readLine();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    this.blockIndent = indent;
    return breaks;
  }

  private scanFlowScalar(single: boolean): Token {
    const text = this.text;
    const start = this.pos++;
    const quote = single ? 39 : 34;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      const c0 = this.at(this.pos);
      if (this.column === 0 && ((c0 === 45 && this.at(this.pos + 1) === 45 && this.at(this.pos + 2) === 45)
        || (c0 === 46 && this.at(this.pos + 1) === 46 && this.at(this.pos + 2) === 46)) && isBlankZ(this.at(this.pos + 3))) {
        this.error('found unexpected document indicator', start);
      }
      if (this.pos >= text.length) this.error('found unexpected end of stream', start);
      let leadingBlanks = false;
      for (let c = this.at(this.pos); !isBlankZ(c); c = this.at(this.pos)) {
        if (single && c === 39 && this.at(this.pos + 1) === 39) {
          s += '\'';
          this.pos += 2;
        } else if (c === quote) {
          break;
        } else if (!single && c === 92 /* \ */ && isBreak(this.at(this.pos + 1))) {
          this.pos++;
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 92) {
          s += this.scanEscape(start);
        } else {
          // A run of ordinary characters.
          const from = this.pos++;
          for (let d = this.at(this.pos); !isBlankZ(d) && d !== 39 && d !== 34 && d !== 92; d = this.at(this.pos)) this.pos++;
          s += text.slice(from, this.pos);
        }
      }
      if (this.at(this.pos) === quote) break;
      for (let c = this.at(this.pos); isBlank(c) || isBreak(c); c = this.at(this.pos)) {
        if (isBlank(c)) {
          if (!leadingBlanks) whitespaces += text[this.pos];
          this.pos++;
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak.charCodeAt(0) === LF) {
          s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        } else {
          s += leadingBreak + trailingBreaks;
        }
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.pos++;
    const token = this.token(Tok.SCALAR, start);
    token.value = s;
    token.style = single ? Style.SINGLE_QUOTED : Style.DOUBLE_QUOTED;
    return token;
  }

  /** One escape sequence of a double-quoted scalar, at the backslash. */
  private scanEscape(start: number): string {
    const escape = doubleQuotedEscape(this.text, this.pos);
    if (escape === undefined) {
      const e = this.at(this.pos + 1);
      const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
      if (digits === 0) this.error('found unknown escape character', start);
      for (let k = 0; k < digits; k++) {
        if (!isHex(this.at(this.pos + 2 + k))) this.error('did not find expected hexdecimal number', start);
      }
      this.error('found invalid Unicode character escape code', start);
    }
    this.pos += escape.length;
    return escape.value;
  }

  private scanPlainScalar(): Token {
    const text = this.text;
    const flow = this.flowLevel > 0;
    const indent = this.indent + 1;
    const start = this.pos;
    let pos = this.pos;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    for (;;) {
      let c = text.charCodeAt(pos) | 0;
      if (pos === this.lineStart && ((c === 45 && text.startsWith('--', pos + 1)) || (c === 46 && text.startsWith('..', pos + 1)))
        && isBlankZ(text.charCodeAt(pos + 3) | 0)) {
        break;
      }
      if (c === 35 /* # */) break;
      // A run of non-blank characters; ': ' (and in flow context , ? [ ] { }) ends the scalar.
      const from = pos;
      for (;;) {
        if (c <= 32) {
          // Other control characters never reach the scanner.
          break;
        } else if (c === 58 /* : */) {
          if (isBlankZ(text.charCodeAt(pos + 1) | 0)) break;
        } else if (flow && (c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125)) {
          break;
        } else if (c === NEL || c === LS || c === PS) {
          break;
        }
        c = text.charCodeAt(++pos) | 0;
      }
      if (pos > from) {
        if (leadingBlanks) {
          if (leadingBreak.charCodeAt(0) === LF) s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
          else s += leadingBreak + trailingBreaks;
          trailingBreaks = '';
          leadingBreak = '';
          leadingBlanks = false;
        } else if (whitespaces.length > 0) {
          s += whitespaces;
          whitespaces = '';
        }
        s += text.slice(from, pos);
      }
      if (!(c === SPACE || c === TAB || isBreak(c))) break;
      const blanks = pos;
      for (; c === SPACE || c === TAB || isBreak(c); c = text.charCodeAt(pos) | 0) {
        if (c === SPACE || c === TAB) {
          if (leadingBlanks && c === TAB && pos - this.lineStart < indent) {
            this.pos = pos;
            this.error('found a tab character that violates indentation', start);
          }
          pos++;
        } else {
          if (!leadingBlanks) whitespaces = '';
          this.pos = pos;
          const lineBreak = this.readLine();
          pos = this.pos;
          if (!leadingBlanks) {
            leadingBreak = lineBreak;
            leadingBlanks = true;
          } else {
            trailingBreaks += lineBreak;
          }
        }
      }
      // Blanks before the first line break are kept (they may be inside the scalar).
      if (!leadingBlanks) whitespaces = text.slice(blanks, pos);
      if (!flow && pos - this.lineStart < indent) break;
    }
    this.pos = pos;
    const token = this.token(Tok.SCALAR, start);
    token.value = s;
    token.style = Style.PLAIN;
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return token;
  }

  /** Whether the stream end token has been handed out. */
  public get done(): boolean {
    return this.streamEndProduced;
  }
}

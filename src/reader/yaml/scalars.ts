import { YAML_TAG_PREFIX } from './parser';
import { YamlError } from './yaml-error';
import { GoText } from '../go-text';

/*
 * What a YAML scalar becomes in the JSON that kubectl sends: go-yaml v2's resolve()
 * (gopkg.in/yaml.v2 resolve.go and decode.go scalar()), then sigs.k8s.io/yaml's conversion to
 * JSON (yaml.go convertToJSONableObject: keys become strings) and kubectl's JSON decoding
 * (numbers become int64 or float64). YAML 1.1 as Kubernetes reads it:
 *
 * - y, Y, yes, Yes, YES, on, On, ON, true, True, TRUE are true (n/no/off/false likewise false);
 *   ~, null, Null, NULL and the empty scalar are null. Other spellings (tRUE) are strings.
 * - Integers as Go's strconv.ParseInt(s, 0, 64) reads them after removing '_': 0x1F, 0o17,
 *   0b101, and a leading 0 means octal (0644 is 420); 08 is not octal and becomes the float 8.
 * - Floats as YAML 1.1 writes them, .inf and .nan included (as values they make the document
 *   fail: JSON has no infinity); 1e400 overflows and stays a string. No sexagesimal (1:20 is a string).
 * - Timestamps stay strings (go-yaml keeps the text when decoding into interface{}).
 * - Quoted scalars are strings. Tags: !!str, !!int, !!float, !!bool, !!null, !!timestamp must
 *   match the text (else the document fails), !!binary is base64-decoded, any other tag
 *   (!custom, !!js/function, `!`) leaves the text as a string: nothing is ever executed.
 * - Keys: bools and numbers become their Go string form ("true", "16" for 0x10, float keys as
 *   strconv.FormatFloat(f, 'g', -1, 32)); a null key or a key over int64 makes the document fail.
 *
 * Integers beyond 2^53 lose precision here (kubectl keeps int64): no Kubernetes field the rules
 * read holds such numbers.
 */

export const STR_TAG = `${YAML_TAG_PREFIX}str`;
export const MERGE_TAG = `${YAML_TAG_PREFIX}merge`;
const NULL_TAG = `${YAML_TAG_PREFIX}null`;
const BOOL_TAG = `${YAML_TAG_PREFIX}bool`;
const INT_TAG = `${YAML_TAG_PREFIX}int`;
const FLOAT_TAG = `${YAML_TAG_PREFIX}float`;
const TIMESTAMP_TAG = `${YAML_TAG_PREFIX}timestamp`;
const BINARY_TAG = `${YAML_TAG_PREFIX}binary`;

/** What resolve() made of a scalar: the Go type of the value. */
enum Kind { NULL, BOOL, INT, UINT, FLOAT, STRING }

/** The plain scalars go-yaml looks up in a table (resolveMap). */
const TABLE = new Map<string, [Kind, unknown]>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) TABLE.set(s, [Kind.BOOL, true]);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) TABLE.set(s, [Kind.BOOL, false]);
for (const s of ['', '~', 'null', 'Null', 'NULL']) TABLE.set(s, [Kind.NULL, null]);
for (const s of ['.nan', '.NaN', '.NAN']) TABLE.set(s, [Kind.FLOAT, NaN]);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) TABLE.set(s, [Kind.FLOAT, Infinity]);
for (const s of ['-.inf', '-.Inf', '-.INF']) TABLE.set(s, [Kind.FLOAT, -Infinity]);

/** The first character's hint (resolveTable): S sign, D digit, M table letters, '.' float. */
const HINT = new Uint8Array(128);
for (const c of '+-') HINT[c.charCodeAt(0)] = 83; // S
for (const c of '0123456789') HINT[c.charCodeAt(0)] = 68; // D
for (const c of 'yYnNtTfFoO~') HINT[c.charCodeAt(0)] = 77; // M
HINT[46] = 46; // .

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** strconv.ParseFloat on text starting with '.', underscores between digits allowed (Go's underscoreOK). */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const SMALL_DECIMAL = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

// Set by resolve(): the kind and, for integers, the exact value (or its decimal text).
let kind = Kind.STRING;
let exactInt: bigint | undefined;
let intText = '';

export class Scalars {
  /**
   * The JSON value of a scalar (not a key). `implicit`: written plain, or tagged `!`. Infinities
   * and NaN are returned as such: the document fails only if one remains after merges.
   */
  public static value(tag: string, text: string, implicit: boolean, pos: number): unknown {
    if (tag === '' && !implicit) return text;
    const value = resolve(tag, text, pos);
    return value === 0 ? 0 : value; // -0 becomes 0, as kubectl's int64 conversion does
  }

  /** The JSON key a scalar becomes (sigs.k8s.io/yaml convertToJSONableObject). */
  public static key(tag: string, text: string, implicit: boolean, pos: number): string {
    if (tag === '' && !implicit) return text;
    const value = resolve(tag, text, pos);
    switch (kind) {
      case Kind.STRING: return value as string;
      case Kind.BOOL: return value ? 'true' : 'false';
      case Kind.INT: return (exactInt ?? BigInt(intText)).toString();
      case Kind.FLOAT: return formatFloat32(value as number);
      case Kind.UINT: throw new YamlError(`unsupported map key of type: uint64, key: ${text}`, pos);
      default: throw new YamlError(`unsupported map key of type: %!s(<nil>): a mapping key is null (${text === '' ? 'empty' : text})`, pos);
    }
  }

  /** Whether a scalar node is a merge key (go-yaml isMerge). */
  public static isMerge(tag: string, text: string, implicit: boolean): boolean {
    return text === '<<' && (implicit || tag === MERGE_TAG);
  }
}

function resolve(tag: string, text: string, pos: number): unknown {
  if (tag === BINARY_TAG) {
    kind = Kind.STRING;
    return decodeBinary(text, pos);
  }
  if (tag !== '' && tag !== STR_TAG && tag !== BOOL_TAG && tag !== INT_TAG && tag !== FLOAT_TAG && tag !== NULL_TAG && tag !== TIMESTAMP_TAG) {
    // Any other tag (`!custom`, `!!js/function`, `!`, `!!map` on a scalar) keeps the text.
    kind = Kind.STRING;
    return text;
  }
  const value = resolveUntagged(tag, text);
  if (tag === '' || tag === STR_TAG) return value;
  const resolved = kind === Kind.NULL ? NULL_TAG : kind === Kind.BOOL ? BOOL_TAG : kind === Kind.INT || kind === Kind.UINT ? INT_TAG
    : kind === Kind.FLOAT ? FLOAT_TAG : timestampText === text ? TIMESTAMP_TAG : STR_TAG;
  if (resolved === tag) {
    if (tag === TIMESTAMP_TAG) kind = Kind.STRING;
    return value;
  }
  if (tag === FLOAT_TAG && resolved === INT_TAG) {
    kind = Kind.FLOAT;
    return value;
  }
  throw new YamlError(`cannot decode !!${resolved.slice(YAML_TAG_PREFIX.length)} \`${text}\` as a !!${tag.slice(YAML_TAG_PREFIX.length)}`, pos);
}

/** The text that parsed as a timestamp in the last resolve() with a !!timestamp tag. */
let timestampText: string | undefined;

function resolveUntagged(tag: string, text: string): unknown {
  timestampText = undefined;
  kind = Kind.STRING;
  if (tag === STR_TAG) return text;
  if (text.length === 0) {
    kind = Kind.NULL;
    return null;
  }
  const first = text.charCodeAt(0);
  const hint = first < 128 ? HINT[first] : 0;
  if (hint === 0) return text;
  const entry = TABLE.get(text);
  if (entry !== undefined) {
    kind = entry[0];
    return entry[1];
  }
  if (hint === 77) return text;
  if (hint === 46) {
    if (DOT_FLOAT.test(text)) {
      const f = Number(text.replace(/_/g, ''));
      if (Number.isFinite(f)) {
        kind = Kind.FLOAT;
        return f;
      }
    }
    return text;
  }
  // Digit or sign: timestamp, int, uint, float. An untagged timestamp stays its text, so only
  // an explicit !!timestamp needs the check.
  if (tag === TIMESTAMP_TAG && isTimestamp(text)) {
    timestampText = text;
    return text;
  }
  const plain = text.indexOf('_') >= 0 ? text.replace(/_/g, '') : text;
  if (SMALL_DECIMAL.test(plain)) {
    kind = Kind.INT;
    exactInt = undefined;
    intText = plain;
    return Number(plain);
  }
  const int = parseGoInt(plain);
  if (int !== undefined) {
    if (int >= INT64_MIN && int <= INT64_MAX) {
      kind = Kind.INT;
      exactInt = int;
      return Number(int);
    }
    if (int >= 0n && int <= UINT64_MAX && !/^[-+]/.test(plain)) {
      kind = Kind.UINT;
      return Number(int);
    }
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) {
      kind = Kind.FLOAT;
      return f;
    }
  }
  return text;
}

/**
 * strconv.ParseInt/ParseUint with base 0 (sign, then 0b/0o/0x prefix or a leading 0 for octal),
 * without the range check; `undefined` when the syntax is invalid.
 */
function parseGoInt(s: string): bigint | undefined {
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45) {
    negative = s.charCodeAt(0) === 45;
    i = 1;
  }
  let digits = s.slice(i);
  if (digits.length === 0) return undefined;
  let base = 10;
  if (digits.charCodeAt(0) === 48) {
    const p = digits.length >= 3 ? digits[1].toLowerCase() : '';
    if (p === 'b') {
      base = 2;
      digits = digits.slice(2);
    } else if (p === 'o') {
      base = 8;
      digits = digits.slice(2);
    } else if (p === 'x') {
      base = 16;
      digits = digits.slice(2);
    } else {
      base = 8;
      digits = digits.slice(1);
    }
  }
  const valid = base === 2 ? /^[01]*$/ : base === 8 ? /^[0-7]*$/ : base === 10 ? /^[0-9]*$/ : /^[0-9a-fA-F]*$/;
  if (!valid.test(digits)) return undefined;
  if (digits.length === 0) return 0n;
  const prefix = base === 2 ? '0b' : base === 8 ? '0o' : base === 16 ? '0x' : '';
  const magnitude = BigInt(prefix + digits);
  return negative ? -magnitude : magnitude;
}

/**
 * The formats go-yaml v2 accepts for !!timestamp (time.Parse with "2006-1-2T15:4:5.999999999Z07:00",
 * the same with 't', "2006-1-2 15:4:5.999999999", and "2006-1-2"), with time.Parse's range checks.
 */
function isTimestamp(text: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return false;
  const [, year, month, day, separator, hour, minute, second, zone] = m;
  if (separator === ' ' && zone !== undefined) return false;
  if ((separator === 'T' || separator === 't') && zone === undefined) return false;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (separator !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)) return false;
  if (zone !== undefined && zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4, 6)) > 60)) return false;
  return true;
}

/** !!binary: base64 as Go's StdEncoding.DecodeString reads it (line breaks ignored, padding required). */
function decodeBinary(text: string, pos: number): string {
  const clean = text.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) {
    throw new YamlError('!!binary value contains invalid base64 data', pos);
  }
  return GoText.decodeUtf8(Buffer.from(clean, 'base64'));
}

/** strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for infinities and NaN. */
function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  const f = Math.fround(value);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const negative = f < 0;
  const abs = Math.abs(f);
  let mantissa = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const [m, e] = abs.toExponential(precision - 1).split('e');
    if (Math.fround(Number(`${m}e${e}`)) === abs) {
      mantissa = m.replace('.', '');
      exponent = Number(e);
      break;
    }
  }
  let out: string;
  if (exponent < -4 || exponent >= 6) {
    out = `${mantissa[0]}${mantissa.length > 1 ? `.${mantissa.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else {
    const point = exponent + 1;
    if (point <= 0) out = `0.${'0'.repeat(-point)}${mantissa}`;
    else if (point >= mantissa.length) out = mantissa + '0'.repeat(point - mantissa.length);
    else out = `${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
  }
  return negative ? `-${out}` : out;
}

/**
 * Writes the values the rewrite adds (a projected volume, a volume mount, `false`, a lifetime) as
 * block YAML at a given indentation, so they can be spliced into a document without touching the
 * rest of it. Strings are plain only when YAML 1.1 (what Kubernetes reads) and YAML 1.2 read them
 * as the same string; otherwise they are double-quoted (JSON quoting, valid YAML).
 */
export class BlockYaml {
  /**
   * The lines of `key: value` at column `indent`, each ending with a line break.
   * @param sequenceIndent how far a block sequence's dashes sit right of its key (0 or 2, as the document does it)
   */
  public static entry(key: string, value: unknown, indent: number, sequenceIndent: number): string {
    const pad = ' '.repeat(indent);
    if (!isCollection(value) || isEmpty(value)) return `${pad}${BlockYaml.scalar(key)}: ${BlockYaml.inline(value)}\n`;
    const nested = Array.isArray(value)
      ? BlockYaml.sequence(value, indent + sequenceIndent, sequenceIndent)
      : BlockYaml.mapping(value as Record<string, unknown>, indent + 2, sequenceIndent);
    return `${pad}${BlockYaml.scalar(key)}:\n${nested}`;
  }

  /** The items of a block sequence whose dashes are at column `indent`. */
  public static sequence(items: readonly unknown[], indent: number, sequenceIndent: number, itemIndent = 2): string {
    return items.map((item) => BlockYaml.item(item, indent, sequenceIndent, itemIndent)).join('');
  }

  /** One `- item` at column `indent`; a mapping's keys sit `itemIndent` right of the dash. */
  public static item(item: unknown, indent: number, sequenceIndent: number, itemIndent = 2): string {
    const pad = ' '.repeat(indent);
    if (!isCollection(item) || isEmpty(item) || Array.isArray(item)) return `${pad}-${' '.repeat(itemIndent - 1)}${BlockYaml.inline(item)}\n`;
    // The first entry shares the dash's line.
    const body = BlockYaml.mapping(item as Record<string, unknown>, indent + itemIndent, sequenceIndent);
    return `${pad}-${' '.repeat(itemIndent - 1)}${body.slice(indent + itemIndent)}`;
  }

  /** The entries of a block mapping at column `indent`. */
  public static mapping(value: Record<string, unknown>, indent: number, sequenceIndent: number): string {
    return Object.entries(value).map(([k, v]) => BlockYaml.entry(k, v, indent, sequenceIndent)).join('');
  }

  /** A value on one line: a scalar, or a collection in flow (JSON) form. */
  public static inline(value: unknown): string {
    return isCollection(value) ? JSON.stringify(value) : BlockYaml.scalar(value);
  }

  /** A scalar that YAML 1.1 and 1.2 read back as the same value. */
  public static scalar(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    const text = String(value);
    return PLAIN.test(text) && !YAML11_KEYWORD.test(text) ? text : JSON.stringify(text);
  }

  private constructor() {}
}

/**
 * Plain only for names and paths that start with a letter, `_` or `/` (never a digit, so never a
 * number, date or sexagesimal in YAML 1.1), with no character YAML gives a meaning.
 */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
/** YAML 1.1 booleans and nulls (`y`, `no`, `on`, ...): plain, they would not stay strings. */
const YAML11_KEYWORD = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

function isCollection(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

import type { JsonSchema } from './config-schema';
import { Suppressions } from '../compliance/suppressions';

/** One place in a document: object keys and array indexes from the root. */
export type DocumentPath = ReadonlyArray<string | number>;

/** What is wrong at one place of a document. */
export interface SchemaProblem {
  readonly path: DocumentPath;
  /** True when the problem is the key at `path` itself (an unknown key), not its value. */
  readonly atKey: boolean;
  readonly message: string;
}

/** The keywords `SchemaValidator` implements; a test checks the shipped schema uses no other. */
export const SUPPORTED_KEYWORDS: readonly string[] = [
  'type', 'enum', 'properties', 'additionalProperties', 'propertyNames', 'items', 'required', 'minLength', 'pattern', 'minimum', 'maximum',
  // Annotations: they change nothing.
  '$schema', '$id', 'title', 'description',
];

/**
 * A validator for the part of JSON Schema draft-07 that the configuration schema uses, with
 * messages for people: every problem names its place, and a name that is not allowed comes with
 * the closest allowed ones. (The package keeps its one runtime dependency, yaml; a test checks
 * that this validator and ajv agree.)
 */
export class SchemaValidator {
  public static validate(schema: JsonSchema, value: unknown): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    check(schema, value, [], problems);
    return problems;
  }

  private constructor() {}
}

function check(schema: JsonSchema, value: unknown, path: DocumentPath, problems: SchemaProblem[]): void {
  const problem = (message: string, atKey = false, at: DocumentPath = path) => problems.push({ path: at, atKey, message });
  if (schema.enum !== undefined) {
    const allowed = schema.enum as readonly unknown[];
    if (!allowed.some((v) => v === value)) {
      problem(`${JSON.stringify(value)} is not allowed${closest(value, allowed)}`);
      return;
    }
  }
  const type = schema.type as string | undefined;
  if (type !== undefined && !hasType(value, type)) {
    problem(`${JSON.stringify(value)} is not ${ARTICLE[type] ?? type}`);
    return;
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) {
      problem(schema.minLength === 1 ? 'must not be empty' : `${JSON.stringify(value)} is shorter than ${schema.minLength} characters`);
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      problem(`${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problem(`${value} is below the minimum of ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problem(`${value} is above the maximum of ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => check(schema.items as JsonSchema, item, [...path, i], problems));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in value)) problem(`${key} is required`);
    }
    const names = schema.propertyNames as JsonSchema | undefined;
    const additional = schema.additionalProperties as boolean | JsonSchema | undefined;
    for (const [key, item] of Object.entries(value)) {
      if (names?.enum !== undefined && !(names.enum as readonly unknown[]).includes(key)) {
        problem(`unknown key '${key}'${closest(key, names.enum as readonly unknown[])}`, true, [...path, key]);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(properties, key)) {
        check(properties[key], item, [...path, key], problems);
      } else if (additional === false) {
        problem(`unknown key '${key}'${closest(key, Object.keys(properties))}`, true, [...path, key]);
      } else if (additional !== undefined && additional !== true) {
        check(additional, item, [...path, key], problems);
      }
    }
  }
}

/**
 * The allowed names a value is likely a typo of: a few edits away (a third of its length, at
 * least 2), or a name it begins (`warn` -> `warning`). A family (`tokens/*`) is compared by its name.
 */
function closeNames(value: string, names: readonly string[]): string[] {
  if (value.endsWith('/*')) {
    const families = names.filter((n) => n.endsWith('/*')).map((n) => n.slice(0, -2));
    return closeNames(value.slice(0, -2), families).map((f) => `${f}/*`);
  }
  const close = Suppressions.closeIds(value, names, Math.max(2, Math.floor(value.length / 3)));
  const extended = value.length >= 3 ? names.filter((n) => n.startsWith(value) && !close.includes(n)) : [];
  return [...close, ...extended].slice(0, 3);
}

const ARTICLE: Record<string, string> = {
  object: 'a map', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false',
};

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    default: throw new Error(`the schema uses type '${type}', which SchemaValidator does not implement`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `; did you mean 'x'?` with the closest allowed names, or `: use one of ...` for short lists. */
function closest(value: unknown, allowed: readonly unknown[]): string {
  const names = allowed.filter((v): v is string => typeof v === 'string');
  const close = typeof value === 'string' ? closeNames(value, names) : [];
  if (close.length > 0) return `; did you mean ${close.map((n) => `'${n}'`).join(', ')}?`;
  return names.length <= 12 ? `: use one of ${names.join(', ')}` : '';
}

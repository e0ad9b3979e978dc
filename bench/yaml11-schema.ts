/**
 * A js-yaml schema that resolves plain scalars the way Kubernetes does (sigs.k8s.io/yaml reads
 * YAML 1.1 with go-yaml v2): `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0644` is octal 420,
 * `_` separates digits, timestamps stay strings. Used by the parser comparison to measure a fast
 * parser that is also correct; a candidate for the CLI if the measurements favour it.
 */
// js-yaml ships without TypeScript types; only the few calls below are used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsyaml = require('js-yaml');

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT = /^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*)$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;

function parseInt11(text: string): number {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const digits = clean.replace(/^[-+]/, '');
  if (digits.startsWith('0b')) return sign * parseInt(digits.slice(2), 2);
  if (digits.startsWith('0x')) return sign * parseInt(digits.slice(2), 16);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits.slice(1), 8);
  return sign * parseInt(digits, 10);
}

function parseFloat11(text: string): number {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (clean.endsWith('.inf')) return clean.startsWith('-') ? -Infinity : Infinity;
  if (clean === '.nan') return NaN;
  return parseFloat(clean);
}

const nullType = new jsyaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar', resolve: (data: string | null) => data === null || NULL.has(data), construct: () => null,
});
const boolType = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar', resolve: (data: string | null) => data !== null && (TRUE.has(data) || FALSE.has(data)), construct: (data: string) => TRUE.has(data),
});
const intType = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar', resolve: (data: string | null) => data !== null && INT.test(data) && /[0-9]/.test(data), construct: parseInt11,
});
const floatType = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar', resolve: (data: string | null) => data !== null && FLOAT.test(data) && !INT.test(data), construct: parseFloat11,
});

/** FAILSAFE (str, seq, map) + the YAML 1.1 scalars of go-yaml v2 + merge keys (`<<`). */
export const KUBERNETES_YAML11_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [nullType, boolType, intType, floatType, jsyaml.types.merge],
});

/** Every document of a stream with js-yaml and the given schema (default: js-yaml's YAML 1.2 core). */
export function jsYamlLoadAll(text: string, schema?: unknown): unknown[] {
  return jsyaml.loadAll(text, undefined, schema ? { schema } : {});
}

import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { ConfigSchema, CONFIG_SCHEMA_PATH, JsonSchema } from '../../src/config/config-schema';
import { SchemaValidator, SUPPORTED_KEYWORDS } from '../../src/config/schema-validator';

const ROOT = path.join(__dirname, '..', '..');

/** Every keyword used anywhere in a schema (property names under `properties` are not keywords). */
function keywords(schema: JsonSchema, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(schema)) {
    into.add(key);
    if (key === 'properties') for (const sub of Object.values(value as Record<string, JsonSchema>)) keywords(sub, into);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) keywords(value as JsonSchema, into);
  }
  return into;
}

/** Configurations on both sides of every keyword the schema uses. */
const CORPUS: unknown[] = [
  {}, null, [], 'packs', { packs: ['tokens', 'rbac'] }, { packs: 'tokens' }, { packs: ['tokenz'] },
  { failOn: 'never' }, { failOn: 'fatal' }, { maxTokenTtl: 600 }, { maxTokenTtl: 599 }, { maxTokenTtl: 4294967297 }, { maxTokenTtl: 3600.5 }, { maxTokenTtl: '3600' },
  { podSecurityVersion: 'v1.30' }, { podSecurityVersion: 'v2' }, { podSecurityVersion: '' }, { namespace: 'argocd' }, { namespace: '' }, { namespace: 3 },
  { exclude: ['vendor/**'] }, { exclude: [''] }, { exclude: 'vendor/**' },
  { rules: { 'hardening/image-digest': 'off' } }, { rules: { 'hardening/image-digets': 'off' } }, { rules: { 'rbac/wildcard': 'loud' } }, { rules: { 'guardrails/invalid-suppression': 'off' } }, { rules: [] },
  { suppressions: [{ rule: 'pss/*', reason: 'The node agent needs the host network by design.' }] },
  { suppressions: [{ rule: 'pss/*' }] }, { suppressions: [{ rule: 'pss/*', reason: 'short' }] }, { suppressions: [{ rule: 'psss/*', reason: 'The node agent needs the host network by design.' }] },
  { suppressions: [{ rule: 'rbac/wildcard', reason: 'The node agent needs the host network by design.', kind: 'ClusterRole', namespace: 'a', name: 'x-*', file: 'v/**', target: 'get secrets', expires: '2027-03-31' }] },
  { suppressions: [{ rule: 'rbac/wildcard', reason: 'The node agent needs the host network by design.', expires: '31.03.2027' }] },
  { suppressions: [{ rule: 'rbac/wildcard', reason: 'The node agent needs the host network by design.', kinds: 'ClusterRole' }] },
  { suppressions: [{ rule: 'rbac/wildcard', reason: 'The node agent needs the host network by design.', kind: '' }] },
  { unsuppressible: ['token/projected-ttl', 'pss/*'] }, { unsuppressible: ['token/projected-tll'] },
  { harden: {} }, { harden: { anything: [1, 2] } }, { harden: true }, { $schema: './node_modules/cdk8s-guardrails/schemas/guardrails-config.schema.json' }, { nope: 1 },
];

describe('the configuration schema', () => {
  test('GIVEN the schema that ships with the package THEN it is exactly the one built from the catalogue (npx projen docs:rules rewrites it)', () => {
    expect(fs.readFileSync(path.join(ROOT, CONFIG_SCHEMA_PATH), 'utf-8')).toBe(ConfigSchema.text());
  });

  test('GIVEN the schema THEN it uses only the keywords SchemaValidator implements', () => {
    expect([...keywords(ConfigSchema.build())].filter((k) => !SUPPORTED_KEYWORDS.includes(k))).toEqual([]);
  });

  test.each(CORPUS.map((config) => [JSON.stringify(config), config]))('GIVEN %s THEN SchemaValidator and ajv (draft-07, strict) agree on whether it is valid', (_name, config) => {
    const validate = new Ajv({ strict: true, allErrors: true }).compile(ConfigSchema.build());
    expect(SchemaValidator.validate(ConfigSchema.build(), config).length === 0).toBe(validate(config));
  });

  test('GIVEN the corpus THEN it has both valid and invalid configurations (so agreement means something)', () => {
    const verdicts = CORPUS.map((config) => SchemaValidator.validate(ConfigSchema.build(), config).length === 0);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(8);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(20);
  });
});

import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { FIXTURES, REPO_ROOT, requireBuiltCli, runCli } from './built-cli';

/**
 * The official SARIF 2.1.0 schema (OASIS rtm.5), as shipped in @microsoft/jest-sarif. It is a
 * draft-04 schema; Ajv 8 reads draft-07. The only draft-04 keyword this schema uses that draft-07
 * spells differently is the root `id` (now `$id`); it has no boolean exclusiveMinimum/Maximum.
 * So it is validated with Ajv 8 after renaming that one keyword (the draft-04 meta-schema itself
 * is not needed to validate instances).
 */
function sarifValidator() {
  const file = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const { $schema, id, ...schema } = JSON.parse(fs.readFileSync(file, 'utf-8'));
  expect($schema).toBe('http://json-schema.org/draft-04/schema#');
  expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)":\s*(true|false)/);
  // unicodeRegExp: false because the schema's `language` pattern has a stray `]`, which only the
  // unicode flag rejects (JSON Schema patterns are ECMA 262 regexes without flags).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...schema });
}

beforeAll(() => requireBuiltCli());

describe('check --format sarif', () => {
  const validate = sarifValidator();

  test.each([
    ['findings, suppressed and not', ['insecure.yaml', 'suppressed.yaml', 'list.yaml']],
    ['no findings', ['clean.yaml']],
    ['input errors next to findings', ['no-kind.yaml', 'invalid-yaml.yaml']],
  ])('validates against the SARIF 2.1.0 schema: %s', (_, files) => {
    // WHEN the fixtures are checked as SARIF
    const r = runCli(['check', '--format', 'sarif', ...files.map((f) => path.join(FIXTURES, f))]);
    expect([0, 1, 2]).toContain(r.status);
    const log = JSON.parse(r.stdout);
    // THEN the log is valid SARIF 2.1.0
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  test('validates for standard input too', () => {
    const r = runCli(['check', '--format', 'sarif', '-'], fs.readFileSync(path.join(REPO_ROOT, FIXTURES, 'insecure.yaml')));
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
  });

  test('the validator rejects a log that breaks the schema (the check can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '3.0', runs: [] })).toBe(false);
  });
});

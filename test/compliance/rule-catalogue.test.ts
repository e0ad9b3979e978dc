import * as fs from 'fs';
import * as path from 'path';
import { runRule } from './rule-harness';
import { ComplianceEngine } from '../../src/compliance/engine';
import type { Finding } from '../../src/compliance/model';
import type { Rule, RuleExamples } from '../../src/compliance/rule';
import { ALL_RULES, INVALID_SUPPRESSION, RuleRegistry } from '../../src/compliance/rules';
import type { Manifest } from '../../src/k8s/manifest';
import { KubernetesSchema } from '../reliability/kubernetes-schema';

/**
 * The rule catalogue as a whole: a rule is one file at `rules/<id>.ts` and nothing else lives in a
 * family folder; every rule's examples do what they claim; every rule explains itself.
 */

const RULES_DIR = path.resolve(__dirname, '..', '..', 'src', 'compliance', 'rules');

const BY_ID: ReadonlyArray<[string, Rule]> = ALL_RULES.map((rule) => [rule.id, rule]);

/** The folders of `rules/` (one per family). */
function familyFolders(): string[] {
  return fs.readdirSync(RULES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/** Every file under a folder, as paths relative to it (a helper in a subfolder is a file too). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * The findings of the rule over the manifests, with the default settings. The engine reports
 * `guardrails/invalid-suppression` itself whatever the packs, and never as an enabled rule
 * (which is how `runRule` runs one rule), so that one is read from a default engine run.
 */
function findingsOf(rule: Rule, manifests: readonly Manifest[]): Finding[] {
  if (rule !== INVALID_SUPPRESSION) return runRule(rule.id, manifests);
  const report = new ComplianceEngine().check(manifests.map((manifest) => ({ manifest })));
  expect(report.inputErrors).toEqual([]);
  return report.findings.filter((finding) => finding.ruleId === rule.id);
}

/** The rule's examples, which every rule must have. */
function examplesOf(rule: Rule): RuleExamples {
  expect(rule.examples).toBeDefined();
  return rule.examples!;
}

describe('GIVEN the rule catalogue', () => {
  test('THEN the registry finds every rule by its id', () => {
    expect(RuleRegistry.ids()).toEqual(ALL_RULES.map((rule) => rule.id));
    expect(ALL_RULES.filter((rule) => RuleRegistry.get(rule.id) !== rule).map((rule) => rule.id)).toEqual([]);
  });

  test('THEN no two rules share an id', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('THEN every file in a family folder is a rule of the catalogue (helpers live in rules/, not in a family folder)', () => {
    const families = familyFolders();
    expect(families.sort()).toEqual([...new Set(ALL_RULES.map((rule) => rule.id.split('/')[0]))].sort());
    const notRules = families
      .flatMap((family) => filesUnder(path.join(RULES_DIR, family)).map((file) => `${family}/${file}`))
      .filter((file) => !file.endsWith('.ts') || RuleRegistry.get(file.slice(0, -'.ts'.length)) === undefined);
    expect(notRules).toEqual([]);
  });

  test.each(BY_ID)('%s: the id is <family>/<name> and rules/<id>.ts exports this rule', (id, rule) => {
    expect(id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
    const file = path.join(RULES_DIR, `${id}.ts`);
    expect(fs.existsSync(file)).toBe(true);
    // The file itself, by path: the catalogue's imports could point elsewhere.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported: unknown[] = Object.values(require(file));
    expect(exported.filter((value) => (value as Rule | undefined)?.id === id)).toEqual([rule]);
    expect(exported).toContain(rule);
  });
});

describe('GIVEN each rule\'s examples WHEN the rule checks them with the default settings', () => {
  test.each(BY_ID)('%s: THEN it reports the failing example and nothing in the passing one', (id, rule) => {
    const examples = examplesOf(rule);
    const failing = findingsOf(rule, examples.failing);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((finding) => finding.ruleId === id && !finding.suppressed)).toBe(true);
    expect(examples.passing.length).toBeGreaterThan(0);
    expect(findingsOf(rule, examples.passing)).toEqual([]);
  });
});

describe('GIVEN each rule\'s examples WHEN the Kubernetes OpenAPI validators (kubernetes-models) read them', () => {
  let schema: KubernetesSchema;
  beforeAll(() => { schema = KubernetesSchema.start(); });
  afterAll(() => schema.close());

  test.each(BY_ID)('%s: THEN every object is a valid Kubernetes object', async (_id, rule) => {
    const examples = examplesOf(rule);
    expect(await schema.invalid([...examples.failing, ...examples.passing])).toEqual([]);
  });
});

describe('GIVEN each rule\'s metadata', () => {
  /** Words, not a placeholder: at least two of them. */
  const isPhrase = (text: string) => /\S+\s+\S+/.test(text.trim());

  test.each(BY_ID)('%s: THEN its title, rationale and remediation are sentences and it has references', (_id, rule) => {
    expect(isPhrase(rule.title)).toBe(true);
    expect(rule.title).not.toMatch(/\n/);
    for (const prose of [rule.rationale, rule.remediation]) {
      expect(isPhrase(prose)).toBe(true);
      expect(prose.trim()).toMatch(/\.$/);
    }
    expect(rule.references.length).toBeGreaterThan(0);
    expect(rule.references.filter((reference) => reference.trim() === '')).toEqual([]);
  });
});

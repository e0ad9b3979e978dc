import { stringify } from 'yaml';
import { Packs } from './packs';
import { RuleLinks } from './report/rule-links';
import type { Rule } from './rule';
import { ALL_RULES } from './rules';
import type { Manifest } from '../k8s/manifest';

/** What every rule's documentation says, in every format: built from the rule files alone. */
interface RuleDoc {
  readonly id: string;
  /** The packs that contain it; empty for the engine's own rules (always on). */
  readonly packs: string[];
  readonly severity: string;
  readonly title: string;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly helpUri: string;
  readonly examples: { readonly failing: readonly Manifest[]; readonly passing: readonly Manifest[] };
}

/** The reference of every rule (`cdk8s-guardrails rules`, and docs/rules.md, which is its Markdown). */
export class RuleDocs {
  /** The rules as JSON: one object per rule with its examples as manifests. */
  public static json(rules: readonly Rule[] = ALL_RULES): string {
    return JSON.stringify(rules.map(docOf), undefined, 2) + '\n';
  }

  /** The rules for a terminal. */
  public static text(rules: readonly Rule[] = ALL_RULES): string {
    const out: string[] = [];
    for (const doc of rules.map(docOf)) {
      out.push(`${doc.id}  (${doc.severity}; ${packsOf(doc)})`,
        `  ${doc.title}`,
        `  Why: ${doc.rationale}`,
        `  Fix: ${doc.remediation}`,
        `  References: ${doc.references.join('; ')}`,
        '  Fails:', ...indent(yamlOf(doc.examples.failing), '    '),
        '  Passes:', ...indent(yamlOf(doc.examples.passing), '    '),
        '');
    }
    out.push(`${rules.length} rules. Packs: ${Packs.names().join(', ')}.`);
    return out.join('\n') + '\n';
  }

  /** The rule reference in Markdown: docs/rules.md, where SARIF `helpUri` and the Markdown report link. */
  public static markdown(rules: readonly Rule[] = ALL_RULES): string {
    const docs = rules.map(docOf);
    const out: string[] = [
      '# cdk8s-guardrails rules',
      '',
      '<!-- Generated from the rule files (src/compliance/rules/<id>.ts) by `npx projen docs:rules`, the same as',
      '     `cdk8s-guardrails rules --format markdown`. Do not edit: a test fails when it drifts. -->',
      '',
      `Every rule the engine knows (${docs.length}), with why it matters, how to fix it, and the smallest manifest that`,
      'breaks it next to the same manifest fixed (a test checks that the rule reports the first and not the second).',
      'Packs: ' + Packs.all().map((pack) => `\`${pack.name}\` (${pack.description})`).join('; ') + '.',
      'The `guardrails/*` rules are the engine\'s own: always on, always errors, never suppressible.',
      '',
      '| id | packs | severity | checks |',
      '|---|---|---|---|',
      ...docs.map((doc) => `| [\`${doc.id}\`](#${RuleLinks.anchor(doc.id)}) | ${packsOf(doc)} | ${doc.severity} | ${cell(doc.title)} |`),
      '',
    ];
    let family = '';
    for (const doc of docs) {
      const own = doc.id.split('/')[0];
      if (own !== family) {
        family = own;
        out.push(`## \`${family}/*\``, '');
      }
      out.push(
        `<a id="${RuleLinks.anchor(doc.id)}"></a>`,
        '',
        `### \`${doc.id}\``,
        '',
        `${doc.title}${/[.!?]$/.test(doc.title) ? '' : '.'}`,
        '',
        `Severity: **${doc.severity}**. Packs: ${packsOf(doc)}.`,
        '',
        `**Why.** ${doc.rationale}`,
        '',
        `**How to fix.** ${doc.remediation}`,
        '',
        `**References:** ${doc.references.join('; ')}`,
        '',
        'Fails:',
        '',
        '```yaml',
        yamlOf(doc.examples.failing),
        '```',
        '',
        'Passes:',
        '',
        '```yaml',
        yamlOf(doc.examples.passing),
        '```',
        '',
      );
    }
    return out.join('\n');
  }

  private constructor() {}
}

function docOf(rule: Rule): RuleDoc {
  return {
    id: rule.id,
    packs: Packs.containing(rule.id),
    severity: rule.defaultSeverity,
    title: rule.title,
    rationale: rule.rationale,
    remediation: rule.remediation,
    references: rule.references,
    helpUri: RuleLinks.helpUri(rule.id),
    examples: { failing: rule.examples.failing, passing: rule.examples.passing },
  };
}

function packsOf(doc: RuleDoc): string {
  return doc.packs.length > 0 ? doc.packs.join(', ') : 'always on';
}

/** The manifests as one YAML stream, as they would be committed. */
function yamlOf(manifests: readonly Manifest[]): string {
  return manifests.map((m) => stringify(m, { lineWidth: 0, aliasDuplicateObjects: false }).trimEnd()).join('\n---\n');
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => `${prefix}${line}`);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

import { Packs } from './packs';
import type { Rule } from './rule';
import { ALL_RULES } from './rules';

/** The README markers between which the generated rule table sits. */
export const RULE_TABLE_START = '<!-- rules:start -->';
export const RULE_TABLE_END = '<!-- rules:end -->';

/** Renders the rule catalogue for the README, so the documentation is generated from the rules themselves. */
export class RuleCatalogue {
  /** A Markdown table: id | pack(s) | severity | checks | references, one row per rule, in catalogue order. */
  public static markdownTable(rules: readonly Rule[] = ALL_RULES): string {
    const rows = rules.map((rule) => {
      const packs = Packs.containing(rule.id);
      return `| \`${rule.id}\` | ${packs.length > 0 ? packs.join(', ') : 'always on'} | ${rule.defaultSeverity} | ${cell(rule.title)} | ${cell(rule.references.join('; '))} |`;
    });
    return ['| id | pack(s) | severity | checks | references |', '|---|---|---|---|---|', ...rows].join('\n');
  }

  /** The table between its README markers, ready to paste. */
  public static readmeBlock(): string {
    return `${RULE_TABLE_START}\n${RuleCatalogue.markdownTable()}\n${RULE_TABLE_END}`;
  }

  /**
   * `text` (a README) with the block between the markers replaced by the current table.
   * @throws Error when the markers are missing or out of order
   */
  public static withTable(text: string): string {
    const start = text.indexOf(RULE_TABLE_START);
    const end = text.indexOf(RULE_TABLE_END);
    if (start < 0 || end < start) throw new Error(`the README has no ${RULE_TABLE_START} ... ${RULE_TABLE_END} block`);
    return text.slice(0, start) + RuleCatalogue.readmeBlock() + text.slice(end + RULE_TABLE_END.length);
  }

  private constructor() {}
}

/** Escapes what would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

import { RULES_DOCUMENTATION_URI } from './render-context';

/** Where each rule is explained: the same anchor in the Markdown report and in docs/rules.md. */
export class RuleLinks {
  /** An HTML id for a rule: `pss/run-as-user` -> `rule-pss-run-as-user`. */
  public static anchor(ruleId: string): string {
    return `rule-${ruleId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }

  /** The rule's section of the published rule reference (SARIF `helpUri`). */
  public static helpUri(ruleId: string): string {
    return `${RULES_DOCUMENTATION_URI}#${RuleLinks.anchor(ruleId)}`;
  }

  private constructor() {}
}

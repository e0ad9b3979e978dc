import type { ObjectRef } from '../../k8s/manifest';

/** Optional information a reporter may use beyond the report itself. */
export interface RenderContext {
  /** The version of cdk8s-guardrails that produced the report (SARIF `tool.driver.version`). */
  readonly toolVersion?: string;
  /**
   * Every object that was checked. JUnit lists each as a passing test case under every rule
   * that reported nothing on it; without this list, a rule with no findings is one passing case.
   */
  readonly objects?: readonly ObjectRef[];
  /** Colour the text report with ANSI escapes. Default: false. */
  readonly color?: boolean;
}

/** SARIF `tool.driver.name` and the JUnit root name. */
export const TOOL_NAME = 'cdk8s-guardrails';
/**
 * SARIF `tool.driver.informationUri`: the project's home (package.json `repository`, a
 * placeholder until the project is published); update both together (a test compares them).
 */
export const TOOL_INFORMATION_URI = 'https://example.invalid/cdk8s-guardrails';
/** The published rule reference (`docs/rules.md` on the default branch): SARIF `helpUri` links to each rule's section. */
export const RULES_DOCUMENTATION_URI = `${TOOL_INFORMATION_URI}/blob/main/docs/rules.md`;

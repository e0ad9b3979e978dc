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
/** SARIF `tool.driver.informationUri`: the project's home (package.json `repository`); update both together. */
export const TOOL_INFORMATION_URI = 'https://example.invalid/cdk8s-guardrails';

/** The formats a compliance report can be written in. */
export enum ReportFormat {
  /** Plain text for a terminal, grouped by chart (or file) and object. */
  TEXT = 'text',
  /** Markdown for a pull-request comment. */
  MARKDOWN = 'markdown',
  /** The report as JSON: `{ summary, findings, inputErrors }`. */
  JSON = 'json',
  /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
  SARIF = 'sarif',
  /** JUnit XML, for the test tab of CI systems. */
  JUNIT = 'junit',
  /** GitHub Actions workflow commands: annotations on the pull request without code scanning. */
  GITHUB = 'github',
}

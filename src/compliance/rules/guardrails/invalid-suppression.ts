import type { Rule } from '../../rule';
import { SUPPRESS_ANNOTATION } from '../../suppressions';

/**
 * `guardrails/invalid-suppression`: a suppression annotation that cannot be read, names an
 * unknown rule or lacks a real reason. The engine reports these itself (they are about the
 * suppressions, which it owns), always as errors, whatever the packs: a typo must never silence
 * a rule unnoticed. They cannot be suppressed.
 */
export const GUARDRAILS_INVALID_SUPPRESSION: Rule = {
  id: 'guardrails/invalid-suppression',
  title: `Every ${SUPPRESS_ANNOTATION} annotation is valid`,
  defaultSeverity: 'error',
  rationale: 'A suppression with a misspelled rule id silences nothing while its author believes a finding is handled; a suppression without a reason cannot be reviewed.',
  remediation: 'Make the annotation a JSON array of { "rule": "<known rule id>", "reason": "<a sentence of at least 20 characters>", "target"?: "<finding target>" }.',
  references: ['none'],
};

import type { Manifest } from '../../../k8s/manifest';
import type { Rule } from '../../rule';
import { SUPPRESS_ANNOTATION } from '../../suppressions';
import { exampleContainer, exampleDeployment } from '../examples';

/** The example: a Deployment whose suppression annotation names `ruleId`. */
function deploymentSuppressing(ruleId: string): Manifest {
  const deployment = exampleDeployment({ containers: [exampleContainer()] });
  const suppressions = [{ rule: ruleId, reason: 'The legacy web server writes its PID file next to its binary.' }];
  return { ...deployment, metadata: { ...deployment.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify(suppressions) } } };
}

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
  remediation: 'Make the annotation a JSON array of { "rule": "<known rule id>", "reason": "<a sentence of at least 20 characters>", "target"?: "<finding target>", "expires"?: "YYYY-MM-DD" }.',
  references: ['none'],
  examples: {
    failing: [deploymentSuppressing('hardening/read-only-rootfs')],
    passing: [deploymentSuppressing('hardening/read-only-root-fs')],
  },
};

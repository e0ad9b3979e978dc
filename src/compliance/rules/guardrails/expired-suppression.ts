import type { Manifest } from '../../../k8s/manifest';
import type { Rule } from '../../rule';
import { SUPPRESS_ANNOTATION } from '../../suppressions';
import { exampleContainer, exampleDeployment } from '../examples';

/** The example: a Deployment whose writable root file system is suppressed until `expires`. */
function deploymentSuppressingUntil(expires: string): Manifest {
  const deployment = exampleDeployment({ containers: [exampleContainer()] });
  const suppressions = [{ rule: 'hardening/read-only-root-fs', reason: 'The legacy web server writes its PID file next to its binary.', expires }];
  return { ...deployment, metadata: { ...deployment.metadata, annotations: { [SUPPRESS_ANNOTATION]: JSON.stringify(suppressions) } } };
}

/**
 * `guardrails/expired-suppression`: a suppression whose `expires` date has passed. From the day
 * after that date (UTC; `Settings.now` says which day it is) the suppression no longer applies:
 * the finding it covered counts again, and this rule reports the suppression so that someone
 * either fixes the finding or reviews the exemption and renews it. Like
 * `guardrails/invalid-suppression`, the engine reports it itself, always as an error, whatever
 * the packs; it cannot be suppressed.
 */
export const GUARDRAILS_EXPIRED_SUPPRESSION: Rule = {
  id: 'guardrails/expired-suppression',
  title: 'No suppression is past its expiry date',
  defaultSeverity: 'error',
  rationale: 'An exemption granted "until the vendor fixes it" is forgotten unless it ends by itself. An expiry date turns a permanent exception into a reviewed one: once it passes, the finding counts again and the stale suppression is named.',
  remediation: 'Fix the finding and remove the suppression, or review the exemption and move its expires date (YYYY-MM-DD) forward.',
  references: ['none'],
  examples: {
    // Far in the past and far in the future: the examples hold whatever the day.
    failing: [deploymentSuppressingUntil('2020-01-31')],
    passing: [deploymentSuppressingUntil('2999-12-31')],
  },
};

import type { Finding, Manifest } from '../../../../src/compliance/model';
import { RuleRegistry } from '../../../../src/compliance/rules';
import { runEngine } from '../../helpers';

/**
 * Runs exactly one rule at its default severity, like `runRule`, and fails the test when the
 * rule threw: the engine reports a crashing rule as an input error, not as a finding, so
 * `runRule` alone cannot tell "no finding" from "crashed".
 */
export function checkRule(ruleId: string, manifests: readonly unknown[]): Finding[] {
  const report = runEngine(manifests, { packs: [], severityOverrides: { [ruleId]: RuleRegistry.get(ruleId)!.defaultSeverity } });
  expect(report.inputErrors).toEqual([]);
  return report.findings.filter((f) => f.ruleId === ruleId);
}

/** The manifest placed in a namespace. */
export function inNamespace(manifest: Manifest, namespace: string): Manifest {
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}

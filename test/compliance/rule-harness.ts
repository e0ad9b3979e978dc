import { ComplianceEngine } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import type { Finding } from '../../src/compliance/model';
import type { Rule, RuleOptions, Violation } from '../../src/compliance/rule';
import { RuleRunner } from '../../src/compliance/rule-runner';
import { RuleRegistry } from '../../src/compliance/rules';
import type { BindingContext } from '../../src/compliance/rules/binding-risks';
import type { Settings } from '../../src/compliance/settings';
import type { Manifest } from '../../src/k8s/manifest';

/**
 * The one harness of the rule tests. `check` runs one rule the way the engine iterates (pods and
 * containers one at a time, whole-input rules once) and returns its violations in the order the
 * rule reported them; `runRule` runs one rule through the whole engine and returns its findings.
 * Both fail the test when the rule crashes: a crashing rule becomes an input error, not a finding,
 * so "no findings" alone could not tell passing from crashing.
 */

export const OPTIONS: RuleOptions = { maxTokenTtlSeconds: 3600, podSecurityVersion: 'latest' };

/** GIVEN manifests WHEN the rule checks them THEN its violations (in the rule's order). */
export function check(rule: Rule, manifests: readonly Manifest[], options: Partial<RuleOptions> = {}, namespace?: string): Violation[] {
  const index = new ManifestIndex(manifests.map((manifest) => ({ manifest })), namespace);
  const outcome = RuleRunner.run([rule], index, { ...OPTIONS, ...options }).get(rule)!;
  if ('error' in outcome) throw new Error(`rule ${rule.id} crashed: ${(outcome.error as Error)?.message ?? String(outcome.error)}`);
  return outcome.violations;
}

/** Where a binding-risk definition judges `binding`: the binding as the only object of an index (for calling `match` directly). */
export function bindingContext(binding: unknown, namespace?: string): BindingContext {
  const manifest = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, ...(binding as object) } as Manifest;
  const index = new ManifestIndex([{ manifest }], namespace);
  return { index, object: index.objects[0] };
}

/** Just the pointers, for compact assertions. */
export function paths(violations: readonly Violation[]): string[] {
  return violations.map((v) => v.path);
}

/**
 * Runs exactly one rule (at its default severity) through the engine over the manifests and
 * returns its findings (sorted as the engine reports them).
 */
export function runRule(ruleId: string, manifests: readonly any[], settings: Omit<Settings, 'packs' | 'severityOverrides'> = {}): Finding[] {
  const rule = RuleRegistry.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const engine = new ComplianceEngine({ ...settings, packs: [], severityOverrides: { [ruleId]: rule.defaultSeverity } });
  const report = engine.check(manifests.map((manifest) => ({ manifest })));
  expect(report.inputErrors).toEqual([]);
  return report.findings.filter((f) => f.ruleId === ruleId);
}

/**
 * Every target the findings cover, in order: a finding's `target`, or each of its `targets` when
 * it covers several (the engine reports one finding per rule, object and field).
 */
export function coveredTargets(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => f.targets ?? (f.target !== undefined ? [f.target] : []));
}

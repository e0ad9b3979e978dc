/**
 * How many findings the engine's grouping removes (one finding per rule, object and field): for
 * each input, the rules' violations (what the engine reported, one finding each, before it
 * grouped them) against the findings it reports now, per rule.
 *
 *   ts-node --project tsconfig.check.json --transpile-only bench/finding-grouping.ts [-n NS] FILE|DIR...
 *
 * Runs the recommended pack with suppressions ignored, so that every finding counts.
 */
import { PROCESS_IO } from '../src/cli/cli-io';
import { ManifestInputs } from '../src/cli/manifest-inputs';
import { ComplianceEngine } from '../src/compliance/engine';
import { ManifestIndex } from '../src/compliance/manifest-index';
import { RuleRunner } from '../src/compliance/rule-runner';

function main(argv: string[]): void {
  const at = argv.indexOf('-n');
  const namespace = at >= 0 ? argv[at + 1] : undefined;
  const targets = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
  // Read as the CLI reads its PATH operands (kubectl's reader).
  const { inputs } = ManifestInputs.read(targets, [], PROCESS_IO);

  const engine = new ComplianceEngine({ packs: ['recommended'], ignoreSuppressions: true, ...(namespace ? { namespace } : {}) });
  const index = new ManifestIndex(inputs, engine.settings.namespace);
  const options = { maxTokenTtlSeconds: engine.settings.maxTokenTtlSeconds, podSecurityVersion: engine.settings.podSecurityVersion };
  const outcomes = RuleRunner.run(engine.rules.map((r) => r.rule), index, options);
  const report = engine.check(inputs);

  const rows: Array<[string, number, number]> = [];
  let before = 0;
  for (const [rule, outcome] of outcomes) {
    const violations = 'violations' in outcome ? outcome.violations.length : 0;
    const findings = report.findings.filter((f) => f.ruleId === rule.id).length;
    before += violations;
    if (violations > 0) rows.push([rule.id, violations, findings]);
  }
  const after = report.findings.filter((f) => f.ruleId !== 'guardrails/invalid-suppression').length;
  console.log(`${inputs.length} objects from ${targets.join(' ')}`);
  console.log('rule                                    before  after');
  for (const [id, b, a] of rows) console.log(`${id.padEnd(40)}${String(b).padStart(6)}${String(a).padStart(7)}`);
  console.log(`${'total'.padEnd(40)}${String(before).padStart(6)}${String(after).padStart(7)}  (${before - after} removed)`);
}

main(process.argv.slice(2));

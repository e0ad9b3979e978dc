import { generateFleet } from './fleet';
import { alternate, median, pairedRange, pairedRatio } from './stats';
import { ComplianceEngine, SuppressedManifestInput } from '../src/compliance/engine';

export interface EngineBenchOptions {
  /** N: the small input; the large one has 10N objects. */
  readonly objects: number;
  readonly rounds: number;
  readonly warmup: number;
}

export interface EngineBenchResult {
  readonly scaling10x: number;
  readonly largest: number;
  readonly detail: string;
}

/**
 * `ComplianceEngine.check` (pack `recommended`) over N and 10N objects of an RBAC-heavy fleet
 * (about half the objects are Roles, ClusterRoles and bindings), alternately. Linear cost gives 10.
 * The ratio is the median of each round's own ratio (`pairedRatio`), as for the whole-process
 * ratios: a round's two runs are back to back, so a slow minute of the host slows both
 * (docs/performance.md, 2026-12-02: seven runs of the same two builds gave 9.5 to 11.8 as a ratio
 * of medians and 10.7 to 11.5 paired).
 */
export function benchEngineScaling(options: EngineBenchOptions): EngineBenchResult {
  const engine = new ComplianceEngine({ packs: ['recommended'] });
  const fleet = generateFleet({ objects: options.objects * 10, violatingFraction: 0.03 }).map((manifest): SuppressedManifestInput => ({ manifest }));
  // Exactly N and 10N: the small input is the first teams of the large one.
  const large = fleet.slice(0, options.objects * 10);
  const small = fleet.slice(0, options.objects);
  const rbac = large.filter((i) => /Role|Binding/.test(i.manifest.kind)).length;
  const samples = alternate([
    { name: 'N', run: () => engine.check(small) },
    { name: '10N', run: () => engine.check(large) },
  ], options.rounds, options.warmup);
  const n = samples.get('N')!;
  const tenN = samples.get('10N')!;
  return {
    scaling10x: pairedRatio(tenN, n),
    largest: large.length,
    detail: `${large.length} objects (${Math.round(rbac / large.length * 100)}% RBAC) ${median(tenN).toFixed(0)} ms vs ${small.length} objects ${median(n).toFixed(1)} ms`
      + ` (${(median(tenN) / large.length * 1000).toFixed(0)} µs/object); ${pairedRange(tenN, n)}`,
  };
}

/** The middle value (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The clock every ratio is measured with. `cpu` (the default): CPU time of the process (user +
 * system, all threads, so garbage collection counts), which other processes on a shared machine
 * barely disturb. `wall`: elapsed time, what a user waits for on a quiet machine. Set with
 * `BENCH_CLOCK=wall`.
 */
export const CLOCK: 'cpu' | 'wall' = process.env.BENCH_CLOCK === 'wall' ? 'wall' : 'cpu';

/** Milliseconds taken by `run`, on `CLOCK`. */
export function timeMs(run: () => void): number {
  if (CLOCK === 'wall') {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  }
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** One measured variant: a name and the work to time. */
export interface Variant {
  readonly name: string;
  readonly run: () => void;
}

/**
 * Runs the variants alternately (A B A B ..., the order reversed every other round) so that
 * drifts of a shared machine (other load, JIT warm-up, garbage left by the previous run) hit each
 * of them alike: `warmup` rounds are thrown away, then `rounds` are timed. Returns the samples
 * per variant. No GC is forced between runs: a forced full GC shrinks V8's young generation, and
 * the next two or three runs of allocation-heavy code were measured 2-3x slower because of it.
 */
export function alternate(variants: readonly Variant[], rounds: number, warmup: number): Map<string, number[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    // Reverse the order on odd rounds: neither variant always runs right after the other.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const ms = timeMs(variant.run);
      if (round >= warmup) samples.get(variant.name)!.push(ms);
    }
  }
  return samples;
}

/** Ratio of two medians, rounded to 3 decimals. */
export function ratio(numerator: readonly number[], denominator: readonly number[]): number {
  return round3(median(numerator) / median(denominator));
}

/**
 * The median of the per-round ratios, rounded to 3 decimals: `numerator[i] / denominator[i]`
 * were measured back to back in round `i`. On a shared machine whose speed drifts from minute to
 * minute (the js-yaml parse of the CLI's stream took 987 ms in one full run and 1306 ms in
 * another, docs/performance.md), a ratio of medians can pair a fast minute's numerator with a slow
 * minute's denominator; a round's two runs share their minute, so the drift cancels in each
 * round's ratio.
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): number {
  if (numerator.length !== denominator.length) {
    throw new Error(`paired ratio of ${numerator.length} and ${denominator.length} samples: each round must measure both`);
  }
  return round3(median(numerator.map((value, i) => value / denominator[i])));
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The lowest and highest per-round ratio (see `pairedRatio`), for the table: how much the rounds agree. */
export function pairedRange(numerator: readonly number[], denominator: readonly number[]): string {
  const ratios = numerator.map((value, i) => value / denominator[i]);
  return `per-round ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}`;
}

import * as v8 from 'v8';
import * as vm from 'vm';

/** The middle value (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds taken by `run`, with a high-resolution clock. */
export function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * A full garbage collection, so that one variant does not pay for the garbage another one left.
 * (`--expose-gc` is set at run time: the projen task runs through ts-node, without node flags.)
 */
export function settle(): void {
  collectGarbage();
}

/** One measured variant: a name and a run that returns nothing (timed) or a sample it measured itself. */
export interface Variant {
  readonly name: string;
  readonly run: () => void;
}

/**
 * Runs the variants alternately (A B A B ...) so that drifts of a shared machine (other load,
 * thermal state, JIT warm-up) hit each of them alike: `warmup` rounds are thrown away, then
 * `rounds` are timed. Each timed run starts after a full GC. Returns the samples per variant.
 */
export function alternate(variants: readonly Variant[], rounds: number, warmup: number): Map<string, number[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    // Reverse the order on odd rounds: neither variant always runs right after the other.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      settle();
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

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

import { median, pairedRange, pairedRatio, ratio } from '../../bench/stats';

/** The benchmark's statistics: what its ratios are computed with (bench/stats.ts). */
describe('bench statistics', () => {
  test('median of odd and even counts; none is an error', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('median of no values');
  });

  test('a machine that slows down mid-run: the ratio of medians is fooled by one round, the paired ratio is not', () => {
    // A costs 1.5 B. The machine is 30% slower from round 3 on, and in round 3 the slowdown came between B and A.
    const b = [1000, 1000, 1000, 1300, 1300];
    const a = [1500, 1500, 1950, 1950, 1950];
    expect(ratio(a, b)).toBe(1.95);
    expect(pairedRatio(a, b)).toBe(1.5);
    expect(pairedRange(a, b)).toBe('per-round 1.50 to 1.95');
  });

  test('paired samples must come in pairs; the range gives the lowest and highest round', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('paired ratio of 2 and 1 samples');
    expect(pairedRange([150, 120, 200], [100, 100, 100])).toBe('per-round 1.20 to 2.00');
  });
});

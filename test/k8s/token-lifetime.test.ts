import { TokenLifetime } from '../../src/k8s/token-lifetime';

describe('TokenLifetime', () => {
  test('GIVEN the Kubernetes bounds THEN 600 s to 2^32 s, 3600 s by default, and 3607 s is the one-year sentinel', () => {
    const { MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS, EXTENDED_SENTINEL_SECONDS } = TokenLifetime;
    expect([MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS, EXTENDED_SENTINEL_SECONDS]).toEqual([600, 4294967296, 3600, 3607]);
  });

  test.each([
    [600, undefined], [3600, undefined], [3607, undefined], [2 ** 32, undefined],
    [599, '599s is below the Kubernetes minimum of 600s (allowed: 600..4294967296 seconds)'],
    [2 ** 32 + 1, '4294967297s is above the Kubernetes maximum of 4294967296s (2^32) (allowed: 600..4294967296 seconds)'],
    [600.5, '600.5s is not a whole number of seconds (allowed: 600..4294967296 seconds)'],
  ])('GIVEN %s s THEN problem is %j (Kubernetes accepts 3607: callers that refuse it check it themselves)', (seconds, problem) => {
    expect(TokenLifetime.problem(seconds)).toBe(problem);
  });
});

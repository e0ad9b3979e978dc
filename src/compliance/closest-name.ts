/** "Did you mean" for names a user typed: the known name closest to a wrong one. */
export class ClosestName {
  /**
   * The known name closest to `name` (edit distance, case-insensitive), if it is close enough to
   * be a typo (at most a third of its length, and at least 2 edits); undefined otherwise.
   */
  public static of(name: string, known: readonly string[]): string | undefined {
    const wanted = name.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of known) {
      const distance = editDistance(wanted, candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= Math.max(2, Math.ceil(name.length / 3)) ? best : undefined;
  }

  /** Levenshtein distance: the fewest insertions, deletions and substitutions from `a` to `b`. */
  public static distance(a: string, b: string): number {
    return editDistance(a, b);
  }

  /** `; did you mean 'x'?` or nothing. */
  public static hint(name: string, known: readonly string[]): string {
    const closest = ClosestName.of(name, known);
    return closest === undefined ? '' : `; did you mean '${closest}'?`;
  }

  private constructor() {}
}

/** Levenshtein distance with one row. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

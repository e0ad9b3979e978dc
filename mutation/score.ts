/**
 * The mutation score over several Stryker JSON reports (mutation-testing-report-schema), as
 * Stryker computes it: detected (killed + timed out) over valid mutants (detected + survived +
 * no coverage). Compile and runtime errors and ignored mutants do not count.
 */

/** What one report (or the sum of several) holds, by mutant status. */
export interface MutantCounts {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
}

/** The part of a Stryker JSON report the score needs. */
export interface MutationReport {
  readonly files: Record<string, { readonly mutants: ReadonlyArray<{ readonly status: string }> }>;
}

export const NO_MUTANTS: MutantCounts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };

/** Counts per source file. */
export function countByFile(report: MutationReport): Map<string, MutantCounts> {
  const counts = new Map<string, MutantCounts>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    let c: MutantCounts = NO_MUTANTS;
    for (const { status } of mutants) {
      if (status === 'Killed') c = { ...c, killed: c.killed + 1 };
      else if (status === 'Timeout') c = { ...c, timeout: c.timeout + 1 };
      else if (status === 'Survived') c = { ...c, survived: c.survived + 1 };
      else if (status === 'NoCoverage') c = { ...c, noCoverage: c.noCoverage + 1 };
    }
    counts.set(file, c);
  }
  return counts;
}

export function addCounts(a: MutantCounts, b: MutantCounts): MutantCounts {
  return { killed: a.killed + b.killed, timeout: a.timeout + b.timeout, survived: a.survived + b.survived, noCoverage: a.noCoverage + b.noCoverage };
}

/** The score in percent, or `undefined` when there is no valid mutant. */
export function mutationScore(c: MutantCounts): number | undefined {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? undefined : (100 * (c.killed + c.timeout)) / valid;
}

/** `87.12% (1234 killed, 5 timed out, 180 survived, 3 no coverage)`. */
export function describeScore(c: MutantCounts): string {
  const score = mutationScore(c);
  const percent = score === undefined ? 'n/a' : `${score.toFixed(2)}%`;
  return `${percent} (${c.killed} killed, ${c.timeout} timed out, ${c.survived} survived, ${c.noCoverage} no coverage)`;
}

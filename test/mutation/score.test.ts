import { addCounts, countByFile, describeScore, mutationScore, NO_MUTANTS } from '../../mutation/score';

describe('mutation score', () => {
  const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

  test('GIVEN a report THEN each file counts killed, timed out, survived and uncovered mutants; errors and ignored ones are left out', () => {
    const counts = countByFile({
      files: {
        'src/a.ts': mutants('Killed', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'),
        'src/b.ts': mutants('Ignored'),
      },
    });
    expect(counts.get('src/a.ts')).toEqual({ killed: 2, timeout: 1, survived: 1, noCoverage: 1 });
    expect(counts.get('src/b.ts')).toEqual(NO_MUTANTS);
  });

  test('GIVEN counts THEN the score is detected (killed + timeout) over valid mutants, as Stryker computes it', () => {
    const c = { killed: 80, timeout: 5, survived: 10, noCoverage: 5 };
    expect(mutationScore(c)).toBe(85);
    expect(mutationScore(NO_MUTANTS)).toBeUndefined();
    expect(describeScore(c)).toBe('85.00% (80 killed, 5 timed out, 10 survived, 5 no coverage)');
    expect(describeScore(NO_MUTANTS)).toBe('n/a (0 killed, 0 timed out, 0 survived, 0 no coverage)');
  });

  test('GIVEN two batches THEN their counts add up field by field', () => {
    expect(addCounts({ killed: 1, timeout: 2, survived: 3, noCoverage: 4 }, { killed: 10, timeout: 20, survived: 30, noCoverage: 40 }))
      .toEqual({ killed: 11, timeout: 22, survived: 33, noCoverage: 44 });
  });
});

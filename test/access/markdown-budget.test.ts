import { GITHUB_COMMENT_LIMIT, MarkdownBudget } from '../../src/access/markdown-budget';

describe('MarkdownBudget', () => {
  test('GIVEN blocks THEN each is added whole while it fits besides the reserve, never in part', () => {
    const budget = new MarkdownBudget(30, 10);
    expect(budget.add(['0123456789'])).toBe(true); // 11 characters with its newline
    expect(budget.add(['0123456789'])).toBe(false); // 22 > 30 - 10
    expect(budget.add(['abc'])).toBe(true);
    expect(budget.finish()).toBe('0123456789\nabc\n');
  });

  test('GIVEN a note longer than the room left THEN it is cut with an ellipsis and the document stays within the limit', () => {
    const budget = new MarkdownBudget(40, 10);
    budget.add(['x'.repeat(28)]);
    const text = budget.finish('a note that is far too long to fit in the room');
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text.endsWith('…\n')).toBe(true);
  });

  test('THEN the default limit is GitHub\'s comment limit', () => {
    expect(GITHUB_COMMENT_LIMIT).toBe(65_536);
    const budget = new MarkdownBudget();
    expect(budget.add(['x'.repeat(65_536 - 2_000 - 1)])).toBe(true);
    expect(budget.add(['y'])).toBe(false);
  });
});

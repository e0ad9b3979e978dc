/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * A Markdown document that never grows past a limit (GitHub's comment limit by default): blocks
 * are added whole or not at all, and room is kept for a closing note that says what was left out.
 */
export class MarkdownBudget {
  private readonly blocks: string[] = [];
  private used = 0;

  /**
   * @param limit the most characters of the document
   * @param reserve characters kept for the closing note
   */
  constructor(private readonly limit: number = GITHUB_COMMENT_LIMIT, private readonly reserve: number = 2_000) {}

  /** Adds the block (lines joined by newlines, then a newline) when it fits besides the reserve; false when it does not. */
  public add(lines: readonly string[]): boolean {
    const block = lines.join('\n') + '\n';
    if (this.used + block.length > this.limit - this.reserve) return false;
    this.blocks.push(block);
    this.used += block.length;
    return true;
  }

  /** The document, with the closing note (cut to the room left, if it must be). */
  public finish(note?: string): string {
    const body = this.blocks.join('');
    if (note === undefined) return body;
    const room = this.limit - body.length;
    const text = note.length + 1 <= room ? note : `${note.slice(0, Math.max(0, room - 2))}…`;
    return `${body}${text}\n`.slice(0, this.limit);
  }
}

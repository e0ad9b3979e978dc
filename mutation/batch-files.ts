/**
 * Whether a source file belongs to a batch, by the batch's `mutate` globs (`**`, `*` and a
 * leading `!` to exclude, the subset of Stryker's glob syntax that mutation/batches.json uses).
 * An incremental Stryker report keeps the files of earlier runs, so the summary filters by this
 * and never counts a file twice or counts a stale result of another batch.
 */
export function inBatch(file: string, globs: readonly string[]): boolean {
  const included = globs.filter((g) => !g.startsWith('!')).some((g) => globToRegExp(g).test(file));
  const excluded = globs.filter((g) => g.startsWith('!')).some((g) => globToRegExp(g.slice(1)).test(file));
  return included && !excluded;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      source += '(?:[^/]+/)*';
      i += 2;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

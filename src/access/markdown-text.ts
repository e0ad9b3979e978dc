/** Text helpers of the access reports' Markdown: inline code and table cells that survive any name. */

/** Inline code that survives any content: backticks and table pipes escaped. */
export function code(text: string): string {
  return '`' + text.replace(/`/g, 'ˋ').replace(/\|/g, '\\|') + '`';
}

/** Plain text in a Markdown table cell or list. */
export function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/** `3 ServiceAccounts`, `1 ServiceAccount`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `namespace/name`, or `name` for a cluster-scoped object. */
export function qualified(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Where something was written: the construct path, or `file:line`, as inline code; empty when unknown. */
export function location(file?: string, line?: number, constructPath?: string): string {
  if (constructPath) return code(constructPath);
  if (!file) return '';
  return code(line !== undefined ? `${file}:${line}` : file);
}

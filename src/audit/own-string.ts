/**
 * A copy of a string that shares no memory with the text it was cut from. V8 represents a
 * substring (`slice`, `split`, a regular expression's match) as a slice of its parent: keeping a
 * ServiceAccount's name cut from a username keeps the username. The audit keeps such cut strings
 * only through this. The values JSON.parse returns need no copy: V8 copies every string value
 * out of the parsed text (a fresh sequential string, also when the line is itself a slice of a
 * megabyte chunk of the log), so keeping an auditID keeps 36 characters, not the line or its
 * chunk; test/audit/retained-memory.test.ts holds the audit to that. Copying them would cost
 * three allocations per kept value on every line. (Concatenating makes a cons string; slicing
 * that flattens it into a new string first.)
 */
export function ownString(text: string): string {
  return (` ${text}`).slice(1);
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 represents a
 * substring (and a string JSON.parse returns without escapes) as a slice of its parent: keeping
 * a 36-character auditID from a log line would keep the whole megabyte chunk of the log the line
 * was cut from. Everything the audit keeps across lines goes through this, so memory stays
 * bounded by what is kept, not by how much log it came from. (Concatenating makes a cons
 * string; slicing that flattens it into a new string first.)
 */
export function ownString(text: string): string {
  return (` ${text}`).slice(1);
}

/**
 * Two strings in the order of the default `Array.prototype.sort` (UTF-16 code units), for sorting
 * objects by a string: one comparator, so that every report and view orders alike, whatever the
 * locale (`localeCompare` would not).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

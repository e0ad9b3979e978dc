import { compareCodeUnits } from '../string-order';
import { PlainJson } from './plain-json';

/**
 * The edits the rewrite makes to one object, as data: applied to plain JSON here (the TypeScript
 * door, and the expected result every YAML edit is checked against), and to YAML text by
 * `YamlDocumentEditor`. Paths are segments from the object's root and always name positions of
 * the object as it was read: removals are applied last, so earlier indices stay valid.
 */

/** One segment of a path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** Sets `key` of the mapping at `path` (adding it at the end when absent). */
export interface SetEdit {
  readonly op: 'set';
  readonly path: readonly PathSegment[];
  readonly key: string;
  readonly value: unknown;
}

/** Appends `value` to the sequence at `path` (which exists). */
export interface AppendEdit {
  readonly op: 'append';
  readonly path: readonly PathSegment[];
  readonly value: unknown;
}

/** Removes the item at `index` of the sequence at `path`. */
export interface RemoveEdit {
  readonly op: 'remove';
  readonly path: readonly PathSegment[];
  readonly index: number;
}

export type ManifestEdit = SetEdit | AppendEdit | RemoveEdit;

/** Applies edits to plain JSON. */
export class ManifestEdits {
  /**
   * Applies the edits to `root` in place: sets and appends in order, then removals from the last
   * index down. With `sortedKeys`, a key added to a mapping whose keys are sorted keeps them sorted
   * (cdk8s renders every object with sorted keys).
   */
  public static applyTo(root: unknown, edits: readonly ManifestEdit[], sortedKeys = false): void {
    for (const edit of edits) {
      if (edit.op === 'remove') continue;
      const target = ManifestEdits.resolve(root, edit.path);
      const value = sortedKeys ? sorted(edit.value) : clone(edit.value);
      if (edit.op === 'set') {
        ManifestEdits.setKey(target as Record<string, unknown>, edit.key, value, sortedKeys);
      } else {
        (target as unknown[]).push(value);
      }
    }
    const removals = edits.filter((e): e is RemoveEdit => e.op === 'remove').sort((a, b) => b.index - a.index);
    for (const edit of removals) (ManifestEdits.resolve(root, edit.path) as unknown[]).splice(edit.index, 1);
  }

  /** A deep copy of `root` with the edits applied (the input is left untouched). */
  public static applied<T>(root: T, edits: readonly ManifestEdit[]): T {
    const copy = clone(root) as T;
    ManifestEdits.applyTo(copy, edits);
    return copy;
  }

  /** The value at `path`. @throws Error when the path does not lead to a collection (a planner bug, never user input) */
  public static resolve(root: unknown, path: readonly PathSegment[]): unknown {
    let node: any = root;
    for (const segment of path) {
      node = node !== null && typeof node === 'object' ? node[segment] : undefined;
    }
    if (node === null || typeof node !== 'object') throw new Error(`harden: no collection at /${path.join('/')}`);
    return node;
  }

  private static setKey(target: Record<string, unknown>, key: string, value: unknown, sortedKeys: boolean): void {
    if (Object.prototype.hasOwnProperty.call(target, key) || !sortedKeys) {
      target[key] = value;
      return;
    }
    const keys = Object.keys(target);
    const isSorted = keys.every((k, i) => i === 0 || keys[i - 1] <= k);
    target[key] = value;
    if (!isSorted) return;
    // Re-insert every key in order: a mapping's key order is the order its keys were added.
    const entries = Object.entries(target).sort(([a], [b]) => compareCodeUnits(a, b));
    for (const [k] of entries) delete target[k];
    for (const [k, v] of entries) target[k] = v;
  }

  private constructor() {}
}

/** A deep copy with every mapping's keys in sorted order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) result[key] = sorted((value as Record<string, unknown>)[key]);
  return result;
}

function clone<T>(value: T): T {
  return PlainJson.copy(value);
}

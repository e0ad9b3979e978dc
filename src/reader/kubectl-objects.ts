/** One object kubectl applies from a document, or the reason it refuses it. */
export interface DocumentObject {
  /** The object as kubectl sends it. */
  readonly object?: Record<string, unknown>;
  /** Why kubectl refuses it (the whole document when `item` is undefined). */
  readonly error?: string;
  /** For objects from a list: the index in `items`. */
  readonly item?: number;
}

/*
 * What kubectl makes of one decoded document (its JSON value), as `kubectl apply -f` does it:
 * k8s.io/apimachinery unstructured.UnstructuredJSONScheme decodes it, and the resource builder
 * flattens lists (k8s.io/cli-runtime resource/visitor.go FlattenListVisitor).
 *
 * - A document with an `items` key is a list, WHATEVER its kind (the decoder only looks for the
 *   key): its items are applied and the wrapper is dropped. `items: null` or `[]` applies nothing.
 * - Items without both kind and apiVersion get the list's apiVersion and its kind without the
 *   `List` suffix (`ClusterRoleBindingList` items become ClusterRoleBindings).
 * - An item that is itself a list (its `items` is an array) fails the whole document; an item
 *   without kind or apiVersion fails alone.
 * - A document that is not a mapping, or has no kind, is refused. (kubectl reads a top-level
 *   object without apiVersion or name; `kubectl apply` then fails on it at the server.)
 * - `apiVersion` with more than one '/' makes the kind unreadable (schema.ParseGroupVersion).
 */
export class KubectlObjects {
  public static of(value: unknown): DocumentObject[] {
    if (value === null || value === undefined) return [];
    if (typeof value !== 'object' || Array.isArray(value)) {
      return [{ error: `not a Kubernetes object: ${describe(value)} (kubectl reads only mappings)` }];
    }
    const doc = value as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(doc, 'items')) {
      return groupVersionKind(doc).kind === '' ? [{ error: missingKind(doc) }] : [{ object: doc }];
    }
    return KubectlObjects.list(doc);
  }

  private static list(doc: Record<string, unknown>): DocumentObject[] {
    const items = doc.items;
    if (items !== null && !Array.isArray(items)) {
      return [{ error: `"items" is ${describe(items)}: kubectl reads any document with "items" as a list, and its items must be a sequence` }];
    }
    const objects: Array<Record<string, unknown>> = [];
    for (const [i, item] of (items ?? []).entries()) {
      if (item !== null && (typeof item !== 'object' || Array.isArray(item))) {
        return [{ error: `item ${i} of the list is ${describe(item)}, not a mapping: kubectl refuses the whole list` }];
      }
      objects.push((item ?? {}) as Record<string, unknown>);
    }
    const listKind = stringField(doc, 'kind');
    if (groupVersionKind(doc).kind === '') return [{ error: missingKind(doc, 'the list ') }];
    const itemKind = listKind.endsWith('List') ? listKind.slice(0, -'List'.length) : listKind;
    const listApiVersion = stringField(doc, 'apiVersion');
    for (const object of objects) {
      if (stringField(object, 'kind') === '' && stringField(object, 'apiVersion') === '') {
        object.kind = itemKind;
        object.apiVersion = listApiVersion;
      }
    }
    const nested = objects.findIndex((object) => Array.isArray(object.items));
    if (nested >= 0) {
      return [{ error: `item ${nested} of the list is itself a list (it has "items"): kubectl refuses the whole list ("not a list: no Items field")` }];
    }
    return objects.map((object, i) => {
      const gvk = groupVersionKind(object);
      if (gvk.kind === '') return { item: i, error: `item ${i} of the list has no kind: kubectl refuses it` };
      if (gvk.version === '') return { item: i, error: `item ${i} of the list has no apiVersion: kubectl refuses it` };
      return { item: i, object };
    });
  }
}

/** The object's group, version and kind as apimachinery reads them (all empty if apiVersion is malformed). */
function groupVersionKind(object: Record<string, unknown>): { group: string; version: string; kind: string } {
  const apiVersion = stringField(object, 'apiVersion');
  const kind = stringField(object, 'kind');
  const parts = apiVersion.split('/');
  if (parts.length > 2) return { group: '', version: '', kind: '' };
  return parts.length === 2 ? { group: parts[0], version: parts[1], kind } : { group: '', version: apiVersion, kind };
}

/** A string field, or '' if it is missing or not a string (unstructured's getNestedString). */
function stringField(object: Record<string, unknown>, key: string): string {
  const value = object[key];
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(object, key) ? value : '';
}

function missingKind(object: Record<string, unknown>, what = ''): string {
  const apiVersion = stringField(object, 'apiVersion');
  if (apiVersion.split('/').length > 2) {
    return `not a Kubernetes object: ${what}apiVersion ${JSON.stringify(apiVersion)} has more than one '/', so kubectl cannot read its kind and refuses it`;
  }
  return `not a Kubernetes object: ${what}has no kind (kubectl refuses a document without one)`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

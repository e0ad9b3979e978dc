/**
 * What the checker needs of an object beyond what kubectl's reader requires: `kubectl apply`
 * fails at the API server on an object without apiVersion or metadata.name (the reader lets
 * them through, as kubectl's does), and the checker cannot name such an object in a finding.
 */
export class ObjectShape {
  /** Why a value is not a Kubernetes object (apiVersion, kind, metadata.name), or `undefined` if it is one. */
  public static problem(value: unknown): string | undefined {
    if (!isObject(value)) {
      return `expected a mapping with apiVersion, kind and metadata.name, found ${describe(value)}`;
    }
    const v = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const missing: string[] = [];
    if (!nonEmptyString(v.apiVersion)) missing.push('apiVersion');
    if (!nonEmptyString(v.kind)) missing.push('kind');
    if (!isObject(v.metadata) || !nonEmptyString(v.metadata.name)) missing.push('metadata.name');
    if (missing.length === 0) return undefined;
    const what = nonEmptyString(v.kind) ? `${v.kind} ` : '';
    return `${what}has no ${missing.join(', no ')} (each must be a non-empty string)`;
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

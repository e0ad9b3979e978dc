import type { ApiObjectMetadata } from 'cdk8s';

/**
 * Drops keys whose value is `undefined`. cdk8s spreads the given metadata over the name it
 * generates, so `{ name: undefined }` would otherwise write an object without a name.
 */
export function definedMetadata(metadata: ApiObjectMetadata | undefined): ApiObjectMetadata | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as ApiObjectMetadata;
}

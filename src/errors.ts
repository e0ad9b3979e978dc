import type { IConstruct } from 'constructs';

/**
 * A bad property value given to one of our constructs. The message always names the construct
 * (type and path), the property, the value and what is allowed, so the user can fix it without
 * reading our source.
 */
export class PropertyError extends Error {
  /**
   * @param typeName the construct type the user called, e.g. `SecureDeployment`
   * @param scope the construct (its path is quoted) or a plain path
   * @param property the property path, e.g. `apiAccess.expiration`
   * @param problem what is wrong with the value and what is allowed
   */
  constructor(typeName: string, scope: IConstruct | string, property: string, problem: string) {
    const path = typeof scope === 'string' ? scope : scope.node.path;
    super(`${typeName} '${path}': ${property} ${problem}`);
    this.name = 'PropertyError';
  }
}

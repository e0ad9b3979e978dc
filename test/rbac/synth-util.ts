import { Testing } from 'cdk8s';
import { RoleGrant, RoleGrantProps } from '../../src/identity/role-grant';
import { Permission } from '../../src/rbac/permission';
import { RbacSubject } from '../../src/rbac/rbac-subject';
import { Json, newChart, onlyOfKind } from '../helpers';

/** Grants permissions to ServiceAccount `ops/controller` in a chart of namespace `ops`; returns what is synthesized. */
export function synthGrant(permissions: Permission[], props: Partial<RoleGrantProps> = {}): Json[] {
  const chart = newChart('ops');
  new RoleGrant(chart, 'grant', { subjects: [RbacSubject.serviceAccount('ops', 'controller')], permissions, ...props });
  return Testing.synth(chart);
}

/** The rules of the only Role synthesized. */
export function roleRules(manifests: Json[]): Json[] {
  return onlyOfKind(manifests, 'Role').rules;
}

/** Runs `build` inside a fresh chart (namespace `ops`, path `test`) and returns the error message it throws. */
export function errorOf(permissions: () => Permission[], props: Partial<RoleGrantProps> = {}): string {
  try {
    synthGrant(permissions(), props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the grant to be refused');
}

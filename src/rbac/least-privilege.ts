import type { GrantedRule } from './granted';
import { Permission } from './permission';
import { mergeRules } from './rule-merger';

/**
 * The least-privilege rule builder: turns permissions into the smallest deterministic rule set
 * that grants exactly their union. Rules with identical verbs (and names) are merged, never in a
 * way that would grant a verb on a resource that was not asked for. `RoleGrant` emits these rules;
 * use this class to inspect them.
 */
export class LeastPrivilege {
  /**
   * The merged rules for these permissions (namespaced and cluster-scoped resources together).
   * Invalid permissions are refused with the reasons.
   */
  public static rules(permissions: Permission[]): GrantedRule[] {
    const problems = permissions.flatMap((permission, i) => permission._problems().map((p) => `permissions[${i}] ${permission.description}: ${p}`));
    if (problems.length > 0) throw new Error(`LeastPrivilege.rules: ${problems.join('; ')}`);
    const rules = mergeRules(permissions.flatMap((permission) => permission._entries()));
    return rules.map((rule) => ({ ...rule, apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [] }));
  }

  private constructor() {}
}

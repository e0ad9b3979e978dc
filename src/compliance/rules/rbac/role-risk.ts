import { RiskCatalogue } from '../../../rbac/risk-catalogue';
import type { Severity } from '../../model';
import type { Rule, Violation } from '../../rule';

/** The metadata of a rule that reports one risk of the RBAC risk catalogue on Roles and ClusterRoles. */
export interface RoleRiskRuleProps {
  readonly id: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  readonly rationale: string;
  readonly remediation: string;
  readonly references: readonly string[];
}

/** The kinds whose `rules` grant permissions. */
const ROLE_KINDS = ['Role', 'ClusterRole'];

/**
 * The finding target of a permission, written like `kubectl auth can-i`: `<verb> <resource>`
 * with `.<apiGroup>` for non-core groups, e.g. `get secrets`, `create deployments.apps`.
 */
export function permissionTarget(verb: string, resource: string, apiGroup: string): string {
  return `${verb} ${resource}${apiGroup ? `.${apiGroup}` : ''}`;
}

/**
 * Builds a rule that runs `RiskCatalogue.assess` on every rule of every Role and ClusterRole
 * and reports the matches of its own risk id, one finding per (policy rule, verb, resource), so
 * that constructs and checks share one definition of "dangerous".
 */
export function roleRiskRule(props: RoleRiskRuleProps): Rule {
  return {
    ...props,
    check(index) {
      const violations: Violation[] = [];
      for (const kind of ROLE_KINDS) {
        for (const role of index.ofKind(kind)) {
          const rules = role.manifest.rules;
          if (!Array.isArray(rules)) continue;
          rules.forEach((rule: any, i: number) => {
            if (rule === null || typeof rule !== 'object' || !Array.isArray(rule.verbs)) return;
            const seen = new Set<string>();
            for (const match of RiskCatalogue.assess(rule)) {
              if (match.riskId !== props.id) continue;
              const target = permissionTarget(match.verb, match.resource, match.apiGroup);
              if (seen.has(target)) continue;
              seen.add(target);
              violations.push({ objectIndex: role.index, path: `/rules/${i}`, target, message: `${match.message} ${props.remediation}` });
            }
          });
        }
      }
      return violations;
    },
  };
}

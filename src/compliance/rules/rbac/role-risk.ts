import { RiskCatalogue } from '../../../rbac/risk-catalogue';
import type { ManifestIndex } from '../../manifest-index';
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
 * Every risk of every rule of every Role and ClusterRole, grouped by risk id. Computed once per
 * index (one `RiskCatalogue.assess` per policy rule), however many role rules are enabled.
 */
function roleRisks(index: ManifestIndex): Map<string, Violation[]> {
  return index.memo('rbac-role-risks', () => {
    const byRisk = new Map<string, Violation[]>();
    const seen = new Set<string>();
    // Charts repeat the same rules across many roles: assess each distinct rule once.
    const assessed = new Map<string, ReturnType<typeof RiskCatalogue.assess>>();
    for (const kind of ROLE_KINDS) {
      for (const role of index.ofKind(kind)) {
        const rules = role.manifest.rules;
        if (!Array.isArray(rules)) continue;
        rules.forEach((rule: any, i: number) => {
          if (rule === null || typeof rule !== 'object' || !Array.isArray(rule.verbs)) return;
          const key = [rule.apiGroups, rule.resources, rule.verbs, rule.nonResourceURLs].map((list) => (Array.isArray(list) ? list.join('\u0000') : '')).join('\u0001');
          let matches = assessed.get(key);
          if (!matches) assessed.set(key, matches = RiskCatalogue.assess(rule));
          for (const match of matches) {
            const target = permissionTarget(match.verb, match.resource, match.apiGroup);
            const seenKey = `${match.riskId}\u0000${role.index}\u0000${i}\u0000${target}`;
            if (seen.has(seenKey)) continue;
            seen.add(seenKey);
            let list = byRisk.get(match.riskId);
            if (!list) byRisk.set(match.riskId, list = []);
            list.push({ objectIndex: role.index, path: `/rules/${i}`, target, message: match.message });
          }
        });
      }
    }
    return byRisk;
  });
}

/**
 * Builds a rule that reports the matches of its own risk id from `RiskCatalogue.assess` on
 * every rule of every Role and ClusterRole, one finding per (policy rule, verb, resource), so
 * that constructs and checks share one definition of "dangerous".
 */
export function roleRiskRule(props: RoleRiskRuleProps): Rule {
  return {
    ...props,
    check(index) {
      return (roleRisks(index).get(props.id) ?? []).map((v) => ({ ...v, message: `${v.message} ${props.remediation}` }));
    },
  };
}

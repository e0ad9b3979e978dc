import { BINDING_KINDS } from './binding-risk';
import type { ResolvedRole } from '../../../rbac/effective-access';
import { RiskCatalogue, RiskMatch } from '../../../rbac/risk-catalogue';
import { EffectiveAccessOf } from '../../effective-access-of';
import type { ManifestIndex } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';

/** The metadata of a rule that reports one risk of the RBAC risk catalogue on Roles and ClusterRoles. */
export type RoleRiskRuleProps = Omit<Rule, 'check' | 'scope'>;

/** The kinds whose `rules` grant permissions. */
const ROLE_KINDS = ['Role', 'ClusterRole'];

/**
 * The finding target of a permission, written like `kubectl auth can-i`: `<verb> <resource>`
 * with `.<apiGroup>` for non-core groups, e.g. `get secrets`, `create deployments.apps`.
 */
export function permissionTarget(verb: string, resource: string, apiGroup: string): string {
  return `${verb} ${resource}${apiGroup ? `.${apiGroup}` : ''}`;
}

/** Accumulates violations by risk id, once per (object, path, target). */
class RiskCollector {
  public readonly byRisk = new Map<string, Violation[]>();
  private readonly seen = new Set<string>();
  // Charts repeat the same rules across many roles: assess each distinct rule once.
  private readonly assessed = new Map<string, RiskMatch[]>();

  // The matches of every rule of a built-in ClusterRole, in rule order: many bindings share one.
  private readonly builtInMatches = new Map<string, RiskMatch[]>();

  public assess(rule: any): RiskMatch[] {
    // One string, built without intermediate arrays (this runs for every rule of every role).
    const key = `${joined(rule.apiGroups)}\u0001${joined(rule.resources)}\u0001${joined(rule.verbs)}\u0001${joined(rule.nonResourceURLs)}`;
    let matches = this.assessed.get(key);
    if (!matches) this.assessed.set(key, matches = RiskCatalogue.assess(rule));
    return matches;
  }

  /** The matches of every policy rule of a built-in ClusterRole, in rule order, assessed once per role. */
  public assessBuiltIn(role: ResolvedRole): RiskMatch[] {
    let matches = this.builtInMatches.get(role.name);
    // Resolved rules are objects, and a rule without verbs matches no risk: no need to filter.
    if (!matches) this.builtInMatches.set(role.name, matches = role.rules.flatMap((rule) => this.assess(rule)));
    return matches;
  }

  public add(riskId: string, violation: Violation): void {
    const seenKey = `${riskId}\u0000${violation.objectIndex}\u0000${violation.path}\u0000${violation.target}`;
    if (this.seen.has(seenKey)) return;
    this.seen.add(seenKey);
    let list = this.byRisk.get(riskId);
    if (!list) this.byRisk.set(riskId, list = []);
    list.push(violation);
  }
}

/**
 * Every risk of every rule of every Role and ClusterRole, grouped by risk id; and, for bindings
 * to a built-in ClusterRole that is not in the input (`edit`, `admin`, `view`), the risks that
 * role grants, reported on the binding. Computed once per index, however many role rules run.
 */
function roleRisks(index: ManifestIndex): Map<string, Violation[]> {
  return index.memo('rbac-role-risks', () => {
    const collector = new RiskCollector();
    for (const kind of ROLE_KINDS) {
      for (const role of index.ofKind(kind)) {
        const rules = role.manifest.rules;
        if (!Array.isArray(rules)) continue;
        rules.forEach((rule: any, i: number) => {
          if (!isObject(rule)) return;
          for (const match of collector.assess(rule)) {
            const target = permissionTarget(match.verb, match.resource, match.apiGroup);
            collector.add(match.riskId, { objectIndex: role.index, path: `/rules/${i}`, target, message: match.message });
          }
        });
      }
    }
    // An aggregated ClusterRole also holds the rules of the ClusterRoles its selectors reach. Those
    // in the input are reported on themselves; built-in ones (an empty selector reaches
    // cluster-admin) exist only in the cluster, so their risks are reported on the aggregator.
    for (const role of index.ofKind('ClusterRole')) {
      if (!isObject(role.manifest.aggregationRule)) continue;
      for (const source of EffectiveAccessOf.of(index).aggregatedFrom(role.manifest.metadata.name)) {
        if (!source.builtIn) continue;
        for (const match of collector.assessBuiltIn(source)) {
          collector.add(match.riskId, {
            objectIndex: role.index,
            path: '/aggregationRule',
            target: permissionTarget(match.verb, match.resource, match.apiGroup),
            message: `Through its aggregationRule, from the built-in ClusterRole '${source.name}': ${match.message}`,
          });
        }
      }
    }
    for (const kind of BINDING_KINDS) {
      for (const binding of index.ofKind(kind)) {
        const ref = binding.manifest.roleRef;
        // cluster-admin has its own rule (rbac/cluster-admin-binding); roles in the input are checked above.
        if (ref?.kind !== 'ClusterRole' || typeof ref.name !== 'string' || ref.name === 'cluster-admin') continue;
        if (index.get('ClusterRole', undefined, ref.name)) continue;
        const builtIn = EffectiveAccessOf.of(index).resolveRole('ClusterRole', ref.name);
        if (!builtIn?.builtIn) continue;
        for (const match of collector.assessBuiltIn(builtIn)) {
          collector.add(match.riskId, {
            objectIndex: binding.index,
            path: '/roleRef',
            target: permissionTarget(match.verb, match.resource, match.apiGroup),
            message: `Through the built-in ClusterRole '${ref.name}': ${match.message}`,
          });
        }
      }
    }
    return collector.byRisk;
  });
}

/** A list field of a policy rule as one string (the list's items joined), for the assessment cache key. */
function joined(list: unknown): string {
  return Array.isArray(list) ? list.join('\u0000') : '';
}

/** Only an object can be a policy rule (one without a verbs list matches no risk, so needs no check). */
function isObject(rule: unknown): boolean {
  return rule !== null && typeof rule === 'object';
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

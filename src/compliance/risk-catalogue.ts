import type { Severity } from './model';
import { ALL_RULES } from './rules';
import { assessRisk, RiskFinding, RoleRiskRule, WritableOf } from './rules/role-risks';
import type { PolicyRuleJson } from '../rbac/policy-rule';

/** One dangerous permission the library refuses in its constructs, reports in its checks and highlights in its reports. */
export interface Risk {
  /** The id of the compliance rule that reports it, e.g. `rbac/secrets-access`. */
  readonly id: string;
  /** What holding the permission means, as a short phrase (`Reads Secrets`). */
  readonly title: string;
  /** Why it is dangerous. */
  readonly rationale: string;
  /**
   * How serious its rule says it is. The constructs refuse the `warning` and `error` risks
   * without a written reason; an `info` risk (e.g. `rbac/auth-delegation`) is only reported.
   */
  readonly severity: Severity;
}

/** The role-risk rules, in catalogue order: the catalogue is built from the rule files. */
const ROLE_RISK_RULES: readonly RoleRiskRule[] = ALL_RULES.filter((rule): rule is RoleRiskRule => 'matches' in rule && 'risk' in rule);

/**
 * The one catalogue of dangerous RBAC permissions, built from the `rbac/*` rule files. The
 * constructs refuse or report with it, the rules check with the same definitions and the access
 * report highlights with it, so what the library generates and what it checks cannot drift apart.
 */
export class RiskCatalogue {
  /** Every role risk, in catalogue order. */
  public static readonly RISKS: readonly Risk[] = ROLE_RISK_RULES.map((rule) => ({
    id: rule.id, title: rule.risk, rationale: rule.rationale, severity: rule.defaultSeverity,
  }));

  /** The risk with this id, or undefined. */
  public static risk(id: string): Risk | undefined {
    return RiskCatalogue.RISKS.find((risk) => risk.id === id);
  }

  /**
   * Which risks a policy rule carries, one match per (risk, apiGroup, resource, verb) as written
   * in the rule. `*` in verbs or resources matches every risk it could cover; `*` anywhere
   * (apiGroups included) is also `rbac/wildcard`. Non-resource rules only carry `rbac/wildcard`.
   * resourceNames apply as in the authorizer (see `assessRisk`; `writable`: what the holder may
   * patch or update, for a create by name, by default what the rule itself grants).
   */
  public static assess(rule: PolicyRuleJson, writable?: WritableOf): RiskFinding[] {
    return ROLE_RISK_RULES.flatMap((definition) => assessRisk(definition, rule, writable));
  }

  private constructor() {}
}

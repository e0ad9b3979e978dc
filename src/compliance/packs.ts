import type { Severity } from './model';
import type { Rule } from './rule';
import { HARDENING_RULES, PSS_BASELINE_RULES, PSS_RESTRICTED_RULES, RBAC_RULES, TOKEN_RULES } from './rules';

/** One rule of a pack, with the severity the pack gives it. */
export interface PackRule {
  readonly ruleId: string;
  readonly severity: Severity;
}

/** A named list of rules with severities. Packs are data: the engine does the rest. */
export interface Pack {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly PackRule[];
}

/** A pack entry with the rule's default severity. */
function entries(...lists: ReadonlyArray<readonly Rule[]>): PackRule[] {
  const seen = new Set<string>();
  const result: PackRule[] = [];
  for (const rule of lists.flat()) {
    if (seen.has(rule.id)) continue;
    seen.add(rule.id);
    result.push({ ruleId: rule.id, severity: rule.defaultSeverity });
  }
  return result;
}

/** CIS Kubernetes Benchmark section 5.1 (RBAC and service accounts). */
const CIS_5_1 = /^CIS 5\.1\./;

const PACK_LIST: readonly Pack[] = [
  { name: 'tokens', description: 'API credentials: no automounted or long-lived tokens, short-lived projected tokens only where needed', rules: entries(TOKEN_RULES) },
  { name: 'rbac', description: 'Dangerous permissions in Roles/ClusterRoles and dangerous bindings', rules: entries(RBAC_RULES) },
  { name: 'pss-baseline', description: 'Pod Security Standards, baseline level', rules: entries(PSS_BASELINE_RULES) },
  { name: 'pss-restricted', description: 'Pod Security Standards, restricted level (includes baseline)', rules: entries(PSS_BASELINE_RULES, PSS_RESTRICTED_RULES) },
  { name: 'hardening', description: 'Beyond Pod Security: read-only root file system, resources, pinned images', rules: entries(HARDENING_RULES) },
  {
    name: 'recommended',
    description: 'tokens + rbac + pss-restricted + hardening',
    rules: entries(TOKEN_RULES, RBAC_RULES, PSS_BASELINE_RULES, PSS_RESTRICTED_RULES, HARDENING_RULES),
  },
  {
    name: 'cis',
    description: 'The CIS Kubernetes Benchmark 5.1 subset (rules whose references cite CIS 5.1.x)',
    rules: entries([...TOKEN_RULES, ...RBAC_RULES, ...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES, ...HARDENING_RULES]
      .filter((rule) => rule.references.some((ref) => CIS_5_1.test(ref)))),
  },
];

/** The packs of rules the engine can run. */
export class Packs {
  /** The pack used when none is chosen. */
  public static readonly DEFAULT = 'recommended';

  /** Every pack, in documentation order. */
  public static all(): readonly Pack[] {
    return PACK_LIST;
  }

  /** Every pack name. */
  public static names(): string[] {
    return PACK_LIST.map((pack) => pack.name);
  }

  /**
   * The pack with this name.
   * @throws Error naming the unknown pack and listing the known ones.
   */
  public static get(name: string): Pack {
    const pack = PACK_LIST.find((p) => p.name === name);
    if (!pack) throw new Error(`Unknown compliance pack '${name}': use one of ${Packs.names().join(', ')}`);
    return pack;
  }

  /** The names of the packs that contain a rule, in pack order. */
  public static containing(ruleId: string): string[] {
    return PACK_LIST.filter((pack) => pack.rules.some((r) => r.ruleId === ruleId)).map((pack) => pack.name);
  }

  private constructor() {}
}

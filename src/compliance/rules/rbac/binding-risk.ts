import type { RoleRiskRuleProps } from './role-risk';
import { BindingRiskMatch, RiskCatalogue } from '../../../rbac/risk-catalogue';
import type { IndexedObject, ManifestIndex } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';

/** The kinds that bind roles to subjects. */
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

/** A binding risk found on one binding, before a rule turns it into a violation. */
interface BindingRiskFound {
  readonly binding: IndexedObject;
  readonly kind: string;
  readonly match: BindingRiskMatch;
}

/**
 * Every binding risk of every RoleBinding and ClusterRoleBinding, grouped by risk id, in input
 * order. Computed once per index, however many binding rules run (each used to assess every
 * binding again).
 */
function bindingRisks(index: ManifestIndex): Map<string, BindingRiskFound[]> {
  return index.memo('rbac-binding-risks', () => {
    const byRisk = new Map<string, BindingRiskFound[]>();
    for (const kind of BINDING_KINDS) {
      for (const binding of index.ofKind(kind)) {
        const m = binding.manifest;
        for (const match of RiskCatalogue.assessBinding({ roleRef: m.roleRef, subjects: Array.isArray(m.subjects) ? m.subjects : undefined })) {
          let list = byRisk.get(match.riskId);
          if (!list) byRisk.set(match.riskId, list = []);
          list.push({ binding, kind, match });
        }
      }
    }
    return byRisk;
  });
}

/**
 * Builds a rule that runs `RiskCatalogue.assessBinding` on every RoleBinding and
 * ClusterRoleBinding and reports the matches of its own risk id. The target is the subject's
 * name (or the roleRef's name for a roleRef risk).
 */
export function bindingRiskRule(props: RoleRiskRuleProps): Rule {
  return {
    ...props,
    check(index) {
      const violations: Violation[] = [];
      for (const { binding, kind, match } of bindingRisks(index).get(props.id) ?? []) {
        const m = binding.manifest;
        const [field, position] = match.field.split('/');
        // assessBinding only matches a roleRef or subject whose name is one of its strings.
        const target: string = field === 'roleRef' ? m.roleRef.name : m.subjects[Number(position)].name;
        violations.push({
          objectIndex: binding.index,
          path: `/${match.field}`,
          target,
          message: `The ${kind} ${match.message}. ${props.remediation}`,
        });
      }
      return violations;
    },
  };
}

import type { RoleRiskRuleProps } from './role-risk';
import { RiskCatalogue } from '../../../rbac/risk-catalogue';
import type { Rule, Violation } from '../../rule';

/** The kinds that bind roles to subjects. */
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

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
      for (const kind of BINDING_KINDS) {
        for (const binding of index.ofKind(kind)) {
          const m = binding.manifest;
          for (const match of RiskCatalogue.assessBinding({ roleRef: m.roleRef, subjects: Array.isArray(m.subjects) ? m.subjects : undefined })) {
            if (match.riskId !== props.id) continue;
            const [field, position] = match.field.split('/');
            const target = field === 'roleRef' ? m.roleRef?.name : m.subjects?.[Number(position)]?.name;
            violations.push({
              objectIndex: binding.index,
              path: `/${match.field}`,
              target: typeof target === 'string' ? target : undefined,
              message: `The ${kind} ${match.message}. ${props.remediation}`,
            });
          }
        }
      }
      return violations;
    },
  };
}

import { WRITE_VERBS } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/admission-policy-write`: No write verbs on admission policies and their bindings. */
export const ADMISSION_POLICY_WRITE = roleRiskRule({
  id: 'rbac/admission-policy-write',
  title: 'No write verbs on validating or mutating admission policies and their bindings',
  risk: 'Writes admission policies',
  defaultSeverity: 'error',
  rationale: 'ValidatingAdmissionPolicies and MutatingAdmissionPolicies run inside the API server on every request they select: whoever writes them or their bindings can switch policy enforcement off (delete, rebind to nothing, change the CEL) or, with a mutating policy, rewrite any object admitted to the cluster.',
  remediation: 'Remove create/update/patch/delete on validatingadmissionpolicies, validatingadmissionpolicybindings, mutatingadmissionpolicies and mutatingadmissionpolicybindings; ship policies as manifests instead.',
  references: ['Kubernetes RBAC good practices: Control admission webhooks', 'rbac-police control_webhooks'],
  examples: {
    failing: exampleGrant('ClusterRole', 'policy-sync', [{
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'],
    }]),
    passing: exampleGrant('ClusterRole', 'policy-sync', [{
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
      verbs: ['get', 'list', 'watch'],
    }]),
  },
  matches: [{
    groups: ['admissionregistration.k8s.io'],
    resources: ['validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'],
    verbs: WRITE_VERBS,
  }],
});

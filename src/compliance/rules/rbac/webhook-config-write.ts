import { WRITE_VERBS } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/webhook-config-write`: No write verbs on validating or mutating webhook configurations. */
export const WEBHOOK_CONFIG_WRITE = roleRiskRule({
  id: 'rbac/webhook-config-write',
  title: 'No write verbs on validating or mutating webhook configurations',
  risk: 'Writes admission webhook configurations',
  defaultSeverity: 'error',
  rationale: 'Writing admission webhook configurations can switch off policy enforcement or inject anything into every object created in the cluster.',
  remediation: 'Remove create/update/patch/delete on validatingwebhookconfigurations and mutatingwebhookconfigurations; ship webhook configurations as manifests instead.',
  references: ['CIS 5.1.12', 'C-0281'],
  examples: {
    failing: exampleGrant('ClusterRole', 'ca-injector', [{
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
      verbs: ['get', 'list', 'watch', 'update', 'patch'],
    }]),
    passing: exampleGrant('ClusterRole', 'ca-injector', [{
      apiGroups: ['admissionregistration.k8s.io'],
      resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
      verbs: ['get', 'list', 'watch'],
    }]),
  },
  matches: [{ groups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], verbs: WRITE_VERBS }],
});

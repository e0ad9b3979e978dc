import { bindingRiskRule } from './binding-risk';

/** `rbac/default-service-account-binding`: No binding grants anything to a default ServiceAccount. */
export const DEFAULT_SERVICE_ACCOUNT_BINDING = bindingRiskRule({
  id: 'rbac/default-service-account-binding',
  title: 'No binding grants anything to a default ServiceAccount',
  defaultSeverity: 'error',
  rationale: 'Every pod that does not name a ServiceAccount runs as `default`, so permissions bound to it go to workloads nobody meant to authorize.',
  remediation: 'Create a dedicated ServiceAccount for the workload and bind that instead.',
  references: ['CIS 5.1.5'],
});

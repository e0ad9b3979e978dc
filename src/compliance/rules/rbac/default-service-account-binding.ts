import { bindingRiskRule, subjectsOf } from '../binding-risks';
import { exampleBinding, exampleRole, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';

/** `rbac/default-service-account-binding`: No binding grants anything to a default ServiceAccount. */
export const DEFAULT_SERVICE_ACCOUNT_BINDING = bindingRiskRule({
  id: 'rbac/default-service-account-binding',
  title: 'No binding grants anything to a default ServiceAccount',
  defaultSeverity: 'error',
  rationale: 'Every pod that does not name a ServiceAccount runs as `default`, so permissions bound to it go to workloads nobody meant to authorize.',
  remediation: 'Create a dedicated ServiceAccount for the workload and bind that instead.',
  references: ['CIS 5.1.5'],
  examples: {
    failing: [
      exampleRole('Role', 'config-reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
      exampleBinding('RoleBinding', 'config-reader', { kind: 'Role', name: 'config-reader' }, [exampleServiceAccountSubject('default')]),
    ],
    passing: [
      exampleServiceAccount('web'),
      exampleRole('Role', 'config-reader', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
      exampleBinding('RoleBinding', 'config-reader', { kind: 'Role', name: 'config-reader' }, [exampleServiceAccountSubject('web')]),
    ],
  },
  match(binding) {
    return subjectsOf(binding)
      .filter((s) => s.kind === 'ServiceAccount' && s.name === 'default')
      .map((s) => ({
        field: `subjects/${s.index}`,
        target: s.name,
        message: `grants to the ServiceAccount 'default'${s.namespace ? ` in namespace '${s.namespace}'` : ''}, which every pod without a ServiceAccount runs as`,
      }));
  },
});

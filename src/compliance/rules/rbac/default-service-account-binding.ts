import { SubjectIdentity } from '../../../rbac/subject-identity';
import { BindingMatch, bindingRiskRule, subjectsOf } from '../binding-risks';
import { exampleBinding, exampleRole, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';

/** `rbac/default-service-account-binding`: No binding grants anything to a default ServiceAccount. */
export const DEFAULT_SERVICE_ACCOUNT_BINDING = bindingRiskRule({
  id: 'rbac/default-service-account-binding',
  title: 'No binding grants anything to a default ServiceAccount (by its ServiceAccount, user or namespace group name)',
  defaultSeverity: 'error',
  rationale: 'Every pod that does not name a ServiceAccount runs as `default`, so permissions bound to it go to workloads nobody meant to authorize; it has three names in a binding: ServiceAccount default, User system:serviceaccount:<ns>:default, and (with every other account of the namespace) Group system:serviceaccounts:<ns>.',
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
    const matches: BindingMatch[] = [];
    for (const s of subjectsOf(binding)) {
      // The same account under each of its names: the ServiceAccount, its user name
      // (system:serviceaccount:NS:default) and its namespace's group (system:serviceaccounts:NS).
      // The cluster-wide groups are rbac/system-group-binding's.
      const reach = SubjectIdentity.reach({ kind: s.kind, name: s.name, namespace: s.namespace });
      if (!reach.includesDefault || reach.scope === 'all') continue;
      const message = s.kind === 'ServiceAccount'
        ? `grants to the ServiceAccount 'default'${s.namespace ? ` in namespace '${s.namespace}'` : ''}, which every pod without a ServiceAccount runs as`
        : reach.scope === 'namespace'
          ? `grants to ${s.kind} '${s.name}': every ServiceAccount of namespace '${reach.namespace}', 'default' included, which every pod without a ServiceAccount runs as`
          : `grants to ${s.kind} '${s.name}': the ServiceAccount 'default' of namespace '${reach.namespace}', which every pod without a ServiceAccount runs as`;
      matches.push({ field: `subjects/${s.index}`, target: s.name, message });
    }
    return matches;
  },
});

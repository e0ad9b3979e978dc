import { BuiltInRoles } from '../../../rbac/builtin-cluster-roles';
import { BindingMatch, bindingRiskRule } from '../binding-risks';
import { exampleBinding, exampleGrant, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';

/** `rbac/dangling-reference`: a binding names a Role, ClusterRole or ServiceAccount absent from the input. */
export const DANGLING_REFERENCE = bindingRiskRule({
  id: 'rbac/dangling-reference',
  title: 'A binding names a Role, ClusterRole or ServiceAccount that is neither in the input nor built in',
  defaultSeverity: 'warning',
  rationale: 'A binding to a role or ServiceAccount that does not exist grants nothing today, but grants whatever someone later creates under that name; it usually means a typo or a missing manifest.',
  remediation: 'Ship the referenced Role, ClusterRole or ServiceAccount with the binding, or fix the name.',
  references: ['Polaris', 'kube-linter'],
  examples: {
    failing: [
      exampleServiceAccount('web'),
      exampleBinding('RoleBinding', 'web', { kind: 'Role', name: 'web' }, [exampleServiceAccountSubject('web')]),
    ],
    passing: exampleGrant('Role', 'web', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
  },
  match(binding, { object, index }) {
    const matches: BindingMatch[] = [];
    const ref = binding.roleRef;
    if (ref && typeof ref.name === 'string') {
      const missing = ref.kind === 'Role'
        ? !index.get('Role', object.namespace, ref.name) && !BuiltInRoles.isRole(object.namespace ?? index.defaultNamespace, ref.name)
        : ref.kind === 'ClusterRole' && !index.get('ClusterRole', undefined, ref.name) && !BuiltInRoles.isClusterRole(ref.name);
      if (missing) {
        matches.push({
          field: 'roleRef/name',
          target: ref.name,
          message: `references ${ref.kind} '${ref.name}', which is not in the input and not built in. Add it or fix the name`,
        });
      }
    }
    (binding.subjects ?? []).forEach((subject, i) => {
      if (subject?.kind !== 'ServiceAccount' || typeof subject.name !== 'string' || subject.name === 'default') return;
      // Like the RBAC authorizer: a subject without a namespace (or an empty one) is in the binding's
      // namespace; the subject of a ClusterRoleBinding without one is in the run's namespace.
      const ns: string = subject.namespace || object.namespace || index.defaultNamespace;
      if (index.get('ServiceAccount', ns, subject.name)) return;
      matches.push({
        field: `subjects/${i}/name`,
        target: subject.name,
        message: `binds ServiceAccount '${subject.name}' in namespace '${ns}', which is not in the input. Add it or fix the name`,
      });
    });
    return matches;
  },
});

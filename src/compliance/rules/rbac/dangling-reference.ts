import { BuiltInRoles } from '../../../rbac/builtin-cluster-roles';
import type { Rule, Violation } from '../../rule';
import { exampleBinding, exampleGrant, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';
import { BINDING_KINDS } from '../role-risks';

/** `rbac/dangling-reference`: a binding names a Role, ClusterRole or ServiceAccount absent from the input. */
export const DANGLING_REFERENCE: Rule = {
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
  check(index) {
    const violations: Violation[] = [];
    for (const kind of BINDING_KINDS) {
      for (const binding of index.ofKind(kind)) {
        const m = binding.manifest;
        const ref = m.roleRef;
        if (ref && typeof ref.name === 'string') {
          const missing = ref.kind === 'Role'
            ? !index.get('Role', binding.namespace, ref.name) && !BuiltInRoles.isRole(binding.namespace ?? index.defaultNamespace, ref.name)
            : ref.kind === 'ClusterRole' && !index.get('ClusterRole', undefined, ref.name) && !BuiltInRoles.isClusterRole(ref.name);
          if (missing) {
            violations.push({
              objectIndex: binding.index,
              path: '/roleRef/name',
              target: ref.name,
              message: `The ${kind} references ${ref.kind} '${ref.name}', which is not in the input and not built in. Add it or fix the name.`,
            });
          }
        }
        const subjects = Array.isArray(m.subjects) ? m.subjects : [];
        subjects.forEach((subject: any, i: number) => {
          if (subject?.kind !== 'ServiceAccount' || typeof subject.name !== 'string' || subject.name === 'default') return;
          // Like the RBAC authorizer: a subject without a namespace (or an empty one) is in the binding's
          // namespace; the subject of a ClusterRoleBinding without one is in the run's namespace.
          const ns: string = subject.namespace || binding.namespace || index.defaultNamespace;
          if (index.get('ServiceAccount', ns, subject.name)) return;
          violations.push({
            objectIndex: binding.index,
            path: `/subjects/${i}/name`,
            target: subject.name,
            message: `The ${kind} binds ServiceAccount '${subject.name}' in namespace '${ns}', which is not in the input. Add it or fix the name.`,
          });
        });
      }
    }
    return violations;
  },
};

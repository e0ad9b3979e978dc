import { BINDING_KINDS } from './binding-risk';
import { BuiltInRoles } from '../../../rbac/builtin-cluster-roles';
import type { IndexedObject, ManifestIndex } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';

/** `rbac/dangling-reference`: a binding names a Role, ClusterRole or ServiceAccount absent from the input. */
export const DANGLING_REFERENCE: Rule = {
  id: 'rbac/dangling-reference',
  title: 'A binding names a Role, ClusterRole or ServiceAccount that is neither in the input nor built in',
  defaultSeverity: 'warning',
  rationale: 'A binding to a role or ServiceAccount that does not exist grants nothing today, but grants whatever someone later creates under that name; it usually means a typo or a missing manifest.',
  remediation: 'Ship the referenced Role, ClusterRole or ServiceAccount with the binding, or fix the name.',
  references: ['Polaris', 'kube-linter'],
  check(index) {
    const violations: Violation[] = [];
    for (const kind of BINDING_KINDS) {
      for (const binding of index.ofKind(kind)) {
        const m = binding.manifest;
        const ref = m.roleRef;
        if (ref && typeof ref.name === 'string') {
          const missing = ref.kind === 'Role'
            ? !namespacedObject(index, 'Role', binding.namespace, ref.name) && !BuiltInRoles.isRole(binding.namespace ?? 'default', ref.name)
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
          // Like the RBAC authorizer: a subject without a namespace (or an empty one) is in the binding's namespace.
          const ns: string | undefined = subject.namespace || binding.namespace;
          if (namespacedObject(index, 'ServiceAccount', ns, subject.name)) return;
          violations.push({
            objectIndex: binding.index,
            path: `/subjects/${i}/name`,
            target: subject.name,
            message: `The ${kind} binds ServiceAccount '${subject.name}' in namespace '${ns || 'default'}', which is not in the input. Add it or fix the name.`,
          });
        });
      }
    }
    return violations;
  },
};

/**
 * A namespaced object of the input. An object without a namespace lands in `default` (applied
 * without a context namespace), so it matches `default` both ways, as effective access reads it.
 */
function namespacedObject(index: ManifestIndex, kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
  const found = index.get(kind, namespace, name);
  if (found) return found;
  if (!namespace) return index.get(kind, 'default', name);
  if (namespace === 'default') return index.get(kind, undefined, name);
  return undefined;
}

import { KnownResources } from '../../../k8s/known-resources';
import { stringsOrEmptyOf } from '../../../rbac/policy-rule';
import type { ManifestIndex } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';
import { exampleBinding, exampleGrant, exampleRole, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';

/** `rbac/cluster-scope`: a ClusterRoleBinding grants only namespaced resources. */
export const CLUSTER_SCOPE: Rule = {
  id: 'rbac/cluster-scope',
  title: 'A ClusterRoleBinding grants only namespaced resources (use RoleBindings)',
  defaultSeverity: 'warning',
  rationale: 'A ClusterRoleBinding grants its ClusterRole in every namespace, present and future. When the role only covers namespaced resources, RoleBindings in the namespaces the workload uses grant the same thing with a far smaller blast radius.',
  remediation: 'Replace the ClusterRoleBinding with a RoleBinding in each namespace the workload works in (a RoleBinding may reference the ClusterRole), unless the workload really watches all namespaces; then suppress with that reason.',
  references: ['least privilege'],
  examples: {
    failing: exampleGrant('ClusterRole', 'web', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
    passing: [
      exampleServiceAccount('web'),
      exampleRole('ClusterRole', 'web', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }]),
      exampleBinding('RoleBinding', 'web', { kind: 'ClusterRole', name: 'web' }, [exampleServiceAccountSubject('web')]),
    ],
  },
  check(index) {
    const violations: Violation[] = [];
    for (const binding of index.ofKind('ClusterRoleBinding')) {
      const ref = binding.manifest.roleRef;
      if (ref?.kind !== 'ClusterRole' || typeof ref.name !== 'string') continue;
      const role = index.get('ClusterRole', undefined, ref.name);
      if (!role) continue;
      const rules = role.manifest.rules;
      if (!Array.isArray(rules) || rules.length === 0 || role.manifest.aggregationRule) continue;
      if (!rules.every((rule: any) => onlyNamespaced(rule, index))) continue;
      violations.push({
        objectIndex: binding.index,
        path: '/roleRef',
        target: ref.name,
        message: `ClusterRole '${ref.name}' grants only namespaced resources, yet this ClusterRoleBinding grants them in every namespace. Use a RoleBinding per namespace instead.`,
      });
    }
    return violations;
  },
};

function onlyNamespaced(rule: any, index: ManifestIndex): boolean {
  if (rule === null || typeof rule !== 'object') return false;
  if (Array.isArray(rule.nonResourceURLs) && rule.nonResourceURLs.length > 0) return false;
  const resources = Array.isArray(rule.resources) ? rule.resources : [];
  const groups = stringsOrEmptyOf(rule.apiGroups);
  return resources.every((resource: unknown) => typeof resource === 'string' && isNamespaced(resource.split('/')[0], groups, index));
}

function isNamespaced(resource: string, groups: readonly string[], index: ManifestIndex): boolean {
  const known = KnownResources.byName(resource);
  if (known) return !known.clusterScoped;
  // A custom resource is namespaced when its CRD in the input says so for each API group of the
  // rule (another group may define a cluster-scoped resource of the same name); unknown scope is not assumed.
  const namespaced = namespacedCustomResources(index);
  return groups.length > 0 && groups.every((group) => namespaced.has(`${group}/${resource}`));
}

/** The `<group>/<plural>` of every CustomResourceDefinition in the input whose scope is Namespaced. */
function namespacedCustomResources(index: ManifestIndex): Set<string> {
  return index.memo('namespaced-custom-resources', () => {
    const plurals = new Set<string>();
    for (const crd of index.ofKind('CustomResourceDefinition')) {
      const spec = crd.manifest.spec;
      if (spec?.scope === 'Namespaced' && typeof spec.group === 'string' && typeof spec.names?.plural === 'string') plurals.add(`${spec.group}/${spec.names.plural}`);
    }
    return plurals;
  });
}

import { BecomeDescriptions } from '../../../rbac/become-description';
import { SubjectIdentity } from '../../../rbac/subject-identity';
import { CanBecomeOf } from '../../can-become-of';
import type { ManifestIndex } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';
import { exampleBinding, exampleGrant, exampleRole, exampleServiceAccount, exampleServiceAccountSubject } from '../examples';
import { BINDING_KINDS } from '../role-risks';

/** Where a finding about a ServiceAccount goes: the object and pointer that name it first. */
interface Anchor {
  readonly objectIndex: number;
  readonly path: string;
}

/**
 * `rbac/cluster-admin-equivalent`: every ServiceAccount of the input (declared, bound, or run as
 * by a pod) that reaches cluster-admin-equivalent power, directly or through the "can become"
 * edges (`CanBecome`: token requests, token Secrets, pods and workloads run as another account,
 * exec and pod changes, impersonation, bind and escalate), with the shortest path. The graph
 * includes the bootstrap policy's bindings, so a path may run through a built-in controller
 * account (creating pods in kube-system as clusterrole-aggregation-controller, which may escalate
 * ClusterRoles).
 */
export const CLUSTER_ADMIN_EQUIVALENT: Rule = {
  id: 'rbac/cluster-admin-equivalent',
  title: 'No ServiceAccount reaches cluster-admin-equivalent power, directly or by becoming another identity',
  defaultSeverity: 'error',
  rationale: 'Permissions chain: whoever can create a pod in a namespace runs as any ServiceAccount there, whoever can request a token or mint a token Secret acts as that account, whoever can bind or escalate grants itself more, and the built-in controller accounts of kube-system are cluster-admin-equivalent. A token of an account with such a path, stolen from any pod that carries it, owns the cluster: every Secret, every node.',
  remediation: 'Break the path at its first step: grant the permission of that step only in the namespaces the workload needs (a RoleBinding, not a ClusterRoleBinding), limit it with resourceNames, or remove it; the other rbac/* findings on the same roles say which permission it is. A path that holds only on one platform (writing ConfigMaps in kube-system: EKS\'s aws-auth) is reported one level lower; suppress it with the reason when the cluster is not that platform.',
  references: ['Kubernetes RBAC good practices: privilege escalation risks', 'rbac-police (every policy)'],
  examples: {
    failing: exampleGrant('ClusterRole', 'ci-deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }]),
    passing: [
      exampleServiceAccount('ci-deployer'),
      exampleRole('Role', 'ci-deployer', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'] }]),
      exampleBinding('RoleBinding', 'ci-deployer', { kind: 'Role', name: 'ci-deployer' }, [exampleServiceAccountSubject('ci-deployer')]),
    ],
  },
  check(index) {
    const found = CanBecomeOf.of(index).clusterAdminEquivalents();
    if (found.length === 0) return [];
    const anchors = anchorsOf(index);
    const violations: Violation[] = [];
    for (const { namespace, name, path, onlyOn } of found) {
      const key = `${namespace}/${name}`;
      const anchor = anchors.get(key);
      if (!anchor) continue;
      const steps = `${path.length} ${path.length === 1 ? 'step' : 'steps'}`;
      const violation = {
        objectIndex: anchor.objectIndex,
        path: anchor.path,
        target: key,
        message: `ServiceAccount ${key} reaches cluster-admin-equivalent power${onlyOn ? ` on ${onlyOn} only` : ''} in ${steps}: `
          + `${BecomeDescriptions.path(path)}. ${CLUSTER_ADMIN_EQUIVALENT.remediation}`,
      };
      // A path that holds on one platform only (EKS's aws-auth) is one level less serious, as rbac-police checks it only there.
      violations.push(onlyOn ? { ...violation, lowered: true } : violation);
    }
    return violations;
  },
};

/**
 * Where each ServiceAccount of the input is named first: its own object, else the first binding
 * subject that names it, else the first pod that runs as it (one pass over each; linear).
 */
function anchorsOf(index: ManifestIndex): Map<string, Anchor> {
  const anchors = new Map<string, Anchor>();
  for (const sa of index.ofKind('ServiceAccount')) {
    const key = `${sa.namespace ?? index.defaultNamespace}/${sa.manifest.metadata.name}`;
    if (!anchors.has(key)) anchors.set(key, { objectIndex: sa.index, path: '' });
  }
  for (const kind of BINDING_KINDS) {
    for (const binding of index.ofKind(kind)) {
      const subjects: unknown = binding.manifest.subjects;
      if (!Array.isArray(subjects)) continue;
      subjects.forEach((subject: unknown, i: number) => {
        const reach = SubjectIdentity.reach(subject, binding.namespace ?? index.defaultNamespace);
        if (reach.scope !== 'one') return;
        const key = `${reach.namespace}/${reach.name}`;
        if (!anchors.has(key)) anchors.set(key, { objectIndex: binding.index, path: `/subjects/${i}` });
      });
    }
  }
  for (const pod of index.podSpecs) {
    const key = `${pod.owner.namespace ?? index.defaultNamespace}/${pod.serviceAccountName}`;
    if (!anchors.has(key)) anchors.set(key, { objectIndex: pod.owner.index, path: `${pod.path}/serviceAccountName` });
  }
  return anchors;
}

import { BUILTIN_CLUSTER_ROLES } from '../../src/rbac/builtin-cluster-roles';

/**
 * A deliberately naive reference implementation of RBAC, for differential tests: everything is
 * expanded into flat tuples and compared as sets. It shares no code with `src/rbac` (only the data
 * of the built-in ClusterRoles), favours obviousness over speed, and follows the Kubernetes RBAC
 * authorizer as documented.
 */

export interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/**
 * The cluster-scoped resources the differential tests meet (subresources share the scope of
 * their resource): those of the generated rules, and those of the built-in ClusterRoles that an
 * empty aggregation selector pulls in (from `kubectl api-resources --namespaced=false`).
 */
const CLUSTER_SCOPED: ReadonlyArray<[string, string]> = [
  ['', 'nodes'], ['', 'namespaces'], ['', 'persistentvolumes'], ['', 'componentstatuses'],
  ['rbac.authorization.k8s.io', 'clusterroles'], ['rbac.authorization.k8s.io', 'clusterrolebindings'],
  ['certificates.k8s.io', 'certificatesigningrequests'], ['certificates.k8s.io', 'signers'],
  ['authentication.k8s.io', 'tokenreviews'], ['authorization.k8s.io', 'subjectaccessreviews'],
  ['authorization.k8s.io', 'selfsubjectaccessreviews'],
  ['storage.k8s.io', 'storageclasses'], ['storage.k8s.io', 'csidrivers'], ['storage.k8s.io', 'csinodes'], ['storage.k8s.io', 'volumeattachments'],
  ['node.k8s.io', 'runtimeclasses'], ['scheduling.k8s.io', 'priorityclasses'], ['networking.k8s.io', 'ingressclasses'],
  ['admissionregistration.k8s.io', 'validatingadmissionpolicies'], ['admissionregistration.k8s.io', 'validatingadmissionpolicybindings'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'], ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
  ['apiextensions.k8s.io', 'customresourcedefinitions'], ['apiregistration.k8s.io', 'apiservices'],
];

export function isClusterScoped(apiGroup: string, resource: string): boolean {
  const base = resource.split('/')[0];
  return CLUSTER_SCOPED.some(([g, r]) => r === base && (g === apiGroup || apiGroup === '*'));
}

/** One thing a rule grants: `group|resource|verb|names` (names sorted, `*` = every object). */
export function ruleTuples(rule: Rule): string[] {
  const names = rule.resourceNames && rule.resourceNames.length > 0 ? [...rule.resourceNames].sort().join(',') : '*';
  const tuples: string[] = [];
  for (const g of rule.apiGroups ?? []) {
    for (const r of rule.resources ?? []) {
      for (const v of rule.verbs) tuples.push(`${g}|${r}|${v}|${names}`);
    }
  }
  return tuples;
}

/** A permission request: verbs on one (group, resource), optionally limited to names. */
export interface Request {
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/**
 * What a set of requests grants, as tuples: for each (group, resource, verb), every object if any
 * request asked for it without names, otherwise the union of the names asked for.
 */
export function requestedTuples(requests: readonly Request[], scopeOf: (r: Request) => string[] = () => ['']): Set<string> {
  const decisions = new Map<string, Set<string> | 'all'>();
  for (const request of requests) {
    for (const scope of scopeOf(request)) {
      for (const verb of request.verbs) {
        const key = `${scope}${scope ? '|' : ''}${request.apiGroup}|${request.resource}|${verb}`;
        const current = decisions.get(key);
        const names = request.resourceNames && request.resourceNames.length > 0 ? request.resourceNames : undefined;
        if (!names || current === 'all') decisions.set(key, 'all');
        else decisions.set(key, new Set([...(current ?? []), ...names]));
      }
    }
  }
  return new Set([...decisions].map(([key, d]) => `${key}|${d === 'all' ? '*' : [...d].sort().join(',')}`));
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * Kubernetes label selection (`metav1.LabelSelectorAsSelector`): every label and every expression
 * must hold; an empty selector selects everything; an unknown operator is invalid: nothing.
 */
function selects(selector: Selector, labels: Record<string, string>): boolean {
  const labelsHold = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const expressionsHold = (selector.matchExpressions ?? []).every((e) => {
    const value = k8sLabel(labels, e.key);
    if (e.operator === 'In') return value !== undefined && (e.values ?? []).includes(value);
    if (e.operator === 'NotIn') return value === undefined || !(e.values ?? []).includes(value);
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    return false;
  });
  return labelsHold && expressionsHold;
}

function k8sLabel(labels: Record<string, string>, key: string): string | undefined {
  return Object.keys(labels).includes(key) ? labels[key] : undefined;
}

/** Effective access of every ServiceAccount, as `namespace|group|resource|verb|names|url|binding|role` tuples. */
export function referenceAccess(manifests: readonly any[]): Map<string, Set<string>> {
  const clusterRoles = new Map<string, any>();
  for (const builtIn of BUILTIN_CLUSTER_ROLES) clusterRoles.set(builtIn.metadata.name, builtIn);
  for (const m of manifests) if (m.kind === 'ClusterRole') clusterRoles.set(m.metadata.name, m);
  const inputClusterRoles = new Set(manifests.filter((m) => m.kind === 'ClusterRole').map((m) => m.metadata.name));

  // The aggregation controller gives an aggregated ClusterRole the rules of every OTHER ClusterRole
  // one of its selectors matches, and reconciles until nothing changes: transitive. The model keeps
  // the role's own rules too (granted until the first reconcile) and, in a cycle, everything the
  // cycle reaches. Naively: grow the set of reached roles until it stops growing, then union.
  const clusterRulesOf = (name: string): Rule[] => {
    const reached = new Set([name]);
    let grown = true;
    while (grown) {
      grown = false;
      for (const from of [...reached]) {
        const selectors: Selector[] = clusterRoles.get(from).aggregationRule?.clusterRoleSelectors ?? [];
        for (const other of clusterRoles.values()) {
          const otherName = other.metadata.name;
          if (otherName === from || reached.has(otherName)) continue;
          if (selectors.some((s) => selects(s, other.metadata.labels ?? {}))) {
            reached.add(otherName);
            grown = true;
          }
        }
      }
    }
    return [...reached].flatMap((n) => clusterRoles.get(n).rules ?? []);
  };
  const roleRules = (namespace: string, name: string): Rule[] | undefined => {
    const found = manifests.filter((m) => m.kind === 'Role' && m.metadata.name === name && (m.metadata.namespace ?? 'default') === namespace);
    return found.length > 0 ? found[found.length - 1].rules ?? [] : undefined;
  };

  const access = new Map<string, Set<string>>();
  const ensure = (key: string) => {
    if (!access.has(key)) access.set(key, new Set());
    return access.get(key)!;
  };
  const serviceAccounts = new Set<string>();
  for (const m of manifests) {
    if (m.kind === 'ServiceAccount') serviceAccounts.add(`${m.metadata.namespace ?? 'default'}/${m.metadata.name}`);
  }
  const bindings = manifests.filter((m) => m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding');
  // ServiceAccounts named by a subject exist for effective access even when not in the input.
  for (const b of bindings) {
    const bindingNamespace = b.kind === 'RoleBinding' ? b.metadata.namespace ?? 'default' : undefined;
    for (const s of b.subjects ?? []) {
      if (s.kind === 'ServiceAccount') serviceAccounts.add(`${s.namespace ?? bindingNamespace ?? 'default'}/${s.name}`);
      if (s.kind === 'User' && /^system:serviceaccount:[^:]+:[^:]+$/.test(s.name)) serviceAccounts.add(s.name.split(':').slice(2).join('/'));
    }
  }
  for (const sa of serviceAccounts) ensure(sa);

  for (const b of bindings) {
    const scope = b.kind === 'RoleBinding' ? b.metadata.namespace ?? 'default' : '*';
    const ref = b.roleRef ?? {};
    let rules: Rule[] | undefined;
    if (ref.kind === 'ClusterRole') rules = clusterRoles.has(ref.name) ? clusterRulesOf(ref.name) : undefined;
    else if (ref.kind === 'Role' && b.kind === 'RoleBinding') rules = roleRules(scope, ref.name);
    if (!rules) continue;
    const builtIn = ref.kind === 'ClusterRole' && !inputClusterRoles.has(ref.name);
    const origin = `${b.kind}/${b.kind === 'RoleBinding' ? scope : ''}/${b.metadata.name}|${ref.kind}/${ref.name}/${builtIn}`;
    const tuples: string[] = [];
    for (const rule of rules) {
      const names = rule.resourceNames && rule.resourceNames.length > 0 ? [...rule.resourceNames].join(',') : '';
      for (const g of rule.apiGroups ?? []) {
        for (const r of rule.resources ?? []) {
          // A RoleBinding grants only namespaced resources; with group `*` the scope is unknown, kept (conservative).
          if (scope !== '*' && g !== '*' && isClusterScoped(g, r)) continue;
          for (const v of rule.verbs ?? []) {
            // The authorizer matches names against the request's name; creating or deleting a
            // collection of a resource has none, so such a named grant is no grant; except a create
            // by server-side apply or PUT (named), of the names the role may also patch or update.
            if (names && v === 'deletecollection' && !r.includes('/') && r !== '*') continue;
            if (names && v === 'create' && !r.includes('/') && r !== '*') {
              const writers = rules.filter((w) => (w.verbs ?? []).some((x) => x === 'patch' || x === 'update' || x === '*')
                && (w.apiGroups ?? []).some((x) => x === g || x === '*') && (w.resources ?? []).some((x) => x === r || x === '*'));
              const writable = writers.some((w) => !w.resourceNames || w.resourceNames.length === 0)
                ? rule.resourceNames! : rule.resourceNames!.filter((n) => writers.some((w) => w.resourceNames!.includes(n)));
              if (writable.length > 0) tuples.push(`${scope}|${g}|${r}|${v}|${writable.join(',')}||${origin}`);
              continue;
            }
            tuples.push(`${scope}|${g}|${r}|${v}|${names}||${origin}`);
          }
        }
      }
      if (scope === '*') {
        for (const url of rule.nonResourceURLs ?? []) {
          for (const v of rule.verbs ?? []) tuples.push(`*|||${v}||${url}|${origin}`);
        }
      }
    }
    for (const sa of serviceAccounts) {
      const [namespace, name] = sa.split('/');
      const holds = (b.subjects ?? []).some((s: any) =>
        (s.kind === 'ServiceAccount' && s.name === name && (s.namespace ?? (b.kind === 'RoleBinding' ? scope : 'default')) === namespace)
        || (s.kind === 'User' && s.name === `system:serviceaccount:${namespace}:${name}`)
        || (s.kind === 'Group' && (s.name === 'system:serviceaccounts' || s.name === 'system:authenticated' || s.name === `system:serviceaccounts:${namespace}`)));
      if (holds) tuples.forEach((t) => access.get(sa)!.add(t));
    }
  }
  return access;
}

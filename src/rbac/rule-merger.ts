import { compareCodeUnits } from '../string-order';
import { compareVerbs, PolicyRuleJson } from './policy-rule';

/** One (apiGroup, resource) with its verbs, as a permission grants it. */
export interface PermissionEntry {
  readonly apiGroup: string;
  readonly resource: string;
  readonly clusterScoped: boolean;
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

const SEP = '\u0000';


function compareLists(a: readonly string[], b: readonly string[], compare: (x: string, y: string) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Merges permission entries into the smallest deterministic rule set that grants exactly what
 * was asked, never more:
 *
 * 1. each (apiGroup, resource, verb) is granted once; if it is asked for both with and without
 *    resourceNames, the unrestricted request wins (it was asked for), otherwise names are united;
 * 2. resources of one API group with identical verbs and names share a rule;
 * 3. API groups whose rules are otherwise identical share a rule. A rule is the cross product of
 *    its apiGroups, resources and verbs, so groups are only merged when their resource lists are
 *    equal: merging `""/configmaps` with `apps/deployments` would grant `apps/configmaps`.
 *
 * Order is canonical: verbs as Kubernetes writes them (get, list, watch, create, ...),
 * resources and groups alphabetical (core first), rules by group then resource.
 */
export function mergeRules(entries: readonly PermissionEntry[]): PolicyRuleJson[] {
  // 1. one decision per (group, resource, verb): undefined = every object, else the names.
  const perVerb = new Map<string, { apiGroup: string; resource: string; verb: string; names?: Set<string> }>();
  for (const entry of entries) {
    for (const verb of entry.verbs) {
      const key = [entry.apiGroup, entry.resource, verb].join(SEP);
      const restricted = entry.resourceNames !== undefined && entry.resourceNames.length > 0;
      const existing = perVerb.get(key);
      if (!existing) {
        perVerb.set(key, { apiGroup: entry.apiGroup, resource: entry.resource, verb, names: restricted ? new Set(entry.resourceNames) : undefined });
      } else if (!restricted) {
        existing.names = undefined;
      } else if (existing.names) {
        entry.resourceNames!.forEach((name) => existing.names!.add(name));
      }
    }
  }
  const atoms = [...perVerb.values()].map((atom) => ({
    apiGroup: atom.apiGroup,
    resource: atom.resource,
    verb: atom.verb,
    names: atom.names ? [...atom.names].sort(compareCodeUnits) : [],
  }));

  // 2a. verbs per (group, resource, names)
  const byResource = [...group(atoms, (a) => [a.apiGroup, a.resource, a.names.join(',')].join(SEP)).values()].map((list) => ({
    apiGroup: list[0].apiGroup,
    resource: list[0].resource,
    names: list[0].names,
    verbs: list.map((a) => a.verb).sort(compareVerbs),
  }));
  // 2b. resources per (group, verbs, names)
  const byGroup = [...group(byResource, (r) => [r.apiGroup, r.verbs.join(','), r.names.join(',')].join(SEP)).values()].map((list) => ({
    apiGroup: list[0].apiGroup,
    verbs: list[0].verbs,
    names: list[0].names,
    resources: list.map((r) => r.resource).sort(compareCodeUnits),
  }));
  // 3. groups per (resources, verbs, names)
  const rules = [...group(byGroup, (g) => [g.resources.join(','), g.verbs.join(','), g.names.join(',')].join(SEP)).values()].map((list) => ({
    apiGroups: list.map((g) => g.apiGroup).sort(compareCodeUnits),
    resources: list[0].resources,
    verbs: list[0].verbs,
    names: list[0].names,
  }));

  rules.sort((a, b) =>
    compareLists(a.apiGroups, b.apiGroups, compareCodeUnits)
    || compareLists(a.resources, b.resources, compareCodeUnits)
    || compareLists(a.verbs, b.verbs, compareVerbs)
    || compareLists(a.names, b.names, compareCodeUnits));

  return rules.map((rule) => {
    const json: PolicyRuleJson = { apiGroups: rule.apiGroups, resources: rule.resources, verbs: rule.verbs };
    if (rule.names.length > 0) json.resourceNames = rule.names;
    return json;
  });
}

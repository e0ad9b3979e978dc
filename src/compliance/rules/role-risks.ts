import { PolicyRuleJson, stringsOf } from '../../rbac/policy-rule';
import { NameLimit, nameLimit, WritableNames, writableNames } from '../../rbac/resource-names';
import { PatternMatch, RiskPattern, RiskPatterns } from '../../rbac/risk-pattern';
import { EffectiveAccessOf } from '../effective-access-of';
import type { ManifestIndex } from '../manifest-index';
import type { Rule, RuleMetadata, Violation } from '../rule';

/**
 * What a role-risk rule declares, once: its metadata, the permissions that carry its risk, and
 * how a finding names the risk. Rules, the constructs' refusals (`RoleGrant`) and the access
 * report are all built from these declarations.
 */
export interface RoleRiskDefinition extends RuleMetadata {
  /** What holding the permission means, as a short phrase (`Reads Secrets`): it opens each finding. */
  readonly risk: string;
  /**
   * The permissions that carry the risk. `wildcards` instead matches every `*` in a rule's
   * groups, resources, verbs or non-resource URLs.
   */
  readonly matches: readonly RiskPattern[] | 'wildcards';
}

/** A rule built from a `RoleRiskDefinition`: it still carries the definition. */
export interface RoleRiskRule extends Rule, RoleRiskDefinition {}

/** One permission of a policy rule, as written, that carries a risk, with the sentence that says so. */
export interface RiskFinding extends PatternMatch {
  readonly riskId: string;
  readonly message: string;
  /**
   * The objects the permission is limited to, when the rule's resourceNames limit it (then the
   * risk is reported one level less serious); absent for every object.
   */
  readonly limitedTo?: readonly string[];
  /** `limitedTo` in words (`limited to the objects named 'a', 'b'`), with how a create by name works. */
  readonly limitation?: string;
}

/** What the holder of a policy rule may patch or update of a resource (for a create by name); see `writableNames`. */
export type WritableOf = (apiGroup: string, resource: string) => WritableNames;

/** The kinds whose `rules` grant permissions. */
const ROLE_KINDS = ['Role', 'ClusterRole'];

/** The kinds that bind roles to subjects. */
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

/** Where a policy rule is found: in a role of the input, or in a built-in role reached from one. */
interface RuleSource {
  readonly objectIndex: number;
  readonly path: string;
  readonly rule: PolicyRuleJson;
  /** Added to the risk in each message (` (through the built-in ClusterRole 'edit')`), or `''`. */
  readonly through: string;
  /** The role the rule is read from (`keyOf`: with resourceNames, the assessment depends on the role's other rules). */
  readonly role: string;
  /** What the role lets its holder patch or update (for a create by name). */
  readonly writable: WritableOf;
}

/** `/rules/<i>` for the first positions, made once rather than once per rule of every role. */
const RULE_PATHS = Array.from({ length: 64 }, (_, i) => `/rules/${i}`);
function rulePath(i: number): string {
  return RULE_PATHS[i] ?? `/rules/${i}`;
}

/**
 * The finding target of a permission, written like `kubectl auth can-i`: `<verb> <resource>`
 * with `.<apiGroup>` for non-core groups, e.g. `get secrets`, `create deployments.apps`.
 */
export function permissionTarget(verb: string, resource: string, apiGroup: string): string {
  return `${verb} ${resource}${apiGroup ? `.${apiGroup}` : ''}`;
}

/**
 * The permissions of one policy rule that carry the definition's risk, with their messages,
 * with resourceNames applied as the authorizer applies them (`nameLimit`): a permission names
 * make impossible carries no risk (`rbac/unmatchable-permission` reports it), one limited to
 * named objects carries it with the names. `writable` says what the rule's holder may patch or
 * update (a create by name is usable only then); by default what the rule itself grants.
 */
export function assessRisk(definition: RoleRiskDefinition, rule: PolicyRuleJson, writable?: WritableOf): RiskFinding[] {
  const found = definition.matches === 'wildcards' ? RiskPatterns.wildcards(rule) : RiskPatterns.matches(rule, definition.matches);
  const names = found.length > 0 ? stringsOf(rule.resourceNames) : [];
  const findings: RiskFinding[] = [];
  for (const match of found) {
    const limit: NameLimit = match.nonResourceURL !== undefined || names.length === 0
      ? { kind: 'all' }
      : nameLimit(match.verb, match.resource, names, match.verb === 'create' ? (writable ?? ((g, r) => writableNames([rule], g, r)))(match.apiGroup, match.resource) : []);
    if (limit.kind === 'never') continue;
    const grants = match.nonResourceURL !== undefined
      ? `non-resource URL '${match.nonResourceURL}' with verb '${match.verb}'`
      : `verb '${match.verb}' on '${match.resource}' in apiGroup '${match.apiGroup}'`;
    if (limit.kind === 'all') {
      findings.push({ ...match, riskId: definition.id, message: `${definition.risk}: ${grants}. ${definition.rationale}` });
    } else {
      const limitation = limitedTo(limit);
      findings.push({ ...match, riskId: definition.id, limitedTo: limit.names, limitation, message: `${definition.risk}: ${grants}, ${limitation}. ${definition.rationale}` });
    }
  }
  return findings;
}

/** How resourceNames limit a permission, in words: always with the names. */
function limitedTo(limit: Extract<NameLimit, { kind: 'names' }>): string {
  const names = limit.names.map((name) => `'${name}'`).join(', ');
  const how = limit.byFieldSelector
    ? ' (only for requests with a metadata.name field selector)'
    : limit.createdByName ? ' (created only by server-side apply or PUT: a POST names no object)' : '';
  return `limited to the objects named ${names}${how}`;
}

/**
 * Builds a rule that reports its risk on every rule of every Role and ClusterRole, one violation
 * per (policy rule, verb, resource), which the engine reports as one finding per policy rule
 * (`Reads Secrets: get secrets, list secrets.`); and, through built-in ClusterRoles that exist
 * only in the cluster (an aggregated ClusterRole's sources, the roleRef of a binding), on the
 * object that reaches them.
 */
export function roleRiskRule(definition: RoleRiskDefinition): RoleRiskRule {
  // The resources a policy rule must name to carry the risk (`*`, `*/<sub>` included); none for `wildcards`.
  const covering = definition.matches === 'wildcards'
    ? undefined
    : [...new Set(definition.matches.flatMap((pattern) => pattern.resources.flatMap((target) => RiskPatterns.resourcesCovering(target))))];
  return {
    ...definition,
    check(index) {
      // Each distinct policy rule is assessed once, and only one that names a resource the risk
      // needs; only the sources of rules with a risk are visited, in input order (most rules of
      // most roles carry none of a given risk, and a large input has thousands of distinct rules).
      const { sources, groups, groupOf, byResource } = ruleSourceGroups(index);
      const assessed = new Map<number, RiskFinding[]>();
      const risky: number[] = [];
      for (const position of covering ? candidatesOf(byResource, covering) : groups.keys()) {
        const group = groups[position];
        const first = sources[group[0]];
        const found = assessRisk(definition, first.rule, first.writable);
        if (found.length === 0) continue;
        assessed.set(position, found);
        for (const i of group) risky.push(i);
      }
      risky.sort((a, b) => a - b);
      const violations: Violation[] = [];
      const seen = new Set<string>();
      for (const i of risky) {
        const source = sources[i];
        for (const match of assessed.get(groupOf[i])!) {
          const target = permissionTarget(match.verb, match.resource, match.apiGroup);
          const seenKey = `${source.objectIndex}\u0000${source.path}\u0000${target}`;
          if (seen.has(seenKey)) continue;
          seen.add(seenKey);
          // What is wrong here; the rationale and remediation are the rule's, printed once per rule.
          // Limited to named objects: the same risk, one level less serious, with the names.
          const grouping = { subject: `${definition.risk}${source.through}:`, item: match.limitation ? `${target} ${match.limitation}` : target };
          const message = `${grouping.subject} ${grouping.item}.`;
          violations.push(match.limitedTo
            ? { objectIndex: source.objectIndex, path: source.path, target, message, grouping, lowered: true }
            : { objectIndex: source.objectIndex, path: source.path, target, message, grouping });
        }
      }
      return violations;
    },
  };
}

/**
 * Every policy rule the risk rules read (`ruleSourceGroups` keeps them, once per index): each
 * rule of each Role and ClusterRole, and for one named like a bootstrap role that kube-apiserver
 * reconciles, the bootstrap rules it restores (reported on the name); for an aggregated
 * ClusterRole, the rules of the built-in ClusterRoles its selectors reach (those in the input
 * are reported on themselves; an empty selector reaches cluster-admin); for a binding to a
 * built-in ClusterRole that is not in the input (`edit`, `admin`, `view`), that role's rules,
 * reported on the binding.
 */
function ruleSources(index: ManifestIndex): RuleSource[] {
  const sources: RuleSource[] = [];
  const access = EffectiveAccessOf.of(index);
  for (const kind of ROLE_KINDS) {
    for (const role of index.ofKind(kind)) {
      const rules: unknown[] = Array.isArray(role.manifest.rules) ? role.manifest.rules : [];
      const name = role.manifest.metadata.name;
      // A role named like a bootstrap role the API server reconciles gets its rules back on every start.
      const restored = access.resolveRole(kind, name, role.namespace)?.restoredRules ?? [];
      const writable = writableIn(restored.length > 0 ? [...rules, ...restored] : rules);
      const roleKey = `${role.index}`;
      rules.forEach((rule: unknown, i: number) => {
        if (rule !== null && typeof rule === 'object') {
          sources.push({ objectIndex: role.index, path: rulePath(i), rule: rule as PolicyRuleJson, through: '', role: roleKey, writable });
        }
      });
      if (restored.length === 0) continue;
      const through = ` (restored by the API server, which reconciles the built-in ${kind} '${name}' into this one)`;
      for (const rule of restored) sources.push({ objectIndex: role.index, path: '/metadata/name', rule, through, role: `restored ${roleKey}`, writable });
    }
  }
  for (const role of index.ofKind('ClusterRole')) {
    const name = role.manifest.metadata.name;
    const aggregation = role.manifest.aggregationRule;
    const written = aggregation !== null && typeof aggregation === 'object';
    // Without an aggregationRule of its own, a reconciled built-in still gets the built-in's back.
    if (!written && !access.resolveRole('ClusterRole', name)?.reconciled) continue;
    for (const source of access.aggregatedFrom(name)) {
      if (!source.builtIn) continue;
      const through = written
        ? ` (through its aggregationRule, from the built-in ClusterRole '${source.name}')`
        : ` (through the aggregationRule the API server restores, from the built-in ClusterRole '${source.name}')`;
      const writable = writableIn(source.rules);
      for (const rule of source.rules) {
        sources.push({ objectIndex: role.index, path: written ? '/aggregationRule' : '/metadata/name', rule, through, role: source.name, writable });
      }
    }
  }
  for (const kind of BINDING_KINDS) {
    for (const binding of index.ofKind(kind)) {
      const ref = binding.manifest.roleRef;
      // cluster-admin has its own rule (rbac/cluster-admin-binding); roles in the input are checked above.
      if (ref?.kind !== 'ClusterRole' || typeof ref.name !== 'string' || ref.name === 'cluster-admin') continue;
      if (index.get('ClusterRole', undefined, ref.name)) continue;
      const builtIn = EffectiveAccessOf.of(index).resolveRole('ClusterRole', ref.name);
      if (!builtIn?.builtIn) continue;
      const through = ` (through the built-in ClusterRole '${ref.name}')`;
      const writable = writableIn(builtIn.rules);
      for (const rule of builtIn.rules) sources.push({ objectIndex: binding.index, path: '/roleRef', rule, through, role: ref.name, writable });
    }
  }
  return sources;
}

/** The rule sources grouped by what their assessment depends on; see `ruleSourceGroups`. */
interface RuleSourceGroups {
  readonly sources: readonly RuleSource[];
  /** Groups of sources with the same key (`keyOf`: the same assessment): the sources' positions in input order; groups in the order their first source appears. */
  readonly groups: readonly number[][];
  /** The position in `groups` of each source's group. */
  readonly groupOf: Int32Array;
  /** For each resource a group's rule names, the positions in `groups` of those groups, ascending. */
  readonly byResource: ReadonlyMap<string, readonly number[]>;
}

/**
 * The rule sources of `ruleSources`, computed once per index, grouped by key, with the groups
 * looked up by resource. The keys are not kept: a large input has a hundred thousand sources.
 */
function ruleSourceGroups(index: ManifestIndex): RuleSourceGroups {
  return index.memo('rbac-rule-source-groups', () => {
    const sources = ruleSources(index);
    const byKey = new Map<string, number>();
    const groups: number[][] = [];
    const groupOf = new Int32Array(sources.length);
    sources.forEach((source, i) => {
      const key = keyOf(source.rule, source.role);
      let position = byKey.get(key);
      if (position === undefined) {
        byKey.set(key, position = groups.length);
        groups.push([i]);
      } else {
        groups[position].push(i);
      }
      groupOf[i] = position;
    });
    const byResource = new Map<string, number[]>();
    groups.forEach((group, position) => {
      for (const resource of stringsOf(sources[group[0]].rule.resources)) {
        const positions = byResource.get(resource);
        if (!positions) byResource.set(resource, [position]);
        else if (positions[positions.length - 1] !== position) positions.push(position);
      }
    });
    return { sources, groups, groupOf, byResource };
  });
}

/** The positions of the groups whose rule names one of the resources, ascending. */
function candidatesOf(byResource: ReadonlyMap<string, readonly number[]>, resources: readonly string[]): number[] {
  const positions = new Set<number>();
  for (const resource of resources) for (const position of byResource.get(resource) ?? []) positions.add(position);
  return [...positions].sort((a, b) => a - b);
}

/**
 * A policy rule's lists as one string, built without intermediate arrays (this runs for every rule
 * of every role). With resourceNames the assessment also depends on the role's other rules (a
 * create by name), so the key then names the role too.
 */
function keyOf(rule: PolicyRuleJson, role: string): string {
  const key = `${joined(rule.apiGroups)}\u0001${joined(rule.resources)}\u0001${joined(rule.verbs)}\u0001${joined(rule.nonResourceURLs)}`;
  return Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0 ? `${key}\u0001${joined(rule.resourceNames)}\u0001${role}` : key;
}

/** What the rules of one role let its holder patch or update, looked up only for a create by name. */
function writableIn(rules: readonly unknown[]): WritableOf {
  return (apiGroup, resource) => writableNames(rules, apiGroup, resource);
}

function joined(list: unknown): string {
  return Array.isArray(list) ? list.join('\u0000') : '';
}

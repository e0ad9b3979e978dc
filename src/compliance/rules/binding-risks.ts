import type { IndexedObject, ManifestIndex } from '../manifest-index';
import type { Rule, RuleMetadata, Violation } from '../rule';
import type { RuleOutcome } from '../rule-runner';
import { BINDING_KINDS } from './role-risks';

/** A binding as plain JSON (RoleBinding or ClusterRoleBinding). */
export interface BindingJson {
  readonly roleRef?: { readonly kind?: string; readonly name?: string };
  readonly subjects?: ReadonlyArray<{ readonly kind?: string; readonly name?: string; readonly namespace?: string }>;
}

/** One place in a binding that carries a binding risk. */
export interface BindingMatch {
  /** The field's pointer below the binding, e.g. `roleRef`, `roleRef/name` or `subjects/<i>`. */
  readonly field: string;
  /** The roleRef's or subject's name: the finding's target. */
  readonly target: string;
  /** What the binding does, completing "The <kind> ...". */
  readonly message: string;
}

/** Where a binding is: the object, with the namespace it lives in, and the whole input. */
export interface BindingContext {
  readonly object: IndexedObject;
  readonly index: ManifestIndex;
}

/** What a binding-risk rule declares, once: its metadata and how it finds its risk in one binding. */
export interface BindingRiskDefinition extends RuleMetadata {
  /** The places in the binding that carry the risk. */
  match(binding: BindingJson, context: BindingContext): readonly BindingMatch[];
}

/** A subject of a binding, with its position. */
export interface BindingSubject {
  readonly index: number;
  readonly kind: unknown;
  /** The name, or `''` when it is not a string. */
  readonly name: string;
  readonly namespace?: string;
}

/** The subjects of a binding that are objects, with their position and name (`''` when not a string). */
export function subjectsOf(binding: BindingJson): BindingSubject[] {
  const subjects = Array.isArray(binding?.subjects) ? binding.subjects : [];
  const result: BindingSubject[] = [];
  subjects.forEach((subject, index) => {
    if (!subject || typeof subject !== 'object') return;
    const name = typeof subject.name === 'string' ? subject.name : '';
    result.push(typeof subject.namespace === 'string' ? { index, kind: subject.kind, name, namespace: subject.namespace } : { index, kind: subject.kind, name });
  });
  return result;
}

/** A rule built from a `BindingRiskDefinition`: it still carries the definition. */
export interface BindingRiskRule extends Rule, BindingRiskDefinition {}

/** Every definition built into a rule, in the order built: `bindingViolations` judges them all in one pass. */
const DEFINITIONS: BindingRiskDefinition[] = [];

/** Builds a rule that reports its binding risk on every RoleBinding and ClusterRoleBinding. */
export function bindingRiskRule(definition: BindingRiskDefinition): BindingRiskRule {
  DEFINITIONS.push(definition);
  return {
    ...definition,
    check(index) {
      const outcome = bindingViolations(index).get(definition) ?? judgeBindings(index, [definition]).get(definition)!;
      if ('error' in outcome) throw outcome.error;
      return outcome.violations;
    },
  };
}

/**
 * The violations of every binding-risk definition, computed once per index in one pass over the
 * bindings (each binding is read once for all of them, not once per rule: on a large input the
 * bindings do not stay in the CPU cache from one rule to the next). A definition that throws
 * is not asked again; its rule reports the error, the others are unaffected.
 */
function bindingViolations(index: ManifestIndex): ReadonlyMap<BindingRiskDefinition, RuleOutcome> {
  return index.memo('binding-risk-violations', () => judgeBindings(index, [...DEFINITIONS]));
}

/** One pass over the bindings for these definitions (a definition built after the index's pass gets its own). */
function judgeBindings(index: ManifestIndex, definitions: readonly BindingRiskDefinition[]): Map<BindingRiskDefinition, RuleOutcome> {
  const found: Violation[][] = definitions.map(() => []);
  const failed: Array<{ readonly error: unknown } | undefined> = definitions.map(() => undefined);
  for (const kind of BINDING_KINDS) {
    for (const binding of index.ofKind(kind)) {
      const m = binding.manifest;
      const json: BindingJson = { roleRef: m.roleRef, subjects: Array.isArray(m.subjects) ? m.subjects : undefined };
      for (let d = 0; d < definitions.length; d++) {
        if (failed[d]) continue;
        try {
          for (const match of definitions[d].match(json, { object: binding, index })) found[d].push(violationOf(match, binding, kind));
        } catch (error) {
          failed[d] = { error };
        }
      }
    }
  }
  return new Map(definitions.map((definition, d): [BindingRiskDefinition, RuleOutcome] => [definition, failed[d] ?? { violations: found[d] }]));
}

function violationOf(match: BindingMatch, binding: IndexedObject, kind: string): Violation {
  return {
    objectIndex: binding.index,
    path: `/${match.field}`,
    target: match.target,
    // What is wrong here; the remediation is the rule's, printed once per rule.
    message: `The ${kind} ${match.message}.`,
  };
}

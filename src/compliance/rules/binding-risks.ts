import type { IndexedObject } from '../manifest-index';
import type { Rule, RuleMetadata, Violation } from '../rule';
import { BINDING_KINDS } from './role-risks';

/** A binding as plain JSON (RoleBinding or ClusterRoleBinding). */
export interface BindingJson {
  readonly roleRef?: { readonly kind?: string; readonly name?: string };
  readonly subjects?: ReadonlyArray<{ readonly kind?: string; readonly name?: string; readonly namespace?: string }>;
}

/** One place in a binding that carries a binding risk. */
export interface BindingMatch {
  /** `roleRef` or `subjects/<i>`. */
  readonly field: string;
  /** The roleRef's or subject's name: the finding's target. */
  readonly target: string;
  /** What the binding does, completing "The <kind> ...". */
  readonly message: string;
}

/** What a binding-risk rule declares, once: its metadata and how it finds its risk in one binding. */
export interface BindingRiskDefinition extends RuleMetadata {
  /** The places in the binding that carry the risk. */
  match(binding: BindingJson): readonly BindingMatch[];
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

/** Builds a rule that reports its binding risk on every RoleBinding and ClusterRoleBinding. */
export function bindingRiskRule(definition: BindingRiskDefinition): BindingRiskRule {
  return {
    ...definition,
    check(index) {
      const violations: Violation[] = [];
      for (const kind of BINDING_KINDS) {
        for (const binding of index.ofKind(kind)) violations.push(...violationsOf(definition, binding, kind));
      }
      return violations;
    },
  };
}

function violationsOf(definition: BindingRiskDefinition, binding: IndexedObject, kind: string): Violation[] {
  const m = binding.manifest;
  const json: BindingJson = { roleRef: m.roleRef, subjects: Array.isArray(m.subjects) ? m.subjects : undefined };
  return definition.match(json).map((match) => ({
    objectIndex: binding.index,
    path: `/${match.field}`,
    target: match.target,
    // What is wrong here; the remediation is the rule's, printed once per rule.
    message: `The ${kind} ${match.message}.`,
  }));
}

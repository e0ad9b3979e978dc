import type { ContainerRef, ManifestIndex, PodSpecRef } from './manifest-index';
import type { Severity } from './model';
import type { Manifest } from '../k8s/manifest';

/** Settings every rule may read; filled with defaults by the engine. */
export interface RuleOptions {
  /** Maximum projected token lifetime in seconds (`token/projected-ttl`). Default 3600. */
  readonly maxTokenTtlSeconds: number;
  /** Pod Security Standards version the `pss/*` rules follow (like PSA's `enforce-version`). */
  readonly podSecurityVersion: string;
}

/** What a pod or container rule may look at besides the pod: the whole input and the options. */
export interface RuleContext {
  readonly index: ManifestIndex;
  readonly options: RuleOptions;
}

/** One violation on any object; the engine turns it into a `Finding`. */
export interface Violation {
  /** Position of the offending object in `index.objects`. */
  readonly objectIndex: number;
  /** JSON pointer (RFC 6901) from the object root to the offending field. */
  readonly path: string;
  /** What is wrong and how to fix it, in one or two sentences. */
  readonly message: string;
  /** Narrows the violation within its object (container name, verb, subject) for suppressions. */
  readonly target?: string;
  /**
   * One level less serious than the rule's effective severity (error -> warning -> info; info
   * stays info): the same risk, narrowed (e.g. to named objects by resourceNames).
   */
  readonly lowered?: true;
}

/** A violation in one pod spec: the engine puts it on the pod's owner object. */
export interface PodViolation {
  /** JSON pointer from the owner object's root (e.g. `${pod.path}/hostNetwork`). */
  readonly path: string;
  readonly message: string;
  readonly target?: string;
}

/** A violation in one container: the engine prefixes the container's pointer and targets its name. */
export interface ContainerViolation {
  /** JSON pointer from the container (e.g. `/securityContext/privileged`). */
  readonly path: string;
  readonly message: string;
}

/** What every rule declares: the catalogue, packs, reports and docs are built from it. */
export interface RuleMetadata {
  /** Stable id `<family>/<name>`, e.g. `token/automount-pod`; the rule's file is `rules/<id>.ts`. */
  readonly id: string;
  /** One line: what the rule requires. */
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** Why it matters (a few sentences). */
  readonly rationale: string;
  /** How to fix it (a few sentences). */
  readonly remediation: string;
  /** CIS, Pod Security Standards, NSA, and equivalent checks in other tools. */
  readonly references: readonly string[];
  /**
   * The smallest realistic input that breaks the rule and the same input fixed: the rule
   * reference shows both, and a test checks that the rule reports the first and not the second.
   */
  readonly examples: RuleExamples;
}

/** A failing and a passing input of a rule (each a set of objects, e.g. a Deployment and its ServiceAccount). */
export interface RuleExamples {
  readonly failing: readonly Manifest[];
  readonly passing: readonly Manifest[];
}

/**
 * A compliance rule: one file, named after what it checks. The engine iterates; a rule judges.
 * A rule implements one or more of:
 * - `checkPod`: one pod spec at a time (every Pod, workload template, CronJob job template...);
 * - `checkContainer`: one container of one pod at a time (init, regular and ephemeral);
 * - `check`: the whole input, for rules about other objects or across objects (RBAC, Secrets).
 * Each returns its violations (or nothing) and must not change its input.
 */
export interface Rule extends RuleMetadata {
  checkPod?(pod: PodSpecRef, context: RuleContext): readonly PodViolation[] | undefined;
  checkContainer?(container: ContainerRef, pod: PodSpecRef, context: RuleContext): readonly ContainerViolation[] | undefined;
  check?(index: ManifestIndex, options: RuleOptions): readonly Violation[];
}

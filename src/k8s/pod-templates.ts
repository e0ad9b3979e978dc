import { JsonPointer } from './json-pointer';
import type { Manifest } from './manifest';
import { CUSTOM_RESOURCE_WORKLOADS, NOT_POD_KINDS, PodTemplateEntry } from './pod-template-table';
import { BUILT_IN_WORKLOADS } from './workloads';

/**
 * Where the pods of an object are: one table of kinds (built-in workloads, custom resources that
 * run pods, kinds known not to be pods, and what the user adds) and, for kinds outside it, the
 * heuristic "`spec.template.spec.containers` is a list of objects with an `image`". Kinds are
 * keyed by API group AND kind: a `Deployment` of another group is not an apps Deployment.
 *
 * Path syntax: dotted field names; `name[*]` is every item of the list `name`; a `*` segment is
 * every value of a map. Examples: `spec.template.spec`,
 * `spec.replicatedJobs[*].template.spec.template.spec`, `spec.pytorchReplicaSpecs.*.template.spec`.
 */

/** One step of a compiled path. */
export type PathStep =
  | { readonly field: string }
  /** Every item of a list. */
  | { readonly eachItem: true }
  /** Every value of a map. */
  | { readonly eachValue: true };

/** A pod spec found in an object. */
export interface FoundPodSpec {
  /** The pod spec (an object). */
  readonly spec: Record<string, any>;
  /** The object that holds it: the pod template (whose metadata has the pod's labels), or the object itself. */
  readonly holder: Record<string, any>;
  /** JSON pointer from the object's root to the pod spec, list positions and map keys included. */
  readonly pointer: string;
}

/** No pod spec: one shared, frozen list (most objects hold none). */
const NONE: readonly FoundPodSpec[] = Object.freeze([]);

/** The path the heuristic reads for kinds outside the table. */
export const HEURISTIC_PATH = 'spec.template.spec';

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_-]*)(\[\*\])?$/;

/** The built-in workloads as table entries (`workloads.ts` keeps their RBAC resources too). */
const BUILT_IN_ENTRIES: readonly PodTemplateEntry[] = BUILT_IN_WORKLOADS.map((w) => ({
  group: w.group,
  kind: w.kind,
  paths: [w.podSpecPath.join('.')],
  source: `kubernetes/kubernetes staging/src/k8s.io/api (${w.group === '' ? 'core' : w.group} group): the built-in ${w.kind}`,
}));

/** A path compiled once: its steps, and (for a path without `*`) its fields and pointer, read without walking. */
interface CompiledPath {
  readonly steps: readonly PathStep[];
  readonly fields?: readonly string[];
  readonly pointer?: string;
}

/** A table entry with its paths compiled, and the apiVersion prefix of its group (`apps/`; undefined for core). */
interface CompiledEntry {
  readonly entry: PodTemplateEntry;
  readonly paths: readonly CompiledPath[];
  readonly prefix?: string;
}

function compilePath(path: string): CompiledPath {
  const steps = PodTemplates.compile(path);
  if (!steps.every((s) => 'field' in s)) return { steps };
  const fields = steps.map((s) => (s as { field: string }).field);
  return { steps, fields, pointer: JsonPointer.of(fields) };
}

/** Lookups in the pod template table, with the user's entries (they win over built-in ones of the same group and kind). */
export class PodTemplates {
  /** Every entry the library knows: built-in workloads, custom resources that run pods, kinds that are not pods. */
  public static readonly TABLE: readonly PodTemplateEntry[] = [...BUILT_IN_ENTRIES, ...CUSTOM_RESOURCE_WORKLOADS, ...NOT_POD_KINDS];

  /** Why `path` is not a pod spec path, or undefined when it is one. */
  public static pathProblem(path: unknown): string | undefined {
    if (typeof path !== 'string' || path === '') return `${JSON.stringify(path)} is not a path: use dotted field names such as 'spec.template.spec'`;
    const segments = path.split('.');
    for (const segment of segments) {
      if (segment === '*' || SEGMENT.test(segment)) continue;
      return `'${path}' is not a path: segment '${segment}' must be a field name, a field name followed by [*] (every item of a list), or * (every value of a map)`;
    }
    if (segments[0] === '*') return `'${path}' is not a path: it must start with a field name`;
    return undefined;
  }

  /**
   * The steps of a path.
   * @throws Error naming the path and the syntax when it is not a path
   */
  public static compile(path: string): PathStep[] {
    const problem = PodTemplates.pathProblem(path);
    if (problem) throw new Error(problem);
    const steps: PathStep[] = [];
    for (const segment of path.split('.')) {
      if (segment === '*') {
        steps.push({ eachValue: true });
        continue;
      }
      const match = SEGMENT.exec(segment)!;
      steps.push({ field: match[1] });
      if (match[2]) steps.push({ eachItem: true });
    }
    return steps;
  }

  /** The API group of an `apiVersion` (`apps/v1` -> `apps`, `v1` -> `''`). */
  public static groupOf(apiVersion: string): string {
    const slash = apiVersion.indexOf('/');
    return slash < 0 ? '' : apiVersion.slice(0, slash);
  }

  /**
   * True when a value read at `spec.template.spec` of an unknown kind is a pod spec: its
   * `containers` is a non-empty list of objects, each with a non-empty string `image`.
   */
  public static looksLikePodSpec(spec: unknown): boolean {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return false;
    const containers = (spec as Record<string, unknown>).containers;
    if (!Array.isArray(containers) || containers.length === 0) return false;
    for (const container of containers) {
      if (container === null || typeof container !== 'object') return false;
      const image = (container as Record<string, unknown>).image;
      if (typeof image !== 'string' || image === '') return false;
    }
    return true;
  }

  /** kind -> entries of that kind (one per group): a kind is read once per object, the group only for kinds in the table. */
  private readonly byKind = new Map<string, CompiledEntry[]>();
  private readonly heuristic: CompiledPath = compilePath(HEURISTIC_PATH);

  /**
   * @param extra the user's entries; one for a group and kind in the table replaces that entry
   * @throws Error for an entry whose path is not a path
   */
  constructor(extra: readonly PodTemplateEntry[] = []) {
    for (const entry of [...PodTemplates.TABLE, ...extra]) {
      const compiled: CompiledEntry = {
        entry,
        paths: entry.paths.map(compilePath),
        ...(entry.group === '' ? {} : { prefix: `${entry.group}/` }),
      };
      const list = this.byKind.get(entry.kind) ?? [];
      const existing = list.findIndex((e) => e.entry.group === entry.group);
      if (existing >= 0) list[existing] = compiled;
      else list.push(compiled);
      this.byKind.set(entry.kind, list);
    }
  }

  /** The table entry of this apiVersion and kind, if any (an unknown kind has none: the heuristic reads it). */
  public entryOf(apiVersion: string, kind: string): PodTemplateEntry | undefined {
    return this.compiledOf(apiVersion, kind)?.entry;
  }

  /**
   * Every pod spec of a manifest, in path order: at its kind's paths, or, for a kind outside the
   * table, at `spec.template.spec` when that looks like a pod spec.
   */
  public podSpecsOf(manifest: Manifest): readonly FoundPodSpec[] {
    const compiled = this.compiledOf(manifest.apiVersion, manifest.kind);
    if (!compiled) {
      const found = readFixed(manifest, this.heuristic);
      return found && PodTemplates.looksLikePodSpec(found.spec) ? [found] : NONE;
    }
    // Most kinds keep one pod spec at a fixed path: read it without building a list first.
    if (compiled.paths.length === 1 && compiled.paths[0].fields !== undefined) {
      const found = readFixed(manifest, compiled.paths[0]);
      return found ? [found] : NONE;
    }
    const all: FoundPodSpec[] = [];
    for (const path of compiled.paths) {
      if (path.fields === undefined) {
        walk(manifest, undefined, path.steps, 0, '', all);
      } else {
        const found = readFixed(manifest, path);
        if (found) all.push(found);
      }
    }
    return all;
  }

  private compiledOf(apiVersion: unknown, kind: string): CompiledEntry | undefined {
    const list = this.byKind.get(kind);
    if (!list) return undefined;
    const version = typeof apiVersion === 'string' ? apiVersion : '';
    // Compared by prefix rather than by slicing out the group: this runs for every object.
    for (const e of list) {
      if (e.prefix === undefined ? !version.includes('/') : version.startsWith(e.prefix)) return e;
    }
    return undefined;
  }
}

/** The pod spec at a path without `*`, read field by field, if it is an object. */
function readFixed(manifest: Manifest, path: CompiledPath): FoundPodSpec | undefined {
  let holder: any;
  let value: any = manifest;
  for (const field of path.fields!) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    holder = value;
    value = value[field];
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { spec: value, holder, pointer: path.pointer! } : undefined;
}

/** Follows `steps` from `value`, collecting every object reached at the end. */
function walk(value: unknown, holder: unknown, steps: readonly PathStep[], at: number, pointer: string, out: FoundPodSpec[]): void {
  if (value === null || typeof value !== 'object') return;
  if (at === steps.length) {
    if (!Array.isArray(value)) out.push({ spec: value as Record<string, any>, holder: holder as Record<string, any>, pointer });
    return;
  }
  const step = steps[at];
  if ('field' in step) {
    if (Array.isArray(value)) return;
    walk((value as Record<string, unknown>)[step.field], value, steps, at + 1, `${pointer}/${JsonPointer.segment(step.field)}`, out);
  } else if ('eachItem' in step) {
    if (!Array.isArray(value)) return;
    for (let i = 0; i < value.length; i++) walk(value[i], holder, steps, at + 1, `${pointer}/${i}`, out);
  } else {
    if (Array.isArray(value)) return;
    for (const [key, item] of Object.entries(value)) walk(item, holder, steps, at + 1, `${pointer}/${JsonPointer.segment(key)}`, out);
  }
}

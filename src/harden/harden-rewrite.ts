import { HardenOptionsModel, ResolvedHardenOptions, TokenContainerChoice } from './harden-options';
import { ManifestEdit, ManifestEdits, PathSegment } from './manifest-edit';
import { ClosestName } from '../compliance/closest-name';
import { EffectiveAccessOf } from '../compliance/effective-access-of';
import { ContainerRef, IndexedObject, ManifestIndex, PodSpecRef } from '../compliance/manifest-index';
import { isApiServerAudience, isAutomounted, projectedTokens } from '../compliance/pod-tokens';
import { Automount } from '../k8s/automount';
import { JsonPointer } from '../k8s/json-pointer';
import { LegacyTokenSecret } from '../k8s/legacy-token-secret';
import type { Manifest } from '../k8s/manifest';
import { TokenLifetime } from '../k8s/token-lifetime';

/** An object as the report names it (the namespace as resolved, `kubectl apply -n`). */
export interface HardenedObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** One field the rewrite changes: what it was and what it becomes. */
export interface HardenChange {
  readonly object: HardenedObject;
  /** JSON pointer from the object's root (for an added list item: the index it gets). */
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** What the rewrite leaves for the user to decide or know. */
export type HardenNoteKind =
  /** A pod whose token stays in more than one container (no choice was given): name the ones that need it. */
  | 'several-holders'
  /** The automounted token is gone: the account holds no permissions in the input. */
  | 'token-removed'
  /** An explicit API token is kept although the account holds no permissions in the input. */
  | 'explicit-token-kept'
  /** A container that should get the token already mounts something at the credentials path. */
  | 'mount-path-taken'
  /** The pod's volumes or a container's volumeMounts is not a list: no token could be mounted. */
  | 'not-a-list'
  /** A Secret of type kubernetes.io/service-account-token: a standing credential (reported, not deleted). */
  | 'legacy-token-secret'
  /** A token for another audience than the API server, longer than the maximum: left alone (its consumer decides). */
  | 'other-audience-kept';

export interface HardenNote {
  readonly kind: HardenNoteKind;
  readonly object: HardenedObject;
  readonly message: string;
  /** For `several-holders`: the containers that hold the token. */
  readonly containers?: readonly string[];
  /** For `several-holders`: a `--token-containers` value that narrows it to one container. */
  readonly suggestion?: string;
}

/** The edits of one object of the input. */
export interface ObjectEdits {
  /** The object's position in the input. */
  readonly index: number;
  readonly edits: readonly ManifestEdit[];
}

/** Everything the rewrite decided for an input. */
export interface HardenPlan {
  /** The objects that change, in input order. */
  readonly objects: readonly ObjectEdits[];
  readonly changes: readonly HardenChange[];
  readonly notes: readonly HardenNote[];
}

/** The pure form's result: the hardened copies and the plan. */
export interface HardenedManifests {
  readonly manifests: Manifest[];
  readonly plan: HardenPlan;
}

/** A `--token-containers` choice that names no workload or container of the input. */
export class TokenChoiceError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'TokenChoiceError';
  }
}

/** The name of the volume the rewrite adds (never `kube-api-access-*`, which the plugin takes for its own). */
const VOLUME_NAME = 'api-credentials';

/**
 * The rewrite: every ServiceAccount and pod gets `automountServiceAccountToken: false`; a pod
 * whose account holds permissions (input RBAC and the built-in roles) gets what automount gave,
 * as a projected volume with a short-lived token, in the containers that need it; existing API
 * tokens longer than the maximum (or 3607 s) are shortened. Nothing else changes.
 */
export class HardenRewrite {
  /**
   * Plans the rewrite of a whole input.
   * @throws TokenChoiceError when a token-container choice names no workload or container of the input
   */
  public static plan(index: ManifestIndex, options: ResolvedHardenOptions): HardenPlan {
    const problems = HardenRewrite.choiceProblems(index, options);
    if (problems.length > 0) throw new TokenChoiceError(problems);
    const planner = new ObjectPlanner(index, options);
    const podsByOwner = new Map<number, PodSpecRef[]>();
    for (const pod of index.podSpecs) {
      const list = podsByOwner.get(pod.owner.index);
      if (list) list.push(pod);
      else podsByOwner.set(pod.owner.index, [pod]);
    }
    const objects: ObjectEdits[] = [];
    const changes: HardenChange[] = [];
    const notes: HardenNote[] = [];
    for (const object of index.objects) {
      const planned = planner.plan(object, podsByOwner.get(object.index) ?? []);
      if (planned.edits.length > 0) objects.push({ index: object.index, edits: planned.edits });
      changes.push(...planned.changes);
      notes.push(...planned.notes);
    }
    return { objects, changes, notes };
  }

  /**
   * The pure form: hardened copies of the manifests (the input is not changed) and the plan.
   * @throws HardenOptionsError for a bad option, TokenChoiceError for a choice that names nothing
   */
  public static manifests(manifests: readonly Manifest[], options: ResolvedHardenOptions): HardenedManifests {
    const index = HardenOptionsModel.index(manifests.map((manifest) => ({ manifest })), options);
    const plan = HardenRewrite.plan(index, options);
    const result = [...manifests];
    for (const object of plan.objects) result[object.index] = ManifestEdits.applied(manifests[object.index], object.edits);
    return { manifests: result, plan };
  }

  /** Each choice that names no workload with a pod of the input, or a container it does not have, with the closest name. */
  public static choiceProblems(index: ManifestIndex, options: ResolvedHardenOptions): string[] {
    const problems: string[] = [];
    const workloads = new Map<string, PodSpecRef[]>();
    for (const pod of index.podSpecs) {
      const key = HardenRewrite.ownerKey(pod.owner);
      workloads.set(key, [...(workloads.get(key) ?? []), pod]);
    }
    const names = [...new Set(index.podSpecs.map((pod) => HardenRewrite.ownerName(pod.owner)))];
    for (const choice of options.tokenContainers) {
      const named = HardenOptionsModel.formatWorkload(choice.workload);
      const pods = workloads.get(HardenOptionsModel.workloadKey(choice.workload, options.namespace));
      const where = choice.origin ? `${choice.origin}: ` : '';
      if (!pods) {
        const full = choice.workload.namespace === undefined ? `${named} (namespace ${options.namespace})` : named;
        const closest = ClosestName.of(HardenRewrite.fullName(choice, options.namespace), names);
        problems.push(`${where}${full} is not a workload with a pod in the input${closest ? `; did you mean '${closest}'?` : names.length === 0 ? ' (the input has none)' : ''}`);
        continue;
      }
      const containers = pods.flatMap((pod) => pod.containers.filter((c) => c.kind !== 'ephemeralContainers'));
      const known = containers.map((c) => c.name);
      for (const name of choice.containers) {
        if (known.includes(name)) continue;
        const list = containers.map((c) => (c.kind === 'initContainers' ? `${c.name} (init)` : c.name)).join(', ') || 'none';
        problems.push(`${where}${named} has no container '${name}' (its containers: ${list})${ClosestName.hint(name, known)}`);
      }
    }
    return problems;
  }

  /** `Kind/namespace/name` of a workload (`Kind/name` when cluster-scoped). */
  public static ownerName(owner: IndexedObject): string {
    const { kind, metadata } = owner.manifest;
    return owner.namespace === undefined ? `${kind}/${metadata.name}` : `${kind}/${owner.namespace}/${metadata.name}`;
  }

  private static ownerKey(owner: IndexedObject): string {
    return `${String(owner.manifest.kind).toLowerCase()}/${owner.namespace ?? ''}/${owner.manifest.metadata.name}`;
  }

  private static fullName(choice: TokenContainerChoice, namespace: string): string {
    return `${choice.workload.kind}/${choice.workload.namespace ?? namespace}/${choice.workload.name}`;
  }

  private constructor() {}
}

/** What the rewrite found out about one pod, for its notes. */
interface PodFacts {
  readonly automounted: boolean;
  readonly permitted: boolean;
  readonly choice?: TokenContainerChoice;
  /** The containers that hold the token afterwards. */
  readonly target: ReadonlySet<string>;
  readonly holdersBefore: readonly ContainerRef[];
  readonly apiVolumes: ReadonlySet<string>;
}

/** What the rewrite does to one object. */
export interface PlannedObject {
  readonly edits: ManifestEdit[];
  readonly changes: HardenChange[];
  readonly notes: HardenNote[];
}

/**
 * Plans one object at a time against a model of the accounts: the full input (the command), or
 * only the ServiceAccounts and RBAC objects under a scope (`Harden` at synth, where each object
 * is planned when cdk8s renders it).
 */
export class ObjectPlanner {
  private readonly choices = new Map<string, TokenContainerChoice>();

  /**
   * @param accounts an index holding at least the input's ServiceAccounts and RBAC objects
   * @param options the resolved options (choices are not checked here: see `HardenRewrite.choiceProblems`)
   */
  constructor(private readonly accounts: ManifestIndex, private readonly options: ResolvedHardenOptions) {
    for (const choice of options.tokenContainers) {
      this.choices.set(HardenOptionsModel.workloadKey(choice.workload, options.namespace), choice);
    }
  }

  /** The edits, changes and notes of one object and its pod specs. */
  public plan(object: IndexedObject, pods: readonly PodSpecRef[]): PlannedObject {
    const result: PlannedObject = { edits: [], changes: [], notes: [] };
    const manifest = object.manifest;
    const name = nameOf(object);
    if (manifest.kind === 'ServiceAccount' && manifest.automountServiceAccountToken !== false) {
      this.set(result, name, [], 'automountServiceAccountToken', manifest.automountServiceAccountToken, false);
    }
    if (manifest.kind === 'Secret' && manifest.type === LegacyTokenSecret.TYPE) {
      const owner = manifest.metadata.annotations?.[LegacyTokenSecret.ACCOUNT_ANNOTATION];
      result.notes.push({
        kind: 'legacy-token-secret',
        object: name,
        message: `Secret of type ${LegacyTokenSecret.TYPE}: a token that never expires${owner ? ` for ServiceAccount '${owner}'` : ''}. `
          + 'Not deleted: remove it unless something outside the cluster still uses it.',
      });
    }
    for (const pod of pods) this.planPod(pod, name, result);
    return result;
  }

  /** The choice for a workload, if the user made one. */
  public choiceFor(owner: IndexedObject): TokenContainerChoice | undefined {
    const key = `${String(owner.manifest.kind).toLowerCase()}/${owner.namespace ?? this.options.namespace}/${owner.manifest.metadata.name}`;
    return this.choices.get(key);
  }

  private planPod(pod: PodSpecRef, object: HardenedObject, result: PlannedObject): void {
    const podPath = segmentsOf(pod.path);
    const spec = pod.spec;
    const ttl = this.options.tokenTtlSeconds;
    const automounted = isAutomounted(pod, this.accounts);
    const apiTokens = projectedTokens(pod).filter(isApiServerAudience);
    const apiVolumes = new Set(apiTokens.map((t) => t.volumeName));
    const candidates = pod.containers.filter((c) => c.kind !== 'ephemeralContainers');
    const mountsApiToken = (c: ContainerRef) => mountsOf(c).some((m) => apiVolumes.has(m?.name));
    const holdersBefore = candidates.filter((c) => mountsApiToken(c) || (automounted && Automount.reaches(c.kind, c.container.volumeMounts)));
    const choice = this.choiceFor(pod.owner);
    const permitted = EffectiveAccessOf.hasPermissions(this.accounts, pod.owner.namespace, pod.serviceAccountName);
    const target = new Set(choice
      ? choice.containers
      : (permitted ? holdersBefore : candidates.filter(mountsApiToken)).map((c) => c.name));

    if (spec.automountServiceAccountToken !== false) {
      this.set(result, object, podPath, 'automountServiceAccountToken', spec.automountServiceAccountToken, false);
    }

    // The containers that get the token and hold none yet share one new volume.
    const needing: ContainerRef[] = [];
    for (const c of candidates) {
      if (!target.has(c.name) || mountsApiToken(c)) continue;
      const taken = mountsOf(c).find((m) => m?.mountPath === Automount.MOUNT_PATH);
      if (taken) {
        result.notes.push({
          kind: 'mount-path-taken',
          object,
          message: `Container '${c.name}' already mounts volume '${taken.name}' at ${Automount.MOUNT_PATH}: no API token was mounted into it.`,
        });
        continue;
      }
      needing.push(c);
    }
    if (needing.length > 0) this.addCredentials(pod, podPath, needing, object, result);

    // Containers the user left out lose their mounts of API tokens; a token volume no container mounts any more goes too.
    const removedVolumes = new Set<string>();
    if (choice) {
      const stillMounted = new Set<string>();
      for (const c of candidates) {
        const mounts = mountsOf(c);
        mounts.forEach((m, i) => {
          if (!apiVolumes.has(m?.name)) return;
          if (target.has(c.name)) {
            stillMounted.add(m.name);
            return;
          }
          result.edits.push({ op: 'remove', path: [...segmentsOf(c.path), 'volumeMounts'], index: i });
          result.changes.push({ object, field: `${c.path}/volumeMounts/${i}`, before: `volume '${m.name}' at ${m.mountPath}`, after: '(removed)' });
        });
      }
      const volumes: any[] = Array.isArray(spec.volumes) ? spec.volumes : [];
      volumes.forEach((v, i) => {
        if (!apiVolumes.has(v?.name) || stillMounted.has(v.name) || !candidates.some((c) => mountsOf(c).some((m) => m?.name === v.name))) return;
        removedVolumes.add(v.name);
        result.edits.push({ op: 'remove', path: [...podPath, 'volumes'], index: i });
        result.changes.push({ object, field: `${pod.path}/volumes/${i}`, before: `projected API token volume '${v.name}'`, after: '(removed: no container mounts it)' });
      });
    }

    for (const token of projectedTokens(pod)) {
      const ttlSeconds = token.source.expirationSeconds;
      if (isApiServerAudience(token) || typeof ttlSeconds !== 'number' || (ttlSeconds <= ttl && ttlSeconds !== TokenLifetime.EXTENDED_SENTINEL_SECONDS)) continue;
      result.notes.push({
        kind: 'other-audience-kept',
        object,
        message: `Volume '${token.volumeName}' projects a token for audience '${token.source.audience}' that lives ${ttlSeconds} s: left alone, `
          + `as its consumer decides its lifetime (shorten it to ${ttl} s if it allows).`,
      });
    }
    for (const token of apiTokens) {
      if (removedVolumes.has(token.volumeName)) continue;
      const raw = token.source.expirationSeconds;
      // Unset is what the API server defaults it to; 3607 s is the sentinel it extends to one year.
      const effective = raw === undefined || raw === null ? TokenLifetime.DEFAULT_SECONDS : raw;
      if (typeof effective !== 'number' || (effective !== TokenLifetime.EXTENDED_SENTINEL_SECONDS && effective <= ttl)) continue;
      this.set(result, object, segmentsOf(token.path), 'expirationSeconds', raw, ttl);
    }

    this.notePod(pod, object, { automounted, permitted, choice, target, holdersBefore, apiVolumes }, result);
  }

  private addCredentials(
    pod: PodSpecRef, podPath: PathSegment[], needing: readonly ContainerRef[], object: HardenedObject, result: PlannedObject,
  ): void {
    const volumes = pod.spec.volumes;
    if (!isListOrAbsent(volumes) || needing.some((c) => !isListOrAbsent(c.container.volumeMounts))) {
      result.notes.push({ kind: 'not-a-list', object, message: `${pod.path}/volumes or a container's volumeMounts is not a list: no API token could be mounted (Kubernetes refuses the object as it is).` });
      return;
    }
    const taken = new Set((Array.isArray(volumes) ? volumes : []).map((v: any) => v?.name));
    let volumeName = VOLUME_NAME;
    for (let n = 2; taken.has(volumeName); n++) volumeName = `${VOLUME_NAME}-${n}`;
    const ttl = this.options.tokenTtlSeconds;
    const volume = { name: volumeName, projected: { sources: Automount.sources(ttl) } };
    const volumeDescription = `projected volume '${volumeName}': token (${ttl} s), ${Automount.CA_FILE}, ${Automount.NAMESPACE_FILE}`;
    this.add(result, object, podPath, 'volumes', volumes, volume, `${pod.path}/volumes`, volumeDescription);
    for (const c of needing) {
      const mount = { name: volumeName, mountPath: Automount.MOUNT_PATH, readOnly: true };
      this.add(result, object, segmentsOf(c.path), 'volumeMounts', c.container.volumeMounts, mount, `${c.path}/volumeMounts`,
        `volume '${volumeName}' at ${Automount.MOUNT_PATH} (read-only)`);
    }
  }

  private notePod(
    pod: PodSpecRef,
    object: HardenedObject,
    facts: PodFacts,
    result: PlannedObject,
  ): void {
    const account = `ServiceAccount '${pod.serviceAccountName}'`;
    if (facts.choice) return;
    if (!facts.permitted) {
      if (facts.automounted && facts.holdersBefore.some((c) => !facts.target.has(c.name))) {
        result.notes.push({ kind: 'token-removed', object, message: `${account} holds no permissions in the input: its automounted token is gone. If a container calls the API server (with RBAC granted elsewhere), name it with --token-containers.` });
      }
      if (facts.target.size > 0) {
        result.notes.push({ kind: 'explicit-token-kept', object, message: `${account} holds no permissions in the input, but the pod mounts an API token explicitly (volume ${[...facts.apiVolumes].map((v) => `'${v}'`).join(', ')}): kept.` });
      }
      return;
    }
    if (facts.target.size > 1) {
      const containers = pod.containers.filter((c) => facts.target.has(c.name)).map((c) => c.name);
      // The first regular container is usually the workload's own: the likeliest one to need it.
      const likely = pod.containers.find((c) => c.kind === 'containers' && facts.target.has(c.name))?.name ?? containers[0];
      const suggestion = `${HardenRewrite.ownerName(pod.owner)}=${likely}`;
      result.notes.push({
        kind: 'several-holders',
        object,
        containers,
        suggestion,
        message: `${containers.length} containers keep the API token of ${account} (${containers.join(', ')}). Name the ones that call the API server, e.g. --token-containers ${suggestion}`,
      });
    }
  }

  private set(result: PlannedObject, object: HardenedObject, path: PathSegment[], key: string, before: unknown, after: unknown): void {
    result.edits.push({ op: 'set', path, key, value: after });
    result.changes.push({ object, field: JsonPointer.of([...path, key]), before: describe(before), after: describe(after) });
  }

  /** Appends to a list, or sets the list when it is absent (or null). */
  private add(
    result: PlannedObject, object: HardenedObject, path: PathSegment[], key: string, list: unknown, item: unknown, field: string, description: string,
  ): void {
    if (Array.isArray(list)) {
      result.edits.push({ op: 'append', path: [...path, key], value: item });
      result.changes.push({ object, field: `${field}/${list.length}`, before: '(none)', after: description });
    } else {
      result.edits.push({ op: 'set', path, key, value: [item] });
      result.changes.push({ object, field: `${field}/0`, before: '(none)', after: description });
    }
  }
}

function nameOf(object: IndexedObject): HardenedObject {
  const { kind, metadata } = object.manifest;
  return object.namespace === undefined ? { kind, name: metadata.name } : { kind, namespace: object.namespace, name: metadata.name };
}

function mountsOf(c: ContainerRef): any[] {
  const mounts = c.container.volumeMounts;
  return Array.isArray(mounts) ? mounts : [];
}

function isListOrAbsent(value: unknown): boolean {
  return value === undefined || value === null || Array.isArray(value);
}

/** The segments of a JSON pointer (`/spec/template/spec` -> spec, template, spec); indices become numbers. */
function segmentsOf(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((raw) => {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s;
  });
}

function describe(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

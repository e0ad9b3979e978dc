import { ApiResource } from './api-resource';
import { KUBERNETES_VERBS, WILDCARD } from './policy-rule';
import { nameLimit, VERBS_CREATING_BY_NAME } from './resource-names';
import type { PermissionEntry } from './rule-merger';

/** A permission with verbs of your choice. */
export interface CustomPermissionOptions {
  /**
   * The resources (with their API groups) the verbs apply to.
   */
  readonly resources: ApiResource[];

  /**
   * Kubernetes verbs: get, list, watch, create, update, patch, delete, deletecollection, or the
   * special verbs bind, escalate, impersonate, approve, sign, attest, use.
   */
  readonly verbs: string[];

  /**
   * Limit the permission to these object names. A create (by POST) or deletecollection request
   * names no object, so those verbs are refused together with resourceNames (a create by name
   * is accepted with patch or update: a server-side apply or PUT creates the named object);
   * list and watch by name answer only requests with a `metadata.name` field selector.
   *
   * @default - every object of the resources
   */
  readonly resourceNames?: string[];

  /**
   * The written reason for a `*` in verbs, resources or API groups. Without it, a wildcard is
   * refused. With it, the wildcard is emitted and the reason is attached to the Role as a
   * suppression of the compliance rule `rbac/wildcard`, so reviewers see it in every report.
   *
   * @default - wildcards are refused
   */
  readonly wildcardJustification?: string;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];

/**
 * What a ServiceAccount may do, as a value: a set of verbs on a set of API resources, optionally
 * limited to named objects. Build permissions with the intent-named factories (`read`, `manage`,
 * `updateStatus`, `events`, `leaderElection`); each one documents the exact verbs it grants.
 * A permission never grants `*` unless its call site gives a written reason.
 *
 * Problems with a permission (an unknown verb, a singular resource name, a wildcard without a
 * reason) are collected when it is built and reported, with the construct path, by the grant
 * that uses it.
 */
export class Permission {
  /**
   * Read: `get`, `list`, `watch` on each resource.
   */
  public static read(...resources: ApiResource[]): Permission {
    return Permission.of(`read(${Permission.names(resources)})`, resources, READ);
  }

  /**
   * Manage (what a controller needs to reconcile objects it owns): `get`, `list`, `watch`,
   * `create`, `update`, `patch`, `delete` on each resource. Not `deletecollection`.
   */
  public static manage(...resources: ApiResource[]): Permission {
    return Permission.of(`manage(${Permission.names(resources)})`, resources, [...READ, ...WRITE]);
  }

  /**
   * Reconcile: the same verbs as `manage` (`get`, `list`, `watch`, `create`, `update`, `patch`,
   * `delete`), named for controllers.
   */
  public static reconcile(...resources: ApiResource[]): Permission {
    return Permission.of(`reconcile(${Permission.names(resources)})`, resources, [...READ, ...WRITE]);
  }

  /**
   * Status updates: `get`, `update`, `patch` on the `status` subresource of each resource
   * (`widgets/status`), and nothing on the resource itself.
   */
  public static updateStatus(...resources: ApiResource[]): Permission {
    const statuses = resources.map((resource) => resource.subresource('status'));
    return Permission.of(`updateStatus(${Permission.names(resources)})`, statuses, ['get', 'update', 'patch']);
  }

  /**
   * Recording events: `create`, `patch` on core `events`.
   */
  public static events(): Permission {
    return Permission.of('events()', [ApiResource.EVENTS], ['create', 'patch']);
  }

  /**
   * Leader election (controller-runtime 0.12+, client-go leaderelection with Lease locks):
   * `get`, `create`, `update` on `coordination.k8s.io` `leases`, and `create`, `patch` on core
   * `events`. Nothing more (scaffolds also grant list/watch/delete and ConfigMaps: not needed).
   */
  public static leaderElection(): Permission {
    return new Permission('leaderElection()', [
      Permission.entry(ApiResource.LEASES, ['get', 'create', 'update']),
      Permission.entry(ApiResource.EVENTS, ['create', 'patch']),
    ], []);
  }

  /**
   * `get` on the named objects only (e.g. one ConfigMap). Not `list` and `watch`: by name they
   * answer only requests with a `metadata.name` field selector, which informers and `kubectl get`
   * do not send unless told to (grant them with `Permission.custom` for a client that does).
   */
  public static getNamed(resource: ApiResource, ...names: string[]): Permission {
    return Permission.of(`getNamed(${resource.resource}: ${names.join(', ')})`, [resource], ['get'], names);
  }

  /**
   * Any verbs on any resources, optionally limited to named objects. `*` in verbs, resources or
   * API groups is refused unless `wildcardJustification` gives the reason.
   */
  public static custom(options: CustomPermissionOptions): Permission {
    const label = `custom(${Permission.names(options.resources)}: ${options.verbs.join(', ')})`;
    return Permission.of(label, options.resources, options.verbs, options.resourceNames, options.wildcardJustification);
  }

  private static of(label: string, resources: ApiResource[], verbs: string[], names?: string[], wildcardReason?: string): Permission {
    const problems: string[] = [];
    if (resources.length === 0) problems.push('resources is empty: name at least one resource');
    if (verbs.length === 0) problems.push(`verbs is empty: name at least one of ${KUBERNETES_VERBS.join(', ')}`);
    for (const verb of verbs) {
      if (verb !== WILDCARD && !KUBERNETES_VERBS.includes(verb)) {
        problems.push(`verbs '${verb}' is not a Kubernetes verb: use ${KUBERNETES_VERBS.join(', ')}`);
      }
    }
    const wildcards = resources.flatMap((resource) => resource._wildcards());
    if (verbs.includes(WILDCARD)) wildcards.push("verbs '*'");
    if (names !== undefined) {
      if (names.length === 0 || names.some((name) => name === '' || name === WILDCARD)) {
        problems.push(`resourceNames [${names.map((n) => `'${n}'`).join(', ')}] must list object names, none empty or '*': omit resourceNames to grant every object`);
      }
      // Exactly as the authorizer applies names (`nameLimit`): the verbs whose requests can never carry one of them.
      const writable = verbs.some((verb) => verb === WILDCARD || VERBS_CREATING_BY_NAME.includes(verb)) ? 'all' : [];
      const unmatchable = verbs.filter((verb) => resources.some((resource) => nameLimit(verb, resource.resource, names, writable).kind === 'never'));
      if (names.length > 0 && unmatchable.length > 0) {
        problems.push(`resourceNames never match verbs ${unmatchable.map((v) => `'${v}'`).join(', ')}: a create (by POST) or deletecollection request names no object, so Kubernetes grants nothing (a create by name works only by server-side apply or PUT, with patch or update on the same names); grant those verbs in a separate permission without resourceNames`);
      }
    }
    if (wildcards.length > 0 && (wildcardReason === undefined || wildcardReason.trim() === '')) {
      problems.push(`${wildcards.join(', ')} is a wildcard: name the exact resources and verbs, or give a written reason in wildcardJustification`);
    }
    for (const resource of resources) problems.push(...resource._problems());
    const entries = resources.map((resource) => Permission.entry(resource, verbs, names));
    const reason = wildcards.length > 0 && wildcardReason ? wildcardReason.trim() : undefined;
    return new Permission(label, entries, problems, reason);
  }

  private static entry(resource: ApiResource, verbs: readonly string[], names?: readonly string[]): PermissionEntry {
    const base = { apiGroup: resource.apiGroup, resource: resource.resource, clusterScoped: resource.clusterScoped, verbs: [...verbs] };
    return names !== undefined && names.length > 0 ? { ...base, resourceNames: [...names] } : base;
  }

  private static names(resources: ApiResource[]): string {
    return resources.map((resource) => resource.resource).join(', ');
  }

  private constructor(
    /** A short description of what was asked for, e.g. `read(configmaps, pods)`. */
    public readonly description: string,
    private readonly entries: readonly PermissionEntry[],
    private readonly problems: readonly string[],
    /** The written reason for a wildcard, when one was given. */
    public readonly wildcardJustification?: string,
    private readonly riskReason?: string,
  ) {}

  /**
   * The same permission, with a written reason for the catalogued risks it carries (for example
   * `read(secrets)` is `rbac/secrets-access`). The grant attaches the reason to the emitted
   * Role as a suppression of each of those rules, so reviewers see why in every report.
   */
  public withJustification(reason: string): Permission {
    const problems = reason.trim() === ''
      ? [...this.problems, 'justification is empty: write why the risk is accepted']
      : this.problems;
    return new Permission(this.description, this.entries, problems, this.wildcardJustification, reason.trim());
  }

  /** The written reason for the catalogued risks, when one was given with `withJustification`. */
  public get justification(): string | undefined {
    return this.riskReason;
  }

  /** What is wrong with this permission (empty when valid). @internal */
  public _problems(): readonly string[] {
    return this.problems;
  }

  /** The (apiGroup, resource) entries with their verbs. @internal */
  public _entries(): readonly PermissionEntry[] {
    return this.entries;
  }
}

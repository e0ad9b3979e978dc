import type { AccessPermission, AccessReportModel, ServiceAccountReport, TokenCarrier } from './access-report';
import { RiskCatalogue } from '../compliance/risk-catalogue';
import type { BecomeEdge } from '../rbac/can-become';
import type { BindingRef, RoleRefInfo } from '../rbac/effective-access';
import { compareVerbs } from '../rbac/policy-rule';

/**
 * Verbs on one resource (or non-resource URL) in one namespace that a change gives or takes: an
 * effective permission, whichever binding grants it (moving a grant to another binding is no
 * change of power).
 */
export interface PermissionChange {
  /** `*` = every namespace and cluster-scoped resources. */
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly nonResourceURL?: string;
  /** Only these objects (a permission limited otherwise, or not at all, is another permission). */
  readonly resourceNames?: string[];
  /** In the conventional order (get, list, watch, create, ...). */
  readonly verbs: string[];
  /** The risk ids among them (the rules that report them), sorted; empty when none. */
  readonly risks: string[];
  /** The verbs that carry a risk on their own (`update`, `patch` of `get, list, watch, update, patch` on Deployments). */
  readonly dangerousVerbs: string[];
  /** The bindings and roles that grant them (on the side that has them). */
  readonly grantedBy: ReadonlyArray<{ readonly binding: BindingRef; readonly role: RoleRefInfo }>;
}

/** Things a change adds and removes. */
export interface Changes<T> {
  readonly added: T[];
  readonly removed: T[];
}

/** What a change does to one ServiceAccount. */
export interface ServiceAccountDiff {
  readonly namespace: string;
  readonly name: string;
  /** `added`: only in the new input; `removed`: only in the base; `changed`: in both. */
  readonly change: 'added' | 'removed' | 'changed';
  readonly permissions: Changes<PermissionChange>;
  /** Workloads whose pods carry its token (by kind, name, mount and containers; the source location does not count). */
  readonly tokens: Changes<TokenCarrier>;
  /** Long-lived token Secrets of the account. */
  readonly tokenSecrets: Changes<string>;
  /** Whom it can become, and how (an edge is its `how` and `to`). */
  readonly canBecome: Changes<BecomeEdge>;
  /** Set when the change gives (`gained`, with the new path) or takes (`lost`) cluster-admin-equivalent power. */
  readonly clusterAdmin?: { readonly change: 'gained' | 'lost'; readonly path: BecomeEdge[] };
}

/** What a change to the manifests does to access: the ServiceAccounts it changes, sorted, and totals. */
export interface AccessDiffModel {
  readonly serviceAccounts: ServiceAccountDiff[];
  readonly summary: {
    readonly serviceAccountsChanged: number;
    readonly permissionsAdded: number;
    readonly dangerousPermissionsAdded: number;
    readonly permissionsRemoved: number;
    readonly tokensAdded: number;
    readonly tokensRemoved: number;
    readonly canBecomeAdded: number;
    readonly canBecomeRemoved: number;
    readonly clusterAdminGained: number;
    readonly clusterAdminLost: number;
  };
}

const NO_ACCOUNT: Pick<ServiceAccountReport, 'permissions' | 'tokens' | 'tokenSecrets' | 'canBecome'> = { permissions: [], tokens: [], tokenSecrets: [], canBecome: [] };

/**
 * The access report of a change: what the new input adds to and removes from the base input's
 * access (`AccessReport.build` of each), per ServiceAccount: permissions, tokens and "can become"
 * edges, the question a reviewer asks of a pull request. Cost is linear in both reports.
 */
export class AccessDiff {
  public static compare(base: AccessReportModel, next: AccessReportModel): AccessDiffModel {
    const before = new Map(base.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa]));
    const after = new Map(next.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa]));
    const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
    const serviceAccounts: ServiceAccountDiff[] = [];
    for (const key of keys) {
      const diff = AccessDiff.account(before.get(key), after.get(key));
      if (diff) serviceAccounts.push(diff);
    }
    const count = (f: (d: ServiceAccountDiff) => number) => serviceAccounts.reduce((n, d) => n + f(d), 0);
    return {
      serviceAccounts,
      summary: {
        serviceAccountsChanged: serviceAccounts.length,
        permissionsAdded: count((d) => verbCount(d.permissions.added)),
        dangerousPermissionsAdded: count((d) => d.permissions.added.reduce((n, p) => n + p.dangerousVerbs.length, 0)),
        permissionsRemoved: count((d) => verbCount(d.permissions.removed)),
        tokensAdded: count((d) => d.tokens.added.length),
        tokensRemoved: count((d) => d.tokens.removed.length),
        canBecomeAdded: count((d) => d.canBecome.added.length),
        canBecomeRemoved: count((d) => d.canBecome.removed.length),
        clusterAdminGained: count((d) => (d.clusterAdmin?.change === 'gained' ? 1 : 0)),
        clusterAdminLost: count((d) => (d.clusterAdmin?.change === 'lost' ? 1 : 0)),
      },
    };
  }

  /** What changed for one account, or undefined when nothing did. */
  private static account(before: ServiceAccountReport | undefined, after: ServiceAccountReport | undefined): ServiceAccountDiff | undefined {
    const { namespace, name } = (after ?? before)!;
    const old = before ?? NO_ACCOUNT;
    const now = after ?? NO_ACCOUNT;
    const permissions = permissionChanges(old.permissions, now.permissions);
    const tokens = changes(old.tokens, now.tokens, tokenKey);
    const tokenSecrets = changes(old.tokenSecrets, now.tokenSecrets, (s) => s);
    const canBecome = changes(old.canBecome, now.canBecome, (e) => `${e.how}\u0000${e.to}`, (e, keys) => keys.has(`${e.how}\u0000${widest(e.to)}`));
    const was = before?.clusterAdminPath;
    const is = after?.clusterAdminPath;
    const clusterAdmin = is && !was ? { change: 'gained' as const, path: is } : was && !is ? { change: 'lost' as const, path: was } : undefined;
    const changed = clusterAdmin !== undefined
      || [permissions, tokens, tokenSecrets, canBecome].some((c) => c.added.length > 0 || c.removed.length > 0);
    if (!changed && before && after) return undefined;
    return {
      namespace,
      name,
      change: !before ? 'added' : !after ? 'removed' : 'changed',
      permissions,
      tokens,
      tokenSecrets,
      canBecome,
      ...(clusterAdmin ? { clusterAdmin } : {}),
    };
  }

  private constructor() {}
}

/**
 * The items of `next` whose key `old` lacks, and the other way round, each in its own order;
 * `covered` says when the other side holds the item under a wider key (so it is no change).
 */
function changes<T>(old: readonly T[], next: readonly T[], key: (item: T) => string,
  covered: (item: T, keys: ReadonlySet<string>) => boolean = () => false): Changes<T> {
  const oldKeys = new Set(old.map(key));
  const nextKeys = new Set(next.map(key));
  return {
    added: next.filter((item) => !oldKeys.has(key(item)) && !covered(item, oldKeys)),
    removed: old.filter((item) => !nextKeys.has(key(item)) && !covered(item, nextKeys)),
  };
}

/** The node of "can become" that holds a namespace's node: any account of every namespace, the pods of every namespace. */
function widest(to: string): string {
  return to.startsWith('ns:') ? 'all' : to.startsWith('run:') ? 'run:*' : to;
}

/** A token carrier without its source location (moving a manifest to another file changes no token). */
function tokenKey(t: TokenCarrier): string {
  return JSON.stringify([t.kind, t.namespace, t.name, t.mount, t.containers, t.volume ?? '', t.secret ?? '', t.audience ?? '', t.expirationSeconds ?? '']);
}

/** One effective permission: a verb on one resource (or URL) in one namespace, limited to names or not. */
interface Effective {
  readonly place: string;
  /** The same place cluster-wide (which holds it in every namespace). */
  readonly clusterWidePlace: string;
  readonly verb: string;
  readonly permission: AccessPermission;
}

/**
 * The permissions `next` grants and `old` does not, and the other way round, verbs of one place
 * together. A permission in one namespace that the other side holds cluster-wide is no change.
 */
function permissionChanges(old: readonly AccessPermission[], next: readonly AccessPermission[]): Changes<PermissionChange> {
  const oldSet = effective(old);
  const nextSet = effective(next);
  const held = (e: Effective, set: ReadonlyMap<string, Effective>) => set.has(keyOf(e)) || set.has(`${e.clusterWidePlace}\u0000${e.verb}`);
  return {
    added: grouped([...nextSet.values()].filter((e) => !held(e, oldSet))),
    removed: grouped([...oldSet.values()].filter((e) => !held(e, nextSet))),
  };
}

function keyOf(e: Effective): string {
  return `${e.place}\u0000${e.verb}`;
}

/** The place of a permission: namespace, group, resource, URL, names. */
function placeOf(namespace: string, p: AccessPermission): string {
  return JSON.stringify([namespace, p.apiGroup, p.resource, p.nonResourceURL ?? '', [...(p.resourceNames ?? [])].sort()]);
}

/** Each (place, verb) once, with the first permission that grants it (the others are collected by `grouped`). */
function effective(permissions: readonly AccessPermission[]): Map<string, Effective> {
  const map = new Map<string, Effective>();
  for (const permission of permissions) {
    const place = placeOf(permission.namespace, permission);
    const clusterWidePlace = placeOf('*', permission);
    for (const verb of permission.verbs) {
      const e = { place, clusterWidePlace, verb, permission };
      if (!map.has(keyOf(e))) map.set(keyOf(e), e);
    }
  }
  return map;
}

/** The changed (place, verb)s as one change per place, with their risks and the bindings that grant them. */
function grouped(list: readonly Effective[]): PermissionChange[] {
  const byPlace = new Map<string, Effective[]>();
  for (const e of list) {
    const group = byPlace.get(e.place);
    if (group) group.push(e);
    else byPlace.set(e.place, [e]);
  }
  return [...byPlace.values()].map((group) => {
    const p = group[0].permission;
    const verbs = [...new Set(group.map((e) => e.verb))].sort(compareVerbs);
    const risks = risksOf(p, verbs);
    const dangerousVerbs = risks.length === 0 ? [] : verbs.filter((verb) => risksOf(p, [verb]).length > 0);
    const sources = group.map(({ permission: { binding, role } }) => [JSON.stringify([binding, role]), { binding, role }] as const);
    const grantedBy = [...new Map(sources).values()];
    return {
      namespace: p.namespace,
      apiGroup: p.apiGroup,
      resource: p.resource,
      ...(p.nonResourceURL !== undefined ? { nonResourceURL: p.nonResourceURL } : {}),
      ...(p.resourceNames ? { resourceNames: [...p.resourceNames] } : {}),
      verbs,
      risks,
      dangerousVerbs,
      grantedBy,
    };
  });
}

/** The risks of exactly these verbs (not the other verbs of the permission they were granted with). */
function risksOf(p: AccessPermission, verbs: string[]): string[] {
  const rule = p.nonResourceURL !== undefined
    ? { verbs, nonResourceURLs: [p.nonResourceURL] }
    : { apiGroups: [p.apiGroup], resources: [p.resource], verbs, ...(p.resourceNames ? { resourceNames: p.resourceNames } : {}) };
  // Effective grants are what the authorizer grants: a create by name here is usable.
  return [...new Set(RiskCatalogue.assess(rule, () => 'all').map((match) => match.riskId))].sort();
}

function verbCount(changesOf: readonly PermissionChange[]): number {
  return changesOf.reduce((n, c) => n + c.verbs.length, 0);
}

import { CanBecomeOf } from '../compliance/can-become-of';
import { EffectiveAccessOf } from '../compliance/effective-access-of';
import { ManifestIndex, PodSpecRef } from '../compliance/manifest-index';
import { ContainerTokens, PodTokenModel } from '../compliance/pod-tokens';
import { RiskCatalogue } from '../compliance/risk-catalogue';
import type { PodTemplateSetting } from '../compliance/settings';
import { Namespaces } from '../k8s/namespace';
import { PodTemplates } from '../k8s/pod-templates';
import type { BecomeEdge } from '../rbac/can-become';
import { AccessGrant, ALL_NAMESPACES, BindingRef, MissingRole, RoleRefInfo } from '../rbac/effective-access';
import { compareVerbs } from '../rbac/policy-rule';
import type { ManifestInput } from '../reader/input';
import { compareCodeUnits } from '../string-order';

/** A namespace unset in a manifest is `default`, as for `kubectl apply` without `-n`. */
/** A long-lived token Secret, and the annotation that names its ServiceAccount. */
const LEGACY_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

interface TokenSecret {
  readonly name: string;
  /** `namespace/name` of the ServiceAccount the token belongs to. */
  readonly serviceAccountKey: string;
}

/** A dangerous permission, from the risk catalogue (the same one the `rbac/*` rules use). */
export interface AccessRisk {
  /** The compliance rule / risk id, e.g. `rbac/secrets-access`. */
  readonly riskId: string;
  readonly title: string;
  readonly message: string;
  /** The verbs of the permission that carry this risk (in the permission's order). */
  readonly verbs: string[];
}

/**
 * Verbs on one resource in one namespace, granted through one binding and role. Grants that
 * differ only in the verb are merged into one permission.
 */
export interface AccessPermission {
  /** The namespace it holds in; `*` = every namespace and cluster-scoped resources (a ClusterRoleBinding). */
  readonly namespace: string;
  readonly apiGroup: string;
  /** The resource (`pods`, `pods/log`, `*`); empty for a non-resource URL. */
  readonly resource: string;
  /** Set (and `resource` empty) for a non-resource URL such as `/metrics`. */
  readonly nonResourceURL?: string;
  /** In the conventional order (get, list, watch, create, ...). */
  readonly verbs: string[];
  /** Only these objects, when the role lists resourceNames. */
  readonly resourceNames?: string[];
  readonly binding: BindingRef;
  readonly role: RoleRefInfo;
  /** The binding subject that matched (the ServiceAccount itself or one of its groups). */
  readonly subject: { readonly kind: string; readonly name: string; readonly namespace?: string };
  /** Dangerous permissions among these verbs (empty when none). */
  readonly risks: AccessRisk[];
}

/** A workload whose pods carry the ServiceAccount's token, and in which containers. */
export interface TokenCarrier {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  readonly constructPath?: string;
  /**
   * `automount`: the default volume, in every container; `projected`: a projected
   * serviceAccountToken volume; `secret`: a legacy token Secret (a standing credential) in a
   * volume, `env` or `envFrom`.
   */
  readonly mount: 'automount' | 'projected' | 'secret';
  /** The containers (init, regular, ephemeral) that see the token. */
  readonly containers: string[];
  /**
   * Other containers that can read it through a shared process namespace
   * (`shareProcessNamespace`, or an ephemeral container's `targetContainerName`).
   */
  readonly readThroughProcessNamespace?: string[];
  /** The projected volume's name (`projected`, and `secret` when mounted as a volume). */
  readonly volume?: string;
  /** The token Secret's name (`secret`). */
  readonly secret?: string;
  /** The projected token's audience; absent = the API server (an API credential). */
  readonly audience?: string;
  /** The projected token's lifetime (Kubernetes default 3600). */
  readonly expirationSeconds?: number;
}

/** Everything the report says about one ServiceAccount. */
export interface ServiceAccountReport {
  readonly namespace: string;
  readonly name: string;
  /** True when the ServiceAccount object is in the input. */
  readonly declared: boolean;
  /** The ServiceAccount's own `automountServiceAccountToken` (absent when unset or not declared). */
  readonly automountServiceAccountToken?: boolean;
  readonly permissions: AccessPermission[];
  readonly tokens: TokenCarrier[];
  /**
   * Secrets of type `kubernetes.io/service-account-token` for this ServiceAccount: standing
   * credentials that never expire (flagged by `token/legacy-token-secret`).
   */
  readonly tokenSecrets: string[];
  /**
   * Whom it can become (or cluster-admin-equivalent power, directly), and how: the edges of
   * "who can become whom" (`CanBecome`) that start at this ServiceAccount.
   */
  readonly canBecome: BecomeEdge[];
  /** The shortest path to cluster-admin-equivalent power, when there is one (`rbac/cluster-admin-equivalent`). */
  readonly clusterAdminPath?: BecomeEdge[];
}

/** What every ServiceAccount can do, and where its token is. */
export interface AccessReportModel {
  readonly serviceAccounts: ServiceAccountReport[];
  /** Bindings whose role is neither in the input nor built in (they grant nothing yet). */
  readonly missingRoles: MissingRole[];
}

/**
 * Builds the access report: for every ServiceAccount in the input (declared, named by a binding
 * or run as by a pod), its effective permissions (with the binding and role each comes from and
 * the dangerous ones flagged), and the pods that carry its token and in which containers.
 */
export class AccessReport {
  /**
   * @param podTemplates kinds added to the table of where pods are (validated by the settings model)
   */
  public static build(inputs: readonly ManifestInput[], defaultNamespace: string = Namespaces.DEFAULT,
    podTemplates: readonly PodTemplateSetting[] = []): AccessReportModel {
    const templates = podTemplates.length === 0 ? undefined : new PodTemplates(podTemplates.map((entry) => ({ ...entry, source: 'settings: podTemplates' })));
    const index = new ManifestIndex(inputs, defaultNamespace, templates);
    const access = EffectiveAccessOf.of(index);
    const graph = CanBecomeOf.of(index);
    const becoming = (namespace: string, name: string) => {
      const path = graph.pathToClusterAdmin(namespace, name);
      return { canBecome: graph.edgesOf(namespace, name), ...(path ? { clusterAdminPath: path } : {}) };
    };
    const tokenSecrets = AccessReport.tokenSecrets(index);
    const tokens = AccessReport.tokenCarriers(index, tokenSecrets);
    const reports = new Map<string, ServiceAccountReport>();
    for (const sa of access.serviceAccounts()) {
      const key = `${sa.namespace}/${sa.name}`;
      const manifest = index.get('ServiceAccount', sa.namespace, sa.name)?.manifest;
      const automount = manifest?.automountServiceAccountToken;
      reports.set(key, {
        namespace: sa.namespace,
        name: sa.name,
        declared: sa.declared,
        ...(typeof automount === 'boolean' ? { automountServiceAccountToken: automount } : {}),
        permissions: AccessReport.permissions(sa.grants),
        tokens: tokens.get(key) ?? [],
        tokenSecrets: secretNames(tokenSecrets, key),
        ...becoming(sa.namespace, sa.name),
      });
    }
    // ServiceAccounts that only pods or token Secrets name (often `default`): no permissions, but a token.
    for (const key of [...tokens.keys(), ...[...tokenSecrets.values()].map((s) => s.serviceAccountKey)]) {
      if (reports.has(key)) continue;
      const [namespace, name] = splitKey(key);
      reports.set(key, {
        namespace,
        name,
        declared: false,
        permissions: [],
        tokens: tokens.get(key) ?? [],
        tokenSecrets: secretNames(tokenSecrets, key),
        ...becoming(namespace, name),
      });
    }
    const serviceAccounts = [...reports.entries()].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, r]) => r);
    return { serviceAccounts, missingRoles: access.missingRoles() };
  }

  /** Merges grants that differ only in the verb, and flags the dangerous ones. */
  private static permissions(grants: readonly AccessGrant[]): AccessPermission[] {
    const merged = new Map<string, { grant: AccessGrant; verbs: Set<string> }>();
    for (const grant of grants) {
      const key = JSON.stringify([grant.namespace, grant.apiGroup, grant.resource, grant.nonResourceURL ?? '', grant.resourceNames ?? [],
        grant.binding.kind, grant.binding.namespace ?? '', grant.binding.name, grant.role.kind, grant.role.name,
        grant.subject.kind, grant.subject.namespace ?? '', grant.subject.name]);
      const entry = merged.get(key);
      if (entry) entry.verbs.add(grant.verb);
      else merged.set(key, { grant, verbs: new Set([grant.verb]) });
    }
    const permissions = [...merged.values()].map(({ grant, verbs }) => {
      const sortedVerbs = [...verbs].sort(compareVerbs);
      const rule = grant.nonResourceURL !== undefined
        ? { verbs: sortedVerbs, nonResourceURLs: [grant.nonResourceURL] }
        : {
          apiGroups: [grant.apiGroup],
          resources: [grant.resource],
          verbs: sortedVerbs,
          ...(grant.resourceNames ? { resourceNames: grant.resourceNames } : {}),
        };
      const risks = new Map<string, AccessRisk>();
      // Effective grants are what the authorizer grants: a create by name here is usable (see nameLimit).
      for (const match of RiskCatalogue.assess(rule, () => 'all')) {
        const known = risks.get(match.riskId);
        if (known) {
          if (!known.verbs.includes(match.verb)) known.verbs.push(match.verb);
          continue;
        }
        const title = RiskCatalogue.risk(match.riskId)?.title ?? match.riskId;
        risks.set(match.riskId, { riskId: match.riskId, title, message: match.message, verbs: [match.verb] });
      }
      for (const risk of risks.values()) risk.verbs.sort(compareVerbs);
      const permission: AccessPermission = {
        namespace: grant.namespace,
        apiGroup: grant.apiGroup,
        resource: grant.resource,
        ...(grant.nonResourceURL !== undefined ? { nonResourceURL: grant.nonResourceURL } : {}),
        verbs: sortedVerbs,
        ...(grant.resourceNames ? { resourceNames: [...grant.resourceNames] } : {}),
        binding: grant.binding,
        role: grant.role,
        subject: grant.subject,
        risks: [...risks.values()],
      };
      return permission;
    });
    return permissions.sort((a, b) => compareCodeUnits(permissionKey(a), permissionKey(b)));
  }

  /** Legacy token Secrets by `namespace/secretName`, with the ServiceAccount each belongs to. */
  private static tokenSecrets(index: ManifestIndex): Map<string, TokenSecret> {
    const result = new Map<string, TokenSecret>();
    for (const secret of index.ofKind('Secret')) {
      const m = secret.manifest;
      const owner = m.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION];
      if (m.type !== LEGACY_TOKEN_TYPE || typeof owner !== 'string') continue;
      const namespace = secret.namespace ?? index.defaultNamespace;
      result.set(`${namespace}/${m.metadata.name}`, { name: m.metadata.name, serviceAccountKey: `${namespace}/${owner}` });
    }
    return result;
  }

  /**
   * Every pod that carries a token, keyed by `namespace/serviceAccount` of the token's owner: its
   * own ServiceAccount for automounted and projected tokens, the Secret's ServiceAccount for a
   * legacy token Secret.
   */
  private static tokenCarriers(index: ManifestIndex, tokenSecrets: ReadonlyMap<string, TokenSecret>): Map<string, TokenCarrier[]> {
    const result = new Map<string, TokenCarrier[]>();
    const add = (key: string, carrier: TokenCarrier) => {
      const list = result.get(key);
      if (list) list.push(carrier);
      else result.set(key, [carrier]);
    };
    for (const pod of index.podSpecs) {
      const namespace = pod.owner.namespace ?? index.defaultNamespace;
      const key = `${namespace}/${pod.serviceAccountName}`;
      for (const [secretKey, secret] of tokenSecrets) {
        if (!secretKey.startsWith(`${namespace}/`)) continue;
        const { volume, containers } = secretConsumers(pod, secret.name);
        if (containers.length === 0) continue;
        add(secret.serviceAccountKey, {
          ...AccessReport.workload(pod, namespace),
          mount: 'secret',
          containers,
          secret: secret.name,
          ...(volume !== undefined ? { volume } : {}),
        });
      }
      // Automounted and projected tokens, as the token model gives them to each container.
      const model = PodTokenModel.of(pod, index);
      const carriers: TokenCarrier[] = [];
      if (model.automounted) {
        carriers.push({
          ...AccessReport.workload(pod, namespace),
          mount: 'automount',
          ...holdersOf(model.containers, (c) => c.apiTokens.some((h) => h.via === 'automount'), true),
        });
      }
      for (const token of model.projected) {
        const ttl = token.source.expirationSeconds;
        carriers.push({
          ...AccessReport.workload(pod, namespace),
          mount: 'projected',
          ...holdersOf(model.containers, (c) => c.otherTokens.includes(token) || c.apiTokens.some((h) => h.via === 'projected' && h.token === token), token.apiServer),
          volume: token.volumeName,
          ...(!token.apiServer && token.audience !== undefined ? { audience: token.audience } : {}),
          ...(typeof ttl === 'number' ? { expirationSeconds: ttl } : {}),
        });
      }
      for (const carrier of carriers) add(key, carrier);
    }
    return result;
  }

  private static workload(pod: PodSpecRef, namespace: string) {
    const source = pod.owner.source;
    return {
      kind: pod.owner.manifest.kind,
      namespace,
      name: pod.owner.manifest.metadata.name,
      ...(source.file !== undefined ? { file: source.file } : {}),
      ...(source.line !== undefined ? { line: source.line } : {}),
      ...(source.constructPath !== undefined ? { constructPath: source.constructPath } : {}),
    };
  }

  private constructor() {}
}

/**
 * The containers that hold a token and, for an API-server token, the other containers that read
 * it from them through a shared process namespace.
 */
function holdersOf(containers: readonly ContainerTokens[], holds: (c: ContainerTokens) => boolean, apiServer: boolean)
  : { containers: string[]; readThroughProcessNamespace?: string[] } {
  const names = new Set(containers.filter(holds).map((c) => c.container.name));
  const readers = !apiServer ? [] : containers
    .filter((c) => !names.has(c.container.name) && c.apiTokens.some((h) => h.via === 'process-namespace' && names.has(h.from)))
    .map((c) => c.container.name);
  return { containers: [...names], ...(readers.length > 0 ? { readThroughProcessNamespace: readers } : {}) };
}

/** The containers that read a Secret (as a volume, through `env` or `envFrom`), and the volume's name. */
function secretConsumers(pod: PodSpecRef, secretName: string): { volume?: string; containers: string[] } {
  const volume = (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [])
    .find((v: any) => v?.secret?.secretName === secretName)?.name as string | undefined;
  const containers = pod.containers.filter(({ container: c }) =>
    (volume !== undefined && Array.isArray(c.volumeMounts) && c.volumeMounts.some((m: any) => m?.name === volume))
    || (Array.isArray(c.env) && c.env.some((e: any) => e?.valueFrom?.secretKeyRef?.name === secretName))
    || (Array.isArray(c.envFrom) && c.envFrom.some((e: any) => e?.secretRef?.name === secretName)));
  return { ...(volume !== undefined ? { volume } : {}), containers: containers.map((c) => c.name) };
}

function secretNames(tokenSecrets: ReadonlyMap<string, TokenSecret>, serviceAccountKey: string): string[] {
  return [...tokenSecrets.values()].filter((s) => s.serviceAccountKey === serviceAccountKey).map((s) => s.name).sort();
}

/** `*` (cluster-wide) sorts first, then namespaces, groups and resources alphabetically. */
function permissionKey(p: AccessPermission): string {
  return [p.namespace === ALL_NAMESPACES ? '' : p.namespace, p.apiGroup, p.resource, p.nonResourceURL ?? '',
    p.binding.kind, p.binding.name, p.role.kind, p.role.name].join('\u0000');
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}


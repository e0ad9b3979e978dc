import { Namespaces } from '../k8s/namespace';

/**
 * Which ServiceAccounts a binding subject stands for. The API server authenticates a
 * ServiceAccount token as user `system:serviceaccount:<ns>:<name>` in groups
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`
 * (staging/src/k8s.io/apiserver/pkg/authentication/serviceaccount/util.go), so each of these
 * subjects reaches ServiceAccounts: one, every one of a namespace, or every one of the cluster.
 */
export interface ServiceAccountReach {
  /** `one` ServiceAccount, every one of a `namespace`, `all` of the cluster, or `none` (another user or group). */
  readonly scope: 'one' | 'namespace' | 'all' | 'none';
  /** The namespace, for `one` and `namespace`. */
  readonly namespace?: string;
  /** The ServiceAccount's name, for `one`. */
  readonly name?: string;
  /**
   * True when the subject reaches a `default` ServiceAccount (the one every pod without a
   * ServiceAccount runs as): `default` itself, its user name, its namespace's group, or every
   * ServiceAccount.
   */
  readonly includesDefault: boolean;
  /** How the subject names them, for messages: `ServiceAccount apps/web`, `Group system:serviceaccounts:apps`. */
  readonly via: string;
}

const SA_USER_PREFIX = 'system:serviceaccount:';
const SA_GROUP_PREFIX = 'system:serviceaccounts:';
/** Groups every ServiceAccount belongs to (system:authenticated holds every other authenticated user too). */
const ALL_SA_GROUPS = ['system:serviceaccounts', 'system:authenticated'];
/** A RoleBinding without a namespace lands in the client's namespace; assume `default`. */
const NONE: ServiceAccountReach = { scope: 'none', includesDefault: false, via: '' };

/** Classifies binding subjects by the ServiceAccounts they reach. */
export class SubjectIdentity {
  /**
   * The ServiceAccounts a subject of a binding reaches. `bindingNamespace` is the RoleBinding's
   * namespace (undefined for a ClusterRoleBinding): a ServiceAccount subject without a
   * namespace is in it, as the RBAC authorizer reads it.
   */
  public static reach(subject: unknown, bindingNamespace?: string): ServiceAccountReach {
    if (subject === null || typeof subject !== 'object') return NONE;
    const { kind, name, namespace } = subject as { kind?: unknown; name?: unknown; namespace?: unknown };
    if (typeof name !== 'string') return NONE;
    if (kind === 'ServiceAccount') {
      const ns = (typeof namespace === 'string' && namespace) || bindingNamespace || Namespaces.DEFAULT;
      return { scope: 'one', namespace: ns, name, includesDefault: name === 'default', via: `ServiceAccount ${ns}/${name}` };
    }
    if (kind === 'User' && name.startsWith(SA_USER_PREFIX)) {
      // Exactly `system:serviceaccount:<ns>:<name>` (serviceaccount.SplitUsername): a third part is some other user.
      const [ns, account, ...rest] = name.slice(SA_USER_PREFIX.length).split(':');
      if (!ns || !account || rest.length > 0) return NONE;
      return { scope: 'one', namespace: ns, name: account, includesDefault: account === 'default', via: `User ${name}` };
    }
    if (kind === 'Group' && ALL_SA_GROUPS.includes(name)) return { scope: 'all', includesDefault: true, via: `Group ${name}` };
    if (kind === 'Group' && name.startsWith(SA_GROUP_PREFIX)) {
      const ns = name.slice(SA_GROUP_PREFIX.length);
      return ns ? { scope: 'namespace', namespace: ns, includesDefault: true, via: `Group ${name}` } : NONE;
    }
    return NONE;
  }

  private constructor() {}
}

import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PropertyError } from '../errors';
import { RbacSubject, RbacSubjectKind } from '../rbac/rbac-subject';

/** Properties of a `TokenAuditPolicy`. */
export interface TokenAuditPolicyProps {
  /**
   * Log only the requests of ServiceAccounts in these namespaces (their group
   * `system:serviceaccounts:<namespace>`), and only the TokenRequests and Secret creations in
   * them. With `serviceAccounts` too, the accounts of both are logged.
   *
   * @default - every namespace
   */
  readonly namespaces?: string[];

  /**
   * Log only the requests of these ServiceAccounts (their user `system:serviceaccount:<ns>:<name>`),
   * and only the TokenRequests for them and the Secret creations in their namespaces. Build them
   * with `RbacSubject.serviceAccount(namespace, name)` or `RbacSubject.fromServiceAccount(sa)`.
   *
   * @default - every ServiceAccount
   */
  readonly serviceAccounts?: RbacSubject[];
}

/** One rule of an `audit.k8s.io/v1` Policy, as written. */
interface AuditPolicyRule {
  readonly level: 'None' | 'Metadata' | 'Request' | 'RequestResponse';
  readonly users?: string[];
  readonly userGroups?: string[];
  readonly verbs?: string[];
  readonly resources?: Array<{ group: string; resources: string[]; resourceNames?: string[] }>;
  readonly namespaces?: string[];
  readonly nonResourceURLs?: string[];
}

const TYPE_NAME = 'TokenAuditPolicy';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * Health checks and discovery: every client polls them, and they say nothing about what an
 * account may do. `*` is allowed only as the last character (audit policy validation).
 */
const NOISE_URLS = ['/healthz*', '/livez*', '/readyz*', '/version', '/version/', '/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*'];

/** Changes to who may do what: logged with their bodies (these objects hold no secrets). */
const ACCESS_CHANGES: AuditPolicyRule['resources'] = [
  { group: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] },
  {
    group: 'admissionregistration.k8s.io',
    resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', 'validatingadmissionpolicies',
      'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'],
  },
];

/**
 * An API server audit policy (`audit.k8s.io/v1` `Policy`, for `--audit-policy-file`) that
 * records what ServiceAccount tokens are used for, for `cdk8s-guardrails audit`. It is a Chart,
 * so synth writes it to its own file (`<id>.k8s.yaml`): it configures the API server and is not
 * applied to the cluster (keep it out of what `kubectl apply` reads, e.g. in an App of its own).
 *
 * Its rules, first match wins:
 *
 * 1. `None` for health checks and discovery (`/healthz*`, `/livez*`, `/readyz*`, `/version`,
 *    `/api*`, `/apis*`, `/openapi*`).
 * 2. `Metadata` for every TokenRequest (`create` on `serviceaccounts/token`) and every Secret
 *    creation (a Secret of type `kubernetes.io/service-account-token` mints a token; a policy
 *    cannot select by type), whoever makes them: who minted a token for which account. Never
 *    `Request` or `RequestResponse`: the TokenRequest response carries the token and a Secret
 *    its data, and an audit log must not become a secret store.
 * 3. `RequestResponse` for changes to RBAC (Roles, ClusterRoles and their bindings) and to
 *    admission configuration (webhook configurations, admission policies and bindings), by
 *    anyone, in every namespace: what changed, and who changed it.
 * 4. `Metadata` for every request made with a ServiceAccount token (`system:serviceaccounts`,
 *    or the chosen namespaces and accounts): user, token id, pod, node, source IP, verb,
 *    resource, name, response code and the authorizer's decision; never a body, so Secrets and
 *    ConfigMaps read by a workload stay out of the log.
 *
 * Everything else is not logged. `RequestReceived` is omitted (the outcome is only known at the
 * later stages) and so are managed fields.
 */
export class TokenAuditPolicy extends Chart {
  /** The Policy object (written by synth). */
  public readonly policy: ApiObject;

  constructor(scope: Construct, id: string, props: TokenAuditPolicyProps = {}) {
    super(scope, id);
    const namespaces = this.validateNamespaces(props.namespaces);
    const accounts = this.validateServiceAccounts(props.serviceAccounts);
    const narrowed = namespaces !== undefined || accounts !== undefined;
    const accountNamespaces = [...new Set([...(namespaces ?? []), ...(accounts ?? []).map((a) => a.namespace)])].sort();

    const rules: AuditPolicyRule[] = [{ level: 'None', nonResourceURLs: NOISE_URLS }];
    // 2. TokenRequests and Secret creations (Metadata: never a body).
    const tokenRequests = { group: '', resources: ['serviceaccounts/token'] };
    const secrets = { group: '', resources: ['secrets'] };
    if (!narrowed) {
      rules.push({ level: 'Metadata', verbs: ['create'], resources: [tokenRequests, secrets] });
    } else {
      if (namespaces) rules.push({ level: 'Metadata', verbs: ['create'], resources: [tokenRequests], namespaces });
      for (const namespace of [...new Set((accounts ?? []).map((a) => a.namespace))].sort()) {
        const names = (accounts ?? []).filter((a) => a.namespace === namespace).map((a) => a.name).sort();
        rules.push({ level: 'Metadata', verbs: ['create'], resources: [{ ...tokenRequests, resourceNames: names }], namespaces: [namespace] });
      }
      rules.push({ level: 'Metadata', verbs: ['create'], resources: [secrets], namespaces: accountNamespaces });
    }
    // 3. Access changes, with their bodies.
    rules.push({ level: 'RequestResponse', verbs: WRITE_VERBS, resources: ACCESS_CHANGES });
    // 4. Every request made with a ServiceAccount token.
    if (!narrowed) {
      rules.push({ level: 'Metadata', userGroups: ['system:serviceaccounts'] });
    } else {
      // users and userGroups in one rule must both match: one rule each.
      if (namespaces) rules.push({ level: 'Metadata', userGroups: namespaces.map((ns) => `system:serviceaccounts:${ns}`) });
      if (accounts) rules.push({ level: 'Metadata', users: accounts.map((a) => `system:serviceaccount:${a.namespace}:${a.name}`).sort() });
    }

    // Policy fields sit at the top level of the object, beside apiVersion and kind.
    this.policy = new ApiObject(this, 'Resource', {
      apiVersion: 'audit.k8s.io/v1',
      kind: 'Policy',
      metadata: { name: 'token-audit-policy' },
      omitStages: ['RequestReceived'],
      omitManagedFields: true,
      rules,
    });
  }

  private validateNamespaces(namespaces: string[] | undefined): string[] | undefined {
    if (namespaces === undefined) return undefined;
    if (namespaces.length === 0) {
      throw new PropertyError(TYPE_NAME, this, 'namespaces', 'is empty: list at least one namespace, or leave it out to log every ServiceAccount');
    }
    for (const namespace of namespaces) {
      if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
        throw new PropertyError(TYPE_NAME, this, 'namespaces', `'${namespace}' is not a namespace name: use lowercase letters, digits and '-', at most 63 characters`);
      }
    }
    return [...new Set(namespaces)].sort();
  }

  private validateServiceAccounts(subjects: RbacSubject[] | undefined): Array<{ namespace: string; name: string }> | undefined {
    if (subjects === undefined) return undefined;
    if (subjects.length === 0) {
      throw new PropertyError(TYPE_NAME, this, 'serviceAccounts', 'is empty: list at least one ServiceAccount, or leave it out to log every ServiceAccount');
    }
    return subjects.map((subject, i) => {
      const where = `serviceAccounts[${i}]`;
      if (subject.kind !== RbacSubjectKind.SERVICE_ACCOUNT) {
        throw new PropertyError(TYPE_NAME, this, where, `${subject.toString()} is not a ServiceAccount: use RbacSubject.serviceAccount(namespace, name)`);
      }
      if (subject.namespace === undefined || !DNS_LABEL.test(subject.namespace)) {
        throw new PropertyError(TYPE_NAME, this, where, `namespace '${subject.namespace ?? ''}' is not a namespace name: use lowercase letters, digits and '-'`);
      }
      if (!DNS_SUBDOMAIN.test(subject.name) || subject.name.length > 253) {
        throw new PropertyError(TYPE_NAME, this, where, `name '${subject.name}' is not a ServiceAccount name: use lowercase letters, digits, '-' and '.'`);
      }
      return { namespace: subject.namespace, name: subject.name };
    });
  }
}

/**
 * Which token audiences the API server accepts. A projected token whose `audience` is unset or
 * empty is requested with the API server's own audiences (TokenRequest defaults empty audiences to
 * `--api-audiences`), and `--api-audiences` defaults to the `--service-account-issuer` URL. So
 * an explicit audience that names the API server (its in-cluster service name, or the default
 * issuer of a managed cluster) is an API-server token too: it authenticates to the API exactly
 * like an unset one. Sources: kubernetes/kubernetes pkg/registry/core/serviceaccount/storage/token.go
 * (`isKubeAudiences`: the token's audiences are all API audiences), the kube-apiserver reference
 * (`--api-audiences`: "If the --service-account-issuer flag is configured and this flag is not,
 * this field defaults to a single element list containing the issuer URL").
 *
 * A cluster may configure other API audiences; those cannot be known from manifests, and an
 * audience outside this list is taken to belong to another service (Vault, a cloud STS...).
 */

/** The API server's in-cluster names (`kubernetes.default.svc.<cluster domain>` included), with an optional scheme, port and path. */
const IN_CLUSTER = /^(https?:\/\/)?kubernetes(\.default(\.svc(\.[a-z0-9-]+(\.[a-z0-9-]+)*)?)?)?(:\d+)?\/?$/i;

/** Default issuers (hence API audiences) of managed clusters: EKS, GKE, AKS. */
const MANAGED_ISSUERS: readonly RegExp[] = [
  /^https:\/\/oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+\/?$/,
  /^https:\/\/container\.googleapis\.com\/v1\/projects\/[^/]+\/locations\/[^/]+\/clusters\/[^/]+\/?$/,
  /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.com\/[0-9a-f-]+\/[0-9a-f-]+\/?$/,
];

/**
 * Other values seen as API audiences: `api` (the value minikube and older kubeadm/kops guides
 * pass to `--api-audiences`) and the legacy issuer `kubernetes/serviceaccount`.
 */
const OTHER_KNOWN = new Set(['api', 'kubernetes/serviceaccount']);

/** Token audiences and the API server. */
export class ApiAudiences {
  /** True when a projected token with this `audience` is accepted by the API server. */
  public static isApiServer(audience: unknown): boolean {
    if (audience === undefined || audience === null || audience === '') return true;
    if (typeof audience !== 'string') return false;
    return IN_CLUSTER.test(audience) || OTHER_KNOWN.has(audience) || MANAGED_ISSUERS.some((pattern) => pattern.test(audience));
  }

  private constructor() {}
}

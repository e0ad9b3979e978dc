/**
 * A generator of realistic Kubernetes audit logs, in the shapes the API server writes
 * (k8s.io/apiserver/pkg/apis/audit/v1 Event; requestURI, objectRef and verb as RequestInfo and
 * audit.LogRequestObject fill them; user extras of ServiceAccount tokens; the authorization and
 * legacy-token annotations). Deterministic for a seed. Shared by the audit tests, the operator
 * example reports and the `auditVsJsonParse` benchmark.
 */

/** A ServiceAccount that makes requests, with the pods (each with its own bound token) it runs in. */
export interface SimAccount {
  readonly namespace: string;
  readonly name: string;
  /** Pods running as the account; each request picks one (its projected token). */
  readonly pods: readonly SimPod[];
  /** A Secret-based token instead of pod-bound ones. */
  readonly legacySecret?: string;
}

export interface SimPod {
  readonly name: string;
  readonly uid: string;
  readonly node: string;
  readonly ip: string;
  /** The token's id (`JTI=...`); a pod whose token was rotated has made requests with several. */
  readonly jti: string;
}

/** One request, described as a client makes it. */
export interface SimRequest {
  readonly account: SimAccount;
  /** Which of the account's pods sends it (index). */
  readonly pod?: number;
  readonly verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  readonly apiGroup: string;
  readonly version?: string;
  readonly resource: string;
  readonly subresource?: string;
  /** `''` for cluster-scoped or all-namespace requests. */
  readonly namespace: string;
  /** The object: in the path for get/update/patch/delete and subresources; in the body for a create of a resource; a `metadata.name` field selector for list/watch. */
  readonly name?: string;
  /** The authorizer's decision. */
  readonly allowed: boolean;
  /** The response code when allowed (200 by default; 404, 409, 403 from admission ...). */
  readonly code?: number;
  readonly reason?: string;
  /** Made as this account by someone impersonating it (`kubectl --as`): the impersonator's username. */
  readonly impersonatedBy?: string;
  /** The stages logged (default: RequestReceived and ResponseComplete; watches also ResponseStarted). */
  readonly stages?: readonly string[];
  /** The final line is written twice (a log shipper's retry). */
  readonly duplicated?: boolean;
  readonly userAgent?: string;
  readonly time: number;
  readonly auditID: string;
}

const BASE_TIME = Date.UTC(2024, 4, 6, 9, 0, 0);

/** `2024-05-06T09:00:00.123456Z`: RFC 3339 with microseconds, as the API server writes MicroTime. */
export function microTime(offsetMs: number): string {
  const iso = new Date(BASE_TIME + Math.floor(offsetMs)).toISOString();
  const micros = String(Math.floor((offsetMs % 1) * 1000)).padStart(3, '0');
  return `${iso.slice(0, -1)}${micros}Z`;
}

/** A small deterministic PRNG (Park-Miller, MINSTD: exact in double arithmetic). */
export class Random {
  private static readonly MODULUS = 2147483647;
  private state: number;
  constructor(seed: number) {
    this.state = 1 + (((Math.floor(Math.abs(seed)) % (Random.MODULUS - 1)) + (Random.MODULUS - 1)) % (Random.MODULUS - 1));
  }

  public next(): number {
    this.state = (this.state * 48271) % Random.MODULUS;
    return (this.state - 1) / (Random.MODULUS - 1);
  }

  public int(n: number): number {
    return Math.floor(this.next() * n);
  }

  public pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A UUID-shaped id. */
  public uuid(): string {
    const hex = () => this.int(0x10000).toString(16).padStart(4, '0');
    return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
  }
}

/** An account with `pods` pods on nodes `node-1..3`, each with one token. */
export function simAccount(random: Random, namespace: string, name: string, pods = 1): SimAccount {
  return {
    namespace,
    name,
    pods: Array.from({ length: pods }, (_, i) => ({
      // A Deployment's pod: <name>-<ReplicaSet hash>-<suffix>.
      name: `${name}-${random.uuid().replace(/-/g, '').slice(0, 10)}-${random.uuid().replace(/-/g, '').slice(0, 5)}`,
      uid: random.uuid(),
      node: `node-${1 + ((i + random.int(3)) % 3)}`,
      ip: `10.244.${1 + random.int(3)}.${2 + random.int(250)}`,
      jti: `JTI=${random.uuid()}`,
    })),
  };
}

/** The username of a ServiceAccount. */
export function usernameOf(account: { namespace: string; name: string }): string {
  return `system:serviceaccount:${account.namespace}:${account.name}`;
}

/** The requestURI a client sends for the request. */
export function requestURI(r: SimRequest): string {
  const prefix = r.apiGroup === '' ? `/api/${r.version ?? 'v1'}` : `/apis/${r.apiGroup}/${r.version ?? 'v1'}`;
  const ns = r.namespace !== '' ? `/namespaces/${r.namespace}` : '';
  const nameInPath = r.name !== undefined && r.verb !== 'list' && r.verb !== 'watch' && (r.verb !== 'create' || r.subresource !== undefined);
  const path = `${prefix}${ns}/${r.resource}${nameInPath ? `/${r.name}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
  const query: string[] = [];
  if (r.verb === 'list') query.push('limit=500');
  if (r.verb === 'watch') query.push('allowWatchBookmarks=true', 'resourceVersion=123456', 'timeout=7m3s', 'timeoutSeconds=423', 'watch=true');
  if ((r.verb === 'list' || r.verb === 'watch') && r.name !== undefined) query.push(`fieldSelector=metadata.name%3D${r.name}`);
  if (r.verb === 'create' && r.subresource === undefined) query.push('fieldManager=manager');
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** The Events the API server logs for one request, in the order it writes them. */
export function eventsOf(r: SimRequest): object[] {
  const account = r.account;
  const pod = account.legacySecret === undefined ? account.pods[r.pod ?? 0] : undefined;
  const extra: Record<string, string[]> = {};
  if (pod) extra['authentication.kubernetes.io/credential-id'] = [pod.jti];
  // A pod named '' stands for a token bound to no pod (`kubectl create token`): it has only its id.
  if (pod && pod.name !== '') {
    extra['authentication.kubernetes.io/node-name'] = [pod.node];
    extra['authentication.kubernetes.io/node-uid'] = [`uid-${pod.node}`];
    extra['authentication.kubernetes.io/pod-name'] = [pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [pod.uid];
  }
  const saUser = {
    username: usernameOf(account),
    uid: `uid-${account.namespace}-${account.name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${account.namespace}`, 'system:authenticated'],
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  // kubectl --as: the impersonator authenticated; the request runs as the ServiceAccount.
  const user = r.impersonatedBy !== undefined ? { username: r.impersonatedBy, groups: ['system:masters', 'system:authenticated'] } : saUser;
  const impersonatedUser = r.impersonatedBy !== undefined ? { username: saUser.username, groups: saUser.groups } : undefined;
  // objectRef as NewEventFromRequest fills it; a create's body names the object (LogRequestObject).
  const objectRef = {
    resource: r.resource,
    ...(r.namespace !== '' ? { namespace: r.namespace } : {}),
    ...(r.name !== undefined ? { name: r.name } : {}),
    ...(r.apiGroup !== '' ? { apiGroup: r.apiGroup } : {}),
    apiVersion: r.version ?? 'v1',
    ...(r.subresource !== undefined ? { subresource: r.subresource } : {}),
  };
  const code = r.allowed ? r.code ?? (r.verb === 'create' ? 201 : 200) : 403;
  const username = usernameOf(account);
  const reason = r.allowed
    ? r.reason ?? `RBAC: allowed by RoleBinding "${account.name}/${r.namespace || account.namespace}" of Role "${account.name}" to ServiceAccount "${account.name}/${account.namespace}"`
    : '';
  const annotations: Record<string, string> = {};
  if (account.legacySecret !== undefined && r.impersonatedBy === undefined) {
    annotations['authentication.k8s.io/legacy-token'] = username;
    annotations['authentication.k8s.io/legacy-token-manual-secret'] = account.legacySecret;
  }
  const received = microTime(r.time);
  const base = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: r.auditID,
    requestURI: requestURI(r),
    verb: r.verb,
    user,
    ...(impersonatedUser ? { impersonatedUser } : {}),
    sourceIPs: [pod?.ip ?? '10.244.9.9'],
    userAgent: r.userAgent ?? `${account.name}/v0.0.0 (linux/amd64) kubernetes/$Format`,
    objectRef,
  };
  const stages = r.stages ?? (r.verb === 'watch' && r.allowed
    ? ['RequestReceived', 'ResponseStarted', 'ResponseComplete']
    : ['RequestReceived', 'ResponseComplete']);
  const events: object[] = [];
  stages.forEach((stage, i) => {
    const later = stage !== 'RequestReceived';
    const stageTime = microTime(r.time + (stage === 'ResponseComplete' && r.verb === 'watch' ? 423_000 : 3 * i));
    events.push({
      ...base,
      stage,
      ...(later ? { responseStatus: code < 400 ? { metadata: {}, code } : { metadata: {}, status: 'Failure', reason: 'Forbidden', code } } : {}),
      requestReceivedTimestamp: received,
      stageTimestamp: stageTime,
      annotations: later
        ? { ...annotations, 'authorization.k8s.io/decision': r.allowed ? 'allow' : 'forbid', 'authorization.k8s.io/reason': reason }
        : annotations,
    });
  });
  if (r.duplicated) events.push(events[events.length - 1]);
  return events;
}

/**
 * The log as the API server's log backend writes it: one JSON object per line, in the order the
 * stages happen (a watch's ResponseComplete comes minutes after its ResponseStarted, between
 * other requests' lines).
 */
export function toLines(requests: readonly SimRequest[]): string {
  const events = requests.flatMap(eventsOf) as Array<{ stageTimestamp: string }>;
  const ordered = events.map((event, i) => ({ event, i }))
    .sort((a, b) => (a.event.stageTimestamp < b.event.stageTimestamp ? -1 : a.event.stageTimestamp > b.event.stageTimestamp ? 1 : a.i - b.i));
  return `${ordered.map(({ event }) => JSON.stringify(event)).join('\n')}\n`;
}

import { compareCodeUnits } from '../string-order';
import {
  AuditEventJson,
  CREDENTIAL_ID_EXTRA,
  extraValue,
  LEGACY_TOKEN_ANNOTATION,
  LEGACY_TOKEN_SECRET_ANNOTATIONS,
  NODE_NAME_EXTRA,
  POD_NAME_EXTRA,
  POD_UID_EXTRA,
} from './audit-event';
import { ownString } from './own-string';

/** Distinct pods, nodes, addresses and user agents kept per token; the rest is counted as truncated. */
export const MAX_VALUES_PER_TOKEN = 100;

/** Why a token deserves a look. */
export type TokenFlag =
  /** Bound to several pods (the pod-name/pod-uid extras differ between requests): never the case for one genuine bound token. */
  | 'multiple-pods'
  /** Bound to several nodes (the node-name extra differs). */
  | 'multiple-nodes'
  /** Presented from several source IPs: a pod has one address, so the token may have been copied out of it. */
  | 'multiple-source-ips'
  /** A Secret-based token that never expires (the `authentication.k8s.io/legacy-token` annotation). */
  | 'legacy'
  /** A token bound to no pod (`kubectl create token`, a TokenRequest without boundObjectRef): it is valid, wherever it is, until it expires. */
  | 'not-pod-bound';

/** One token of a ServiceAccount as the log shows it. */
export interface TokenReport {
  /**
   * `JTI=<id>` (the `authentication.kubernetes.io/credential-id` extra, Kubernetes 1.29+), the
   * Secret of a legacy token (`secret/<name>`), or `''` for requests whose token the log does not
   * identify (clusters before 1.29; these may be several tokens).
   */
  readonly credentialId: string;
  readonly legacy: boolean;
  readonly pods: Array<{ readonly name: string; readonly uid?: string }>;
  readonly nodes: string[];
  readonly sourceIPs: string[];
  readonly userAgents: string[];
  readonly requests: number;
  readonly firstUse: string;
  readonly lastUse: string;
  /** True when more than `MAX_VALUES_PER_TOKEN` distinct pods, nodes, addresses or agents were seen (the lists hold the first ones). */
  readonly truncated: boolean;
  readonly flags: TokenFlag[];
}

/** True when the request was authenticated with a legacy Secret-based token. */
export function isLegacyToken(event: AuditEventJson): boolean {
  const annotations = event.annotations;
  return annotations !== undefined && annotations !== null && typeof annotations[LEGACY_TOKEN_ANNOTATION] === 'string';
}

/** The token a request was authenticated with, as far as the Event identifies it: its credential id, else a legacy token's Secret, else `''`. */
export function tokenKeyOf(event: AuditEventJson, legacy: boolean): string {
  const credentialId = extraValue(event.user, CREDENTIAL_ID_EXTRA);
  if (credentialId !== undefined) return credentialId;
  if (legacy) {
    for (const annotation of LEGACY_TOKEN_SECRET_ANNOTATIONS) {
      const secret = event.annotations![annotation];
      if (typeof secret === 'string' && secret !== '') return `secret/${secret}`;
    }
  }
  return '';
}

/** What one token did, accumulated request by request in bounded memory. */
export class TokenActivity {
  private readonly pods = new Map<string, { name: string; uid?: string }>();
  private readonly nodes = new Set<string>();
  private readonly sourceIPs = new Set<string>();
  private readonly userAgents = new Set<string>();
  private requests = 0;
  private legacy = false;
  private first = '';
  private last = '';
  private truncated = false;
  private podBound = true;
  /** What the previous request showed: a token's requests mostly repeat it, and then there is nothing new to record. */
  private seen = false;
  private lastPod?: string;
  private lastUid?: string;
  private lastNode?: string;
  private lastIp: unknown;
  private lastAgent: unknown;

  constructor(private readonly credentialId: string) {
    this.credentialId = ownString(credentialId);
  }

  /** @param time the request's time (kept: a JSON value) */
  public add(event: AuditEventJson, time: string, legacy: boolean): void {
    this.requests++;
    if (legacy) this.legacy = true;
    if (time !== '') {
      if (this.first === '' || time < this.first) this.first = time;
      if (time > this.last) this.last = time;
    }
    const ips: unknown = event.sourceIPs;
    // The last address is the one the API server's connection came from; earlier ones are X-Forwarded-For.
    const ip = Array.isArray(ips) && ips.length > 0 ? ips[ips.length - 1] : undefined;
    if (ip !== this.lastIp) {
      this.lastIp = ip;
      if (typeof ip === 'string') this.addToSet(this.sourceIPs, ip);
    }
    const agent = event.userAgent;
    if (agent !== this.lastAgent) {
      this.lastAgent = agent;
      if (typeof agent === 'string' && agent !== '') this.addToSet(this.userAgents, agent);
    }
    const user = event.user;
    const podName = extraValue(user, POD_NAME_EXTRA);
    const uid = extraValue(user, POD_UID_EXTRA);
    const nodeName = extraValue(user, NODE_NAME_EXTRA);
    if (this.seen && podName === this.lastPod && uid === this.lastUid && nodeName === this.lastNode) return;
    this.seen = true;
    this.lastPod = podName;
    this.lastUid = uid;
    this.lastNode = nodeName;
    if (this.lastPod === undefined) this.podBound = false;
    else this.addTo(this.pods, `${this.lastPod}\u0000${this.lastUid ?? ''}`, this.lastUid !== undefined ? { name: this.lastPod, uid: this.lastUid } : { name: this.lastPod });
    if (this.lastNode !== undefined) this.addToSet(this.nodes, this.lastNode);
  }

  public report(): TokenReport {
    const flags: TokenFlag[] = [];
    const identified = this.credentialId !== '';
    if (this.pods.size > 1 && identified) flags.push('multiple-pods');
    if (this.nodes.size > 1 && identified) flags.push('multiple-nodes');
    if (this.sourceIPs.size > 1 && identified) flags.push('multiple-source-ips');
    if (this.legacy) flags.push('legacy');
    if (!this.podBound && !this.legacy && identified) flags.push('not-pod-bound');
    return {
      credentialId: this.credentialId,
      legacy: this.legacy,
      pods: [...this.pods.values()].sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.uid ?? '', b.uid ?? '')),
      nodes: [...this.nodes].sort(compareCodeUnits),
      sourceIPs: [...this.sourceIPs].sort(compareCodeUnits),
      userAgents: [...this.userAgents].sort(compareCodeUnits),
      requests: this.requests,
      firstUse: this.first,
      lastUse: this.last,
      truncated: this.truncated,
      flags,
    };
  }

  private addTo<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.has(key)) return;
    if (map.size >= MAX_VALUES_PER_TOKEN) this.truncated = true;
    else map.set(key, value);
  }

  private addToSet(set: Set<string>, value: string): void {
    if (set.has(value)) return;
    if (set.size >= MAX_VALUES_PER_TOKEN) this.truncated = true;
    else set.add(value);
  }
}


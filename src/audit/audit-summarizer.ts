import { compareCodeUnits } from '../string-order';
import {
  AUDIT_API_VERSIONS,
  AuditEventJson,
  DECISION_ANNOTATION,
  REASON_ANNOTATION,
  SERVICE_ACCOUNT_USER_PREFIX,
  serviceAccountOf,
  STAGE_REQUEST_RECEIVED,
  STAGE_RESPONSE_COMPLETE,
} from './audit-event';
import { ownString } from './own-string';
import { permissionKey, PermissionReport, PermissionUse } from './permission-use';
import { AuditRequest, RequestAttributes } from './request-attributes';
import { RequestDeduper, STAGES } from './request-deduper';
import { isLegacyToken, TokenActivity, tokenKeyOf, TokenReport } from './token-activity';

/** Problem lines kept with their location; all are counted. */
export const MAX_REPORTED_LINES = 100;
/** Distinct impersonators kept per ServiceAccount. */
const MAX_IMPERSONATORS = 50;

/** A line that was skipped, and why. */
export interface SkippedLine {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** What the log says one ServiceAccount did. */
export interface AccountActivityReport {
  readonly namespace: string;
  readonly name: string;
  /** Requests made as this ServiceAccount (with its tokens, or by someone impersonating it), each counted once. */
  readonly requests: number;
  /** Of those, made by someone impersonating it. */
  readonly impersonatedRequests: number;
  /** Who impersonated it (usernames, at most 50). */
  readonly impersonatedBy: string[];
  /** Requests the authorizer never decided on (rejected before authorization: 401, 429). */
  readonly undecidedRequests: number;
  readonly used: PermissionReport[];
  readonly denied: PermissionReport[];
  /** The tokens its requests were authenticated with (not those of its impersonators). */
  readonly tokens: TokenReport[];
  /** Requests authenticated with one of its tokens (impersonating others included). */
  readonly tokenRequests: number;
  readonly legacyTokenRequests: number;
}

/** The whole log, summarized. */
export interface AuditSummary {
  readonly accounts: AccountActivity[];
  /** Audit Events read (every stage of every request, every user). */
  readonly events: number;
  /** Distinct requests counted for ServiceAccounts. */
  readonly requests: number;
  /** Requests logged only at RequestReceived (outcome unknown, not counted). */
  readonly unfinishedRequests: number;
  readonly lines: number;
  readonly malformedLines: number;
  /** Valid JSON objects that are not `audit.k8s.io/v1` or `v1beta1` Events. */
  readonly notAuditEvents: number;
  /** The first `MAX_REPORTED_LINES` malformed or skipped lines. */
  readonly skippedLines: SkippedLine[];
}

type Outcome = 'allowed' | 'denied' | 'undecided';

/** One ServiceAccount's activity, accumulated in bounded memory (per permission and per token). */
export class AccountActivity {
  public readonly used = new Map<string, PermissionUse>();
  public readonly denied = new Map<string, PermissionUse>();
  private readonly usedIndex = new Map<string, Map<string, PermissionUse[]>>();
  private readonly deniedIndex = new Map<string, Map<string, PermissionUse[]>>();
  public readonly tokens = new Map<string, TokenActivity>();
  public requests = 0;
  public impersonatedRequests = 0;
  public undecidedRequests = 0;
  public tokenRequests = 0;
  public legacyTokenRequests = 0;
  private readonly impersonators = new Set<string>();
  private lastTokenKey?: string;
  private lastUse?: PermissionUse;
  private lastToken?: TokenActivity;

  constructor(public readonly namespace: string, public readonly name: string) {}

  public record(kind: 'used' | 'denied', request: RequestAttributes, time: string, reason: string | undefined, impersonated: boolean): void {
    // Consecutive requests often exercise the same permission (status updates, leader election).
    const last = this.lastUse;
    if (kind === 'used' && last !== undefined && samePermission(last.request, request)) {
      last.add(request.name, time, reason, impersonated);
      return;
    }
    // Found by verb, then resource (short strings V8 mostly hashes once), then a short scan: no key string per request.
    const index = kind === 'used' ? this.usedIndex : this.deniedIndex;
    let byResource = index.get(request.verb);
    if (!byResource) index.set(ownString(request.verb), byResource = new Map());
    const resource = request.path ?? request.resource;
    let candidates = byResource.get(resource);
    if (!candidates) byResource.set(ownString(resource), candidates = []);
    let use = candidates.find((candidate) => samePermission(candidate.request, request));
    if (!use) {
      use = new PermissionUse(owned({ ...request, name: '' }));
      candidates.push(use);
      (kind === 'used' ? this.used : this.denied).set(permissionKey(request), use);
    }
    if (kind === 'used') this.lastUse = use;
    use.add(request.name, time, reason, impersonated);
  }

  /** The activity of one of its tokens (the last one is kept at hand: consecutive requests mostly use the same token). */
  public token(key: string): TokenActivity {
    if (key === this.lastTokenKey && this.lastToken) return this.lastToken;
    let activity = this.tokens.get(key);
    if (!activity) this.tokens.set(key, activity = new TokenActivity(key));
    this.lastTokenKey = key;
    this.lastToken = activity;
    return activity;
  }

  public impersonatedBy(username: string): void {
    this.impersonatedRequests++;
    if (this.impersonators.size < MAX_IMPERSONATORS && !this.impersonators.has(username)) this.impersonators.add(ownString(username));
  }

  public report(): AccountActivityReport {
    const byKey = (a: PermissionReport, b: PermissionReport) => compareCodeUnits(sortKey(a), sortKey(b));
    return {
      namespace: this.namespace,
      name: this.name,
      requests: this.requests,
      impersonatedRequests: this.impersonatedRequests,
      impersonatedBy: [...this.impersonators].sort(compareCodeUnits),
      undecidedRequests: this.undecidedRequests,
      used: [...this.used.values()].map((u) => u.report()).sort(byKey),
      denied: [...this.denied.values()].map((u) => u.report()).sort(byKey),
      tokens: [...this.tokens.values()].map((t) => t.report())
        .sort((a, b) => compareCodeUnits(a.firstUse, b.firstUse) || compareCodeUnits(a.credentialId, b.credentialId)),
      tokenRequests: this.tokenRequests,
      legacyTokenRequests: this.legacyTokenRequests,
    };
  }
}

/**
 * Turns audit log lines into per-ServiceAccount activity, one line at a time, keeping state per
 * ServiceAccount, permission and token (never per Event). Attribution:
 *
 * - a ServiceAccount is `system:serviceaccount:<ns>:<name>` (`user.username`);
 * - RBAC (`used`, `denied`) belongs to the user the request was authorized as: the
 *   `impersonatedUser` when there is one (the authorizer decided for it), else `user`. So
 *   `kubectl --as=system:serviceaccount:ns:sa` counts for `ns/sa`, and says by whom;
 * - an impersonating ServiceAccount also used `impersonate` on what it impersonated
 *   (AuditRequest.impersonationChecks); a 403 without an authorization decision whose message
 *   says `cannot impersonate` is a denied impersonation of the authenticated user;
 * - tokens belong to the authenticated `user`: its credential and extras are the token's;
 * - allowed: the `authorization.k8s.io/decision` annotation is `allow` (a later 403 from
 *   admission or a 404 still exercised the permission); denied: `forbid`, or, where the
 *   annotation is not logged, status 403; undecided: 401 and 429 without a decision (rejected
 *   before authorization).
 */
export class AuditSummarizer {
  private readonly accounts = new Map<string, AccountActivity>();
  /** Usernames seen, to their activity (null: `system:serviceaccount:` but not a valid ServiceAccount name). */
  private readonly byUsername = new Map<string, AccountActivity | null>();
  private readonly deduper = new RequestDeduper();
  private readonly skipped: SkippedLine[] = [];
  private events = 0;
  private requests = 0;
  private lines = 0;
  private malformed = 0;
  private notAudit = 0;

  /** One line of a log file (JSON lines); blank lines are ignored. */
  public addLine(text: string, file: string, line: number): void {
    this.lines++;
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      this.malformedLine(file, line, `not JSON: ${shorten(String((e as Error).message))}`);
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      this.malformedLine(file, line, 'not a JSON object');
      return;
    }
    this.addEvent(parsed as AuditEventJson, file, line);
  }

  /** A line longer than the reader accepts. */
  public addTooLongLine(file: string, line: number, limit: number): void {
    this.lines++;
    this.malformedLine(file, line, `longer than ${limit} characters`);
  }

  /** One parsed Event (lines go through `addLine`). */
  public addEvent(event: AuditEventJson, file = '', line = 0): void {
    const apiVersion = event.apiVersion;
    if (event.kind !== 'Event' || (apiVersion !== AUDIT_API_VERSIONS[0] && apiVersion !== AUDIT_API_VERSIONS[1])) {
      this.notAudit++;
      this.note(file, line, `not an audit.k8s.io/v1 or v1beta1 Event (kind ${JSON.stringify(event.kind) ?? 'missing'}, apiVersion ${JSON.stringify(event.apiVersion) ?? 'missing'})`);
      return;
    }
    this.events++;
    const user = event.user ?? undefined;
    const impersonated = event.impersonatedUser ?? undefined;
    // Most of a log is other users (nodes, controllers, people): they cost two string checks each.
    const actorName = user?.username;
    const subjectName = impersonated ? impersonated.username : actorName;
    if (!isServiceAccountName(actorName) && !isServiceAccountName(subjectName)) return;
    const auditID = event.auditID;
    const stage = event.stage;
    if (typeof auditID !== 'string' || auditID === '' || !isStage(stage)) {
      this.malformedLine(file, line, 'audit Event without an auditID or with an unknown stage');
      return;
    }
    if (!this.deduper.count(auditID, stage)) return;
    const actor = this.accountOf(actorName);
    const subject = impersonated ? this.accountOf(subjectName) : actor;
    if (!actor && !subject) return;
    const request = AuditRequest.attributesOf(event);
    if (!request) {
      this.malformedLine(file, line, 'audit Event without a verb');
      return;
    }
    this.requests++;
    const time = typeof event.requestReceivedTimestamp === 'string' ? event.requestReceivedTimestamp : '';
    const annotations = event.annotations ?? undefined;
    const decision = annotations?.[DECISION_ANNOTATION];
    const reasonValue = annotations?.[REASON_ANNOTATION];
    const reason = typeof reasonValue === 'string' ? reasonValue : undefined;
    const outcome = outcomeOf(decision, event.responseStatus?.code);

    if (actor) {
      const account = actor;
      const legacy = isLegacyToken(event);
      account.tokenRequests++;
      if (legacy) account.legacyTokenRequests++;
      account.token(tokenKeyOf(event, legacy)).add(event, time, legacy);
      if (impersonated) {
        // The impersonatedUser is only logged once every impersonate check passed.
        for (const check of AuditRequest.impersonationChecks(impersonated)) account.record('used', check, time, undefined, false);
      } else if (outcome === 'denied' && decision === undefined) {
        const denial = impersonationDenial(event.responseStatus?.message);
        if (denial) {
          account.requests++;
          account.record('denied', denial, time, undefined, false);
          return;
        }
      }
    }
    if (!subject) return;
    const account = subject;
    account.requests++;
    const byImpersonation = impersonated !== undefined;
    if (byImpersonation) account.impersonatedBy(typeof user?.username === 'string' ? user.username : '(unknown)');
    if (outcome === 'undecided') account.undecidedRequests++;
    else account.record(outcome === 'allowed' ? 'used' : 'denied', request, time, reason, byImpersonation);
  }

  /**
   * The summary so far. ServiceAccounts are sorted by namespace, then name.
   */
  public summary(): AuditSummary {
    return {
      accounts: [...this.accounts.values()].sort((a, b) => compareCodeUnits(a.namespace, b.namespace) || compareCodeUnits(a.name, b.name)),
      events: this.events,
      requests: this.requests,
      unfinishedRequests: this.deduper.unfinished,
      lines: this.lines,
      malformedLines: this.malformed,
      notAuditEvents: this.notAudit,
      skippedLines: [...this.skipped],
    };
  }

  /** The activity of a ServiceAccount by its username (cached by username), or undefined for another user. */
  private accountOf(username: unknown): AccountActivity | undefined {
    if (!isServiceAccountName(username)) return undefined;
    const cached = this.byUsername.get(username);
    if (cached !== undefined) return cached ?? undefined;
    const sa = serviceAccountOf(username);
    let account: AccountActivity | null = null;
    if (sa) {
      const key = `${sa.namespace}/${sa.name}`;
      account = this.accounts.get(key) ?? null;
      if (!account) this.accounts.set(key, account = new AccountActivity(ownString(sa.namespace), ownString(sa.name)));
    }
    this.byUsername.set(ownString(username), account);
    return account ?? undefined;
  }

  private malformedLine(file: string, line: number, reason: string): void {
    this.malformed++;
    this.note(file, line, reason);
  }

  private note(file: string, line: number, reason: string): void {
    if (this.skipped.length < MAX_REPORTED_LINES) this.skipped.push({ file, line, reason });
  }
}

function isStage(stage: unknown): stage is string {
  // The two stages nearly every line has are compared first: this runs for every line of a ServiceAccount.
  return stage === STAGE_RESPONSE_COMPLETE || stage === STAGE_REQUEST_RECEIVED || (typeof stage === 'string' && STAGES.has(stage));
}

function isServiceAccountName(username: unknown): username is string {
  return typeof username === 'string' && username.startsWith(SERVICE_ACCOUNT_USER_PREFIX);
}

function outcomeOf(decision: unknown, code: unknown): Outcome {
  if (decision === 'allow') return 'allowed';
  if (decision === 'forbid') return 'denied';
  if (code === 403) return 'denied';
  if (code === 401 || code === 429 || typeof code !== 'number') return 'undecided';
  return 'allowed';
}

/**
 * The `impersonate` check a 403 message describes (responsewriters.forbiddenMessage:
 * `serviceaccounts "sa" is forbidden: User "u" cannot impersonate resource "serviceaccounts" in
 * API group "" in the namespace "ns"`), or undefined when the message says something else.
 */
function impersonationDenial(message: unknown): RequestAttributes | undefined {
  if (typeof message !== 'string') return undefined;
  const match = /cannot impersonate resource "([^"]+)" in API group "([^"]*)"(?: in the namespace "([^"]*)")?/.exec(message);
  if (!match) return undefined;
  const [resource, subresource = ''] = match[1].split('/');
  // Cut from the message: a copy of its own, as PermissionUse keeps names.
  const name = ownString(/^\S+ "([^"]*)" is forbidden/.exec(message)?.[1] ?? '');
  return { verb: 'impersonate', apiGroup: match[2], namespace: match[3] ?? '', resource, subresource, name };
}

/** The request with strings of its own (it is kept for the whole run). */
function owned(r: RequestAttributes): RequestAttributes {
  return {
    verb: ownString(r.verb),
    apiGroup: ownString(r.apiGroup),
    namespace: ownString(r.namespace),
    resource: ownString(r.resource),
    subresource: ownString(r.subresource),
    name: ownString(r.name),
    ...(r.path !== undefined ? { path: ownString(r.path) } : {}),
  };
}

/** Whether two requests are the same permission (what `permissionKey` compares), without building the keys. */
function samePermission(a: RequestAttributes, b: RequestAttributes): boolean {
  return a.verb === b.verb && a.resource === b.resource && a.namespace === b.namespace && a.apiGroup === b.apiGroup
    && a.subresource === b.subresource && a.path === b.path;
}

function sortKey(p: PermissionReport): string {
  return [p.namespace, p.apiGroup, p.resource, p.subresource ?? '', p.nonResourceURL ?? '', p.verb].join('\u0000');
}

function shorten(message: string): string {
  return message.length > 120 ? `${message.slice(0, 117)}...` : message;
}

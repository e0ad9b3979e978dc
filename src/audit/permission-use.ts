import { compareCodeUnits } from '../string-order';
import type { RequestAttributes } from './request-attributes';

/** Distinct object names kept per permission (beyond, names are no longer a useful restriction). */
export const MAX_NAMES_PER_PERMISSION = 1000;
/** Distinct `authorization.k8s.io/reason` values kept per permission. */
export const MAX_REASONS_PER_PERMISSION = 10;

/**
 * One permission as the log shows it exercised (or refused): a verb on a resource (with its
 * subresource) of an API group in a namespace (`''`: cluster-scoped or across namespaces), or a
 * verb on a non-resource URL.
 */
export interface PermissionReport {
  readonly namespace: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly verb: string;
  /** Set for a non-resource request (`/metrics`); resource is then `''`. */
  readonly nonResourceURL?: string;
  /** The object names the authorizer saw, sorted (at most `MAX_NAMES_PER_PERMISSION`). */
  readonly names: string[];
  /** Requests without a name (lists, watches, creates of a resource). */
  readonly unnamedRequests: number;
  /** True when more names were seen than are listed. */
  readonly namesTruncated: boolean;
  readonly requests: number;
  readonly firstTime: string;
  readonly lastTime: string;
  /** The authorizer's reasons as logged (`RBAC: allowed by RoleBinding "x/ns" of Role "y" to ServiceAccount "sa/ns"`), when logged. */
  readonly reasons: string[];
  /** The ServiceAccount's requests were made by someone impersonating it (`kubectl --as`), this many of them. */
  readonly impersonatedRequests: number;
}

/** The key of a permission: requests with the same key differ at most in the name. */
export function permissionKey(request: RequestAttributes): string {
  return request.path !== undefined
    ? `${request.verb}\u0000${request.path}`
    : `${request.verb}\u0000${request.apiGroup}\u0000${request.namespace}\u0000${request.resource}\u0000${request.subresource}`;
}

/** Accumulates the requests of one permission in bounded memory. */
export class PermissionUse {
  private readonly names = new Set<string>();
  private readonly reasons = new Set<string>();
  private unnamed = 0;
  private namesTruncated = false;
  private requests = 0;
  private impersonated = 0;
  private first = '';
  private last = '';
  private lastReason?: string;

  constructor(public readonly request: RequestAttributes) {}

  /** Keeps `name`, `time` and `reason` as given: values JSON.parse returned, or strings of their own (`ownString`). */
  public add(name: string, time: string, reason: string | undefined, impersonated: boolean): void {
    this.requests++;
    if (impersonated) this.impersonated++;
    if (name === '') {this.unnamed++;} else if (!this.names.has(name)) {
      if (this.names.size >= MAX_NAMES_PER_PERMISSION) this.namesTruncated = true;
      else this.names.add(name);
    }
    // Nearly every request of a permission is allowed by the same binding: compareCodeUnits before hashing a long string.
    if (reason !== undefined && reason !== '' && reason !== this.lastReason) {
      this.lastReason = reason;
      if (this.reasons.size < MAX_REASONS_PER_PERMISSION) this.reasons.add(this.lastReason);
    }
    if (time !== '') {
      if (this.first === '' || time < this.first) this.first = time;
      if (time > this.last) this.last = time;
    }
  }

  /** Every request this permission stands for, one per name (and one without a name if any had none). */
  public requestsByName(): RequestAttributes[] {
    const result: RequestAttributes[] = [...this.names].map((name) => ({ ...this.request, name }));
    if (this.unnamed > 0) result.push({ ...this.request, name: '' });
    return result;
  }

  public get truncated(): boolean {
    return this.namesTruncated;
  }

  public report(): PermissionReport {
    const r = this.request;
    return {
      namespace: r.namespace,
      apiGroup: r.apiGroup,
      resource: r.resource,
      ...(r.subresource !== '' ? { subresource: r.subresource } : {}),
      verb: r.verb,
      ...(r.path !== undefined ? { nonResourceURL: r.path } : {}),
      names: [...this.names].sort(compareCodeUnits),
      unnamedRequests: this.unnamed,
      namesTruncated: this.namesTruncated,
      requests: this.requests,
      firstTime: this.first,
      lastTime: this.last,
      reasons: [...this.reasons].sort(compareCodeUnits),
      impersonatedRequests: this.impersonated,
    };
  }
}

/** `get core/pods/log in ns`, for messages. */
export function describePermission(
  p: { namespace: string; apiGroup: string; resource: string; subresource?: string; verb: string; nonResourceURL?: string },
): string {
  if (p.nonResourceURL !== undefined) return `${p.verb} ${p.nonResourceURL}`;
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return `${p.verb} ${p.apiGroup === '' ? 'core' : p.apiGroup}/${resource}${p.namespace === '' ? ' (cluster-wide)' : ` in ${p.namespace}`}`;
}

import { AuditEventJson, AuditUserJson, serviceAccountOf } from './audit-event';
import { ownString } from './own-string';

/**
 * A request as the RBAC authorizer saw it (authorizer.Attributes): for a resource request the
 * verb, API group, namespace, resource, subresource and name; for a non-resource request the
 * verb and the URL path.
 */
export interface RequestAttributes {
  readonly verb: string;
  /** `''` for the core group and for non-resource requests. */
  readonly apiGroup: string;
  /** `''` for cluster-scoped resources, cluster-wide lists and non-resource requests. */
  readonly namespace: string;
  /** `''` for a non-resource request. */
  readonly resource: string;
  readonly subresource: string;
  /** `''` when the authorizer saw no name. */
  readonly name: string;
  /** Set for a non-resource request (`/metrics`): the path without the query. */
  readonly path?: string;
}

/**
 * Maps an audit Event to the attributes the authorizer decided on.
 *
 * The Event's `verb` and `objectRef` are filled from the request's RequestInfo
 * (k8s.io/apiserver/pkg/audit/request.go NewEventFromRequest), which is what the authorizer is
 * given, with one exception: when the request body is decoded, `objectRef` fields that were
 * empty are filled from the object (audit.LogRequestObject), so a `create` of a resource (POST
 * to the collection, no name in the path) is logged with the new object's name although the
 * authorizer saw none (RequestInfo: "Name is empty for some verbs, but if the request directly
 * indicates a name (not in body content) then this field is filled in",
 * k8s.io/apiserver/pkg/endpoints/request/requestinfo.go). A `create` of a subresource
 * (`serviceaccounts/token`, `pods/eviction`, `pods/binding`) has the name in its path
 * (`/namespaces/ns/serviceaccounts/NAME/token`), so the authorizer sees it, and `resourceNames`
 * can limit it. A `list` or `watch` with `fieldSelector=metadata.name=NAME` is authorized with
 * that name (RequestInfo; the RBAC documentation, "Referring to resources": clients must send
 * that field selector when list or watch is limited by resourceNames), and the Event's
 * objectRef carries it.
 */
export class AuditRequest {
  /** The authorizer's view of the request, or undefined when the Event has no verb. */
  public static attributesOf(event: AuditEventJson): RequestAttributes | undefined {
    const verb = event.verb;
    if (typeof verb !== 'string' || verb === '') return undefined;
    const ref = event.objectRef;
    if (ref === undefined || ref === null || typeof ref !== 'object') {
      return { verb, apiGroup: '', namespace: '', resource: '', subresource: '', name: '', path: pathOf(event.requestURI) };
    }
    const resource = text(ref.resource);
    const subresource = text(ref.subresource);
    const name = verb === 'create' && subresource === '' ? '' : text(ref.name);
    return { verb, apiGroup: text(ref.apiGroup), namespace: text(ref.namespace), resource, subresource, name };
  }

  /**
   * The `impersonate` checks the impersonation filter made for the authenticated user before the
   * request ran as `impersonatedUser` (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go):
   * `serviceaccounts` (core, in the account's namespace) for a ServiceAccount, `users` for any
   * other user, `groups` for each group asked for, `userextras/<key>` for each extra value and
   * `uids` (both `authentication.k8s.io`). Groups the filter adds itself (`system:authenticated`,
   * and a ServiceAccount's `system:serviceaccounts` groups) are not checks.
   */
  public static impersonationChecks(impersonated: AuditUserJson): RequestAttributes[] {
    const checks: RequestAttributes[] = [];
    const username = text(impersonated.username);
    const sa = serviceAccountOf(username);
    const base = { verb: 'impersonate', subresource: '' };
    // The name is cut from the username: a copy of its own, as PermissionUse keeps names.
    if (sa) checks.push({ ...base, apiGroup: '', namespace: sa.namespace, resource: 'serviceaccounts', name: ownString(sa.name) });
    else if (username !== '') checks.push({ ...base, apiGroup: '', namespace: '', resource: 'users', name: username });
    const implied = new Set(['system:authenticated', ...(sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`] : [])]);
    const groups: unknown = impersonated.groups;
    if (Array.isArray(groups)) {
      for (const group of groups) {
        if (typeof group === 'string' && !implied.has(group)) checks.push({ ...base, apiGroup: '', namespace: '', resource: 'groups', name: group });
      }
    }
    const uid = text(impersonated.uid);
    if (uid !== '') checks.push({ ...base, apiGroup: 'authentication.k8s.io', namespace: '', resource: 'uids', name: uid });
    const extra = impersonated.extra;
    if (extra && typeof extra === 'object') {
      for (const [key, values] of Object.entries(extra)) {
        if (!Array.isArray(values)) continue;
        for (const value of values) {
          if (typeof value === 'string') {
            checks.push({ verb: 'impersonate', apiGroup: 'authentication.k8s.io', namespace: '', resource: 'userextras', subresource: key, name: value });
          }
        }
      }
    }
    return checks;
  }

  /** `pods`, `pods/log`: the resource as RBAC rules write it. */
  public static combinedResource(request: RequestAttributes): string {
    return request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
  }

  private constructor() {}
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function pathOf(uri: unknown): string {
  if (typeof uri !== 'string' || uri === '') return '/';
  const query = uri.indexOf('?');
  return query === -1 ? uri : uri.slice(0, query);
}

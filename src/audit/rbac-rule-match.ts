import { AuditRequest, RequestAttributes } from './request-attributes';
import { AccessGrant, ALL_NAMESPACES } from '../rbac/effective-access';
import { PolicyRuleJson, stringsOf, WILDCARD } from '../rbac/policy-rule';

/**
 * Whether RBAC allows a request, decided as the RBAC authorizer decides it
 * (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and pkg/apis/rbac/v1/evaluation_helpers.go,
 * Kubernetes 1.28-1.31): the verb, the API group, the resource (`*`, exact `resource/sub`, or
 * `*` + `/sub`) and the name (a rule with resourceNames never matches a request without a name)
 * must all match; a non-resource request matches `nonResourceURLs` exactly or by a trailing `*`.
 * A RoleBinding's grants hold only for requests in its namespace, so never for cluster-scoped
 * requests (namespace `''`).
 */
export class RbacRuleMatch {
  /** True when the rule allows the request (namespaces aside). */
  public static ruleAllows(rule: PolicyRuleJson, request: RequestAttributes): boolean {
    if (!matchesOne(stringsOf(rule.verbs), request.verb)) return false;
    if (request.path !== undefined) return stringsOf(rule.nonResourceURLs).some((url) => urlMatches(url, request.path!));
    return matchesOne(stringsOf(rule.apiGroups), request.apiGroup)
      && stringsOf(rule.resources).some((resource) => resourceMatches(resource, request))
      && namesMatch(stringsOf(rule.resourceNames), request.name);
  }

  /** True when one effective-access grant (one verb on one resource in one namespace) allows the request. */
  public static grantAllows(grant: AccessGrant, request: RequestAttributes): boolean {
    if (grant.verb !== WILDCARD && grant.verb !== request.verb) return false;
    if (request.path !== undefined) return grant.nonResourceURL !== undefined && urlMatches(grant.nonResourceURL, request.path);
    if (grant.nonResourceURL !== undefined) return false;
    if (grant.namespace !== ALL_NAMESPACES && grant.namespace !== request.namespace) return false;
    return (grant.apiGroup === WILDCARD || grant.apiGroup === request.apiGroup)
      && resourceMatches(grant.resource, request)
      && namesMatch(grant.resourceNames ?? [], request.name);
  }

  private constructor() {}
}

function matchesOne(values: readonly string[], requested: string): boolean {
  return values.includes(WILDCARD) || values.includes(requested);
}

function resourceMatches(ruleResource: string, request: RequestAttributes): boolean {
  if (ruleResource === WILDCARD || ruleResource === AuditRequest.combinedResource(request)) return true;
  return request.subresource !== '' && ruleResource === `*/${request.subresource}`;
}

function namesMatch(names: readonly string[], requested: string): boolean {
  return names.length === 0 || names.includes(requested);
}

function urlMatches(ruleUrl: string, path: string): boolean {
  if (ruleUrl === WILDCARD || ruleUrl === path) return true;
  // strings.TrimRight(ruleURL, "*"): every trailing `*` goes.
  return ruleUrl.endsWith(WILDCARD) && path.startsWith(ruleUrl.replace(/\*+$/, ''));
}

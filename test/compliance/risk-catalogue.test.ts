import { bindingContext } from './rule-harness';
import { RiskCatalogue } from '../../src/compliance/risk-catalogue';
import type { BindingJson } from '../../src/compliance/rules/binding-risks';
import { CLUSTER_ADMIN_BINDING } from '../../src/compliance/rules/rbac/cluster-admin-binding';
import { DEFAULT_SERVICE_ACCOUNT_BINDING } from '../../src/compliance/rules/rbac/default-service-account-binding';
import { SYSTEM_GROUP_BINDING } from '../../src/compliance/rules/rbac/system-group-binding';
import { PolicyRuleJson } from '../../src/rbac/policy-rule';

/** What the binding-risk rules find in one binding, as (risk id, field, message). */
function assessBinding(binding: BindingJson): Array<{ riskId: string; field: string; message: string }> {
  return [CLUSTER_ADMIN_BINDING, SYSTEM_GROUP_BINDING, DEFAULT_SERVICE_ACCOUNT_BINDING]
    .flatMap((rule) => rule.match(binding, bindingContext(binding)).map((m) => ({ riskId: rule.id, field: m.field, message: m.message })));
}

/** The (risk, group, resource, verb) quadruples a rule triggers, as compact strings. */
function risksOf(rule: PolicyRuleJson): string[] {
  return RiskCatalogue.assess(rule).map((m) => `${m.riskId} ${m.apiGroup}/${m.resource}:${m.verb}`).sort();
}

function riskIds(rule: PolicyRuleJson): string[] {
  return [...new Set(RiskCatalogue.assess(rule).map((m) => m.riskId))].sort();
}

describe('RiskCatalogue data', () => {
  test('the catalogue is built from the role-risk rule files: each of their ids once, with a title and a reason', () => {
    const ids = RiskCatalogue.RISKS.map((r) => r.id);
    expect(ids).toEqual([
      'rbac/wildcard', 'rbac/secrets-access', 'rbac/create-pods', 'rbac/workload-write', 'rbac/exec-attach', 'rbac/ephemeral-containers',
      'rbac/escalate-bind-impersonate', 'rbac/token-request', 'rbac/secret-token-minting', 'rbac/nodes-proxy', 'rbac/webhook-config-write',
      'rbac/admission-policy-write', 'rbac/apiservice-write', 'rbac/namespace-write', 'rbac/status-write', 'rbac/csr-approval',
      'rbac/persistent-volume-create', 'rbac/auth-delegation',
    ]);
    for (const risk of RiskCatalogue.RISKS) {
      expect(risk.title.length).toBeGreaterThan(5);
      expect(risk.rationale.length).toBeGreaterThan(20);
    }
  });
});

describe('RiskCatalogue.assess', () => {
  test('a harmless rule carries no risk', () => {
    expect(risksOf({ apiGroups: ['', 'apps'], resources: ['configmaps', 'deployments', 'pods/log'], verbs: ['get', 'list', 'watch'] })).toEqual([]);
  });

  test('secrets: get, list and watch are each reported; update alone is not a read', () => {
    expect(risksOf({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch', 'update'] })).toEqual([
      'rbac/secrets-access /secrets:get', 'rbac/secrets-access /secrets:list', 'rbac/secrets-access /secrets:watch',
    ]);
    expect(risksOf({ apiGroups: [''], resources: ['secrets'], verbs: ['update'] })).toEqual([]);
  });

  test('secrets in another API group are not core Secrets', () => {
    expect(risksOf({ apiGroups: ['example.com'], resources: ['secrets'], verbs: ['get'] })).toEqual([]);
  });

  test('create on pods or any pod controller is create-pods; get is not; update and patch are workload-write', () => {
    expect(riskIds({ apiGroups: [''], resources: ['pods'], verbs: ['create'] })).toEqual(['rbac/create-pods']);
    for (const [group, resource] of [['apps', 'deployments'], ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['apps', 'replicasets'],
      ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers']]) {
      expect(risksOf({ apiGroups: [group], resources: [resource], verbs: ['create'] })).toEqual([`rbac/create-pods ${group}/${resource}:create`]);
    }
    expect(riskIds({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'delete'] })).toEqual([]);
    expect(riskIds({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'update', 'patch', 'delete'] })).toEqual(['rbac/workload-write']);
  });

  test('get on pods/exec, pods/attach or pods/portforward is enough to exec (WebSocket streams are GET)', () => {
    expect(risksOf({ apiGroups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['get'] })).toEqual([
      'rbac/exec-attach /pods/attach:get', 'rbac/exec-attach /pods/exec:get', 'rbac/exec-attach /pods/portforward:get',
    ]);
    expect(riskIds({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] })).toEqual(['rbac/exec-attach']);
    expect(riskIds({ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] })).toEqual([]);
  });

  test('*/exec matches pods/exec as RBAC does', () => {
    expect(risksOf({ apiGroups: [''], resources: ['*/exec'], verbs: ['get'] })).toEqual(['rbac/exec-attach /*/exec:get', 'rbac/wildcard /*/exec:get']);
  });

  test('bind and escalate on roles and clusterroles, not on rolebindings', () => {
    expect(risksOf({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'clusterroles'], verbs: ['bind', 'escalate'] })).toEqual([
      'rbac/escalate-bind-impersonate rbac.authorization.k8s.io/clusterroles:bind',
      'rbac/escalate-bind-impersonate rbac.authorization.k8s.io/clusterroles:escalate',
      'rbac/escalate-bind-impersonate rbac.authorization.k8s.io/roles:bind',
      'rbac/escalate-bind-impersonate rbac.authorization.k8s.io/roles:escalate',
    ]);
    expect(risksOf({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'clusterrolebindings'], verbs: ['bind', 'escalate', 'create'] })).toEqual([]);
  });

  test('impersonate on users, groups and serviceaccounts; uids and userextras alone are no identity (the API server refuses them without a user)', () => {
    expect(riskIds({ apiGroups: [''], resources: ['users'], verbs: ['impersonate'] })).toEqual(['rbac/escalate-bind-impersonate']);
    expect(riskIds({ apiGroups: [''], resources: ['groups'], verbs: ['impersonate'] })).toEqual(['rbac/escalate-bind-impersonate']);
    expect(riskIds({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] })).toEqual(['rbac/escalate-bind-impersonate']);
    expect(riskIds({ apiGroups: ['authentication.k8s.io'], resources: ['uids', 'userextras/scopes'], verbs: ['impersonate'] })).toEqual([]);
    expect(riskIds({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'create'] })).toEqual([]);
  });

  test('GIVEN */<key> with impersonate THEN only a wildcard: it impersonates userextras/<key>, which is no escalation without a user', () => {
    expect(risksOf({ apiGroups: ['authentication.k8s.io'], resources: ['*/scopes'], verbs: ['impersonate'] }))
      .toEqual(['rbac/wildcard authentication.k8s.io/*/scopes:impersonate']);
  });

  test('GIVEN a subresource-looking resource of another base THEN it is not userextras/* nor */<sub> (no risk)', () => {
    expect(riskIds({ apiGroups: ['authentication.k8s.io'], resources: ['userextrasx/scopes', 'users/scopes'], verbs: ['impersonate'] })).toEqual([]);
    expect(riskIds({ apiGroups: [''], resources: ['configmaps', 'pods/status', '*/status'], verbs: ['get'] })).toEqual(['rbac/wildcard']);
  });

  test('create on serviceaccounts/token is token-request; get is not', () => {
    expect(risksOf({ apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create', 'get'] })).toEqual(['rbac/token-request /serviceaccounts/token:create']);
  });

  test('nodes/proxy with any verb; nodes alone is not', () => {
    expect(riskIds({ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] })).toEqual(['rbac/nodes-proxy']);
    expect(riskIds({ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] })).toEqual([]);
  });

  test('write verbs on webhook configurations; read is not', () => {
    const group = 'admissionregistration.k8s.io';
    expect(riskIds({ apiGroups: [group], resources: ['validatingwebhookconfigurations'], verbs: ['patch'] })).toEqual(['rbac/webhook-config-write']);
    expect(RiskCatalogue.assess({ apiGroups: [group], resources: ['mutatingwebhookconfigurations'], verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] })).toHaveLength(5);
    expect(riskIds({ apiGroups: [group], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], verbs: ['get', 'list', 'watch'] })).toEqual([]);
  });

  test('update/patch on certificatesigningrequests/approval and approve on signers', () => {
    const group = 'certificates.k8s.io';
    expect(risksOf({ apiGroups: [group], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch', 'get'] })).toEqual([
      `rbac/csr-approval ${group}/certificatesigningrequests/approval:patch`, `rbac/csr-approval ${group}/certificatesigningrequests/approval:update`,
    ]);
    expect(risksOf({ apiGroups: [group], resources: ['signers'], verbs: ['approve'] })).toEqual([`rbac/csr-approval ${group}/signers:approve`]);
    expect(riskIds({ apiGroups: [group], resources: ['certificatesigningrequests'], verbs: ['create', 'update'] })).toEqual([]);
  });

  test('create persistentvolumes; claims are not', () => {
    expect(riskIds({ apiGroups: [''], resources: ['persistentvolumes'], verbs: ['create'] })).toEqual(['rbac/persistent-volume-create']);
    expect(riskIds({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] })).toEqual([]);
  });

  test('* in apiGroups only is still a wildcard', () => {
    expect(risksOf({ apiGroups: ['*'], resources: ['configmaps'], verbs: ['get'] })).toEqual(['rbac/wildcard */configmaps:get']);
  });

  test('* in verbs matches every risk the resource could carry', () => {
    expect(riskIds({ apiGroups: [''], resources: ['secrets'], verbs: ['*'] })).toEqual(['rbac/secret-token-minting', 'rbac/secrets-access', 'rbac/wildcard']);
    expect(riskIds({ apiGroups: [''], resources: ['pods'], verbs: ['*'] })).toEqual(['rbac/create-pods', 'rbac/wildcard', 'rbac/workload-write']);
  });

  test('* in resources matches every risk of the group; other groups stay clean', () => {
    expect(riskIds({ apiGroups: [''], resources: ['*'], verbs: ['get'] })).toEqual(['rbac/exec-attach', 'rbac/nodes-proxy', 'rbac/secrets-access', 'rbac/wildcard']);
    expect(riskIds({ apiGroups: ['apps'], resources: ['*'], verbs: ['create'] })).toEqual(['rbac/create-pods', 'rbac/wildcard']);
    expect(riskIds({ apiGroups: ['example.com'], resources: ['*'], verbs: ['get'] })).toEqual(['rbac/wildcard']);
  });

  test('*/*/* (cluster-admin) carries every rule risk', () => {
    const ids = riskIds({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] });
    expect(ids).toEqual(RiskCatalogue.RISKS.map((r) => r.id).sort());
  });

  test('a non-resource * is a wildcard; a plain URL is not', () => {
    expect(riskIds({ nonResourceURLs: ['*'], verbs: ['get'] })).toEqual(['rbac/wildcard']);
    expect(riskIds({ nonResourceURLs: ['/metrics'], verbs: ['get'] })).toEqual([]);
  });

  test('a malformed rule (strings instead of lists, junk entries) is read as far as it makes sense, never a crash', () => {
    const junk = { apiGroups: '', resources: 'secrets', verbs: 'get' } as unknown as PolicyRuleJson;
    expect(RiskCatalogue.assess(junk)).toEqual([]);
    const mixed = { apiGroups: [''], resources: ['secrets', 42, null], verbs: ['get', {}] } as unknown as PolicyRuleJson;
    expect(risksOf(mixed)).toEqual(['rbac/secrets-access /secrets:get']);
    expect(assessBinding({ subjects: 'nope' } as any)).toEqual([]);
    expect(assessBinding({ subjects: [null, { kind: 'ServiceAccount' }] } as any)).toEqual([]);
  });

  test('each match carries a message naming the verb, the resource and the group', () => {
    const [match] = RiskCatalogue.assess({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
    expect(match.message).toContain("verb 'list' on 'secrets' in apiGroup ''");
  });
});

describe('binding-risk rules: what each finds in one binding', () => {
  test('cluster-admin, dangerous system subjects and default ServiceAccounts are reported', () => {
    const matches = assessBinding({
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { kind: 'Group', name: 'system:authenticated' },
        { kind: 'User', name: 'system:anonymous' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'ops' },
        { kind: 'ServiceAccount', name: 'controller', namespace: 'ops' },
      ],
    });
    expect(matches.map((m) => `${m.riskId} ${m.field}`)).toEqual([
      'rbac/cluster-admin-binding roleRef',
      'rbac/system-group-binding subjects/0',
      'rbac/system-group-binding subjects/1',
      'rbac/default-service-account-binding subjects/2',
    ]);
  });

  test('a binding of a named role to a dedicated ServiceAccount is clean', () => {
    expect(assessBinding({
      roleRef: { kind: 'Role', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'controller', namespace: 'ops' }],
    })).toEqual([]);
  });

  test('GIVEN the default ServiceAccount by its other names, or every ServiceAccount THEN each is reported (main saw none)', () => {
    expect(assessBinding({
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'Group', name: 'system:serviceaccounts:ops' },
        { kind: 'User', name: 'system:serviceaccount:ops:default' },
        { kind: 'User', name: 'system:serviceaccount:ops:controller' },
        { kind: 'Group', name: 'system:serviceaccounts' },
      ],
    }).map((m) => `${m.riskId} ${m.field}`)).toEqual([
      'rbac/system-group-binding subjects/3',
      'rbac/default-service-account-binding subjects/0',
      'rbac/default-service-account-binding subjects/1',
    ]);
  });

  test('GIVEN a User or Group named default, or a ServiceAccount named like a system group THEN neither risk applies (kind and name both count)', () => {
    expect(assessBinding({
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', name: 'default' }, { kind: 'Group', name: 'default' }, { kind: 'ServiceAccount', name: 'system:authenticated', namespace: 'ops' }],
    })).toEqual([]);
  });
});

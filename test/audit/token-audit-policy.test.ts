import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { RbacSubject, TokenAuditPolicy } from '../../src';

type Json = Record<string, any>;

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

interface Attributes {
  readonly user: string;
  readonly groups: string[];
  readonly verb: string;
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly path?: string;
}

/**
 * The level the API server logs a request at: the first rule that matches decides, none is
 * `None` (k8s.io/apiserver/pkg/audit/policy/checker.go ruleMatches: users, userGroups, verbs,
 * then non-resource URLs or resources/namespaces; `*` only as a last character).
 */
function levelOf(policy: Json, a: Attributes): string {
  const has = (list: string[] | undefined, value: string) => list === undefined || list.length === 0 || list.includes(value);
  for (const rule of policy.rules as Json[]) {
    if (rule.users && !rule.users.includes(a.user)) continue;
    if (rule.userGroups && !a.groups.some((g) => rule.userGroups.includes(g))) continue;
    if (!has(rule.verbs, a.verb)) continue;
    if (rule.namespaces?.length || rule.resources?.length) {
      if (a.path !== undefined) continue;
      if (rule.namespaces?.length && !rule.namespaces.includes(a.namespace ?? '')) continue;
      const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      const matched = !rule.resources?.length || (rule.resources as Json[]).some((gr) => gr.group === (a.group ?? '')
        && (!gr.resources?.length || ((!gr.resourceNames?.length || gr.resourceNames.includes(a.name ?? ''))
          && gr.resources.some((r: string) => r === '*' || r === combined || (a.subresource && r === `*/${a.subresource}`) || r === `${a.resource}/*`))));
      if (!matched) continue;
    } else if (rule.nonResourceURLs?.length) {
      if (a.path === undefined) continue;
      if (!rule.nonResourceURLs.some((u: string) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.replace(/\*+$/, ''))))) continue;
    }
    return rule.level;
  }
  return 'None';
}

function policyOf(props?: ConstructorParameters<typeof TokenAuditPolicy>[2]): Json {
  const [policy] = Testing.synth(new TokenAuditPolicy(Testing.app(), 'audit-policy', props));
  return policy;
}

const sa = (ns: string, name: string) => ({ user: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
const person = { user: 'alice@example.com', groups: ['developers', 'system:authenticated'] };
const kubelet = { user: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };

describe('TokenAuditPolicy', () => {
  test('is an audit.k8s.io/v1 Policy in its own file, without RequestReceived and managed fields', () => {
    // GIVEN an app with the policy chart
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-policy-'));
    try {
      const app = new App({ outdir });
      new TokenAuditPolicy(app, 'audit-policy');
      app.synth();
      // THEN synth writes it alone to audit-policy.k8s.yaml
      expect(fs.readdirSync(outdir)).toEqual(['audit-policy.k8s.yaml']);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    const policy = policyOf();
    expect(policy).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'], omitManagedFields: true });
    expect(policy.rules.every((r: Json) => LEVELS.includes(r.level))).toBe(true);
  });

  test('every request made with a ServiceAccount token is logged at Metadata; other users\' reads are not logged', () => {
    const policy = policyOf();
    expect(levelOf(policy, { ...sa('shop', 'op'), verb: 'list', resource: 'pods', namespace: 'shop' })).toBe('Metadata');
    expect(levelOf(policy, { ...sa('shop', 'op'), verb: 'get', path: '/metrics' })).toBe('Metadata');
    expect(levelOf(policy, { ...person, verb: 'get', resource: 'pods', namespace: 'shop', name: 'p' })).toBe('None');
    expect(levelOf(policy, { ...kubelet, verb: 'get', resource: 'secrets', namespace: 'shop', name: 's' })).toBe('None');
  });

  test('never a body for Secrets, ConfigMaps or TokenRequests, whoever asks, whatever the verb', () => {
    const policy = policyOf();
    for (const who of [sa('shop', 'op'), person, kubelet]) {
      for (const verb of ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']) {
        for (const [resource, subresource] of [['secrets'], ['configmaps'], ['serviceaccounts', 'token']]) {
          const level = levelOf(policy, { ...who, verb, resource, subresource, namespace: 'shop', name: 'x' });
          expect([resource, subresource, verb, who.user, level]).toEqual([resource, subresource, verb, who.user, expect.stringMatching(/^(None|Metadata)$/)]);
        }
      }
    }
  });

  test('TokenRequests and Secret creations are logged for anyone (the kubelet minting pod tokens too), at Metadata', () => {
    const policy = policyOf();
    expect(levelOf(policy, { ...kubelet, verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'shop', name: 'op' })).toBe('Metadata');
    expect(levelOf(policy, { ...person, verb: 'create', resource: 'secrets', namespace: 'shop' })).toBe('Metadata');
  });

  test('RBAC and admission configuration changes are logged with their bodies; reading them is not', () => {
    const policy = policyOf();
    expect(levelOf(policy, { ...person, verb: 'patch', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', name: 'x' })).toBe('RequestResponse');
    expect(levelOf(policy, { ...sa('ci', 'deployer'), verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'shop' })).toBe('RequestResponse');
    expect(levelOf(policy, { ...person, verb: 'delete', group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', name: 'x' })).toBe('RequestResponse');
    expect(levelOf(policy, { ...person, verb: 'get', group: 'rbac.authorization.k8s.io', resource: 'roles', namespace: 'shop', name: 'x' })).toBe('None');
  });

  test('health checks and discovery are not logged, even for ServiceAccounts', () => {
    const policy = policyOf();
    for (const p of ['/healthz', '/livez', '/readyz?verbose', '/version', '/api', '/api/v1', '/apis', '/apis/apps/v1', '/openapi/v3']) {
      expect([p, levelOf(policy, { ...sa('shop', 'op'), verb: 'get', path: p.split('?')[0] })]).toEqual([p, 'None']);
    }
  });

  test('narrowed to namespaces and accounts: only their requests, their TokenRequests and Secret creations', () => {
    const policy = policyOf({ namespaces: ['team-a'], serviceAccounts: [RbacSubject.serviceAccount('ops', 'backup')] });
    expect(levelOf(policy, { ...sa('team-a', 'any'), verb: 'list', resource: 'pods', namespace: 'team-a' })).toBe('Metadata');
    expect(levelOf(policy, { ...sa('ops', 'backup'), verb: 'list', resource: 'pods' })).toBe('Metadata');
    expect(levelOf(policy, { ...sa('ops', 'other'), verb: 'list', resource: 'pods' })).toBe('None');
    expect(levelOf(policy, { ...kubelet, verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'ops', name: 'backup' })).toBe('Metadata');
    expect(levelOf(policy, { ...kubelet, verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'ops', name: 'other' })).toBe('None');
    expect(levelOf(policy, { ...kubelet, verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: 'team-a', name: 'x' })).toBe('Metadata');
    expect(levelOf(policy, { ...person, verb: 'create', resource: 'secrets', namespace: 'team-b' })).toBe('None');
    // RBAC changes stay cluster-wide: they change what any account may do
    expect(levelOf(policy, { ...person, verb: 'update', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'x' })).toBe('RequestResponse');
  });

  test('bad properties are refused with the construct path, the property, the value and what is allowed', () => {
    const app = Testing.app();
    expect(() => new TokenAuditPolicy(app, 'a', { namespaces: [] })).toThrow("TokenAuditPolicy 'a': namespaces is empty");
    expect(() => new TokenAuditPolicy(app, 'b', { namespaces: ['Team_A'] })).toThrow("TokenAuditPolicy 'b': namespaces 'Team_A' is not a namespace name");
    expect(() => new TokenAuditPolicy(app, 'c', { serviceAccounts: [RbacSubject.user('alice')] })).toThrow("TokenAuditPolicy 'c': serviceAccounts[0] User alice is not a ServiceAccount");
    expect(() => new TokenAuditPolicy(app, 'd', { serviceAccounts: [RbacSubject.serviceAccount('ops', 'Bad Name')] })).toThrow("TokenAuditPolicy 'd': serviceAccounts[0] name 'Bad Name' is not a ServiceAccount name");
  });
});

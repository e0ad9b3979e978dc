import * as fc from 'fast-check';
import { Random, SimAccount, SimRequest, simAccount, toLines } from './audit-log-generator';
import { AuditSummarizer } from '../../src/audit/audit-summarizer';
import { RbacRuleMatch } from '../../src/audit/rbac-rule-match';
import { RequestAttributes } from '../../src/audit/request-attributes';
import { SuggestedRole, SuggestedRules } from '../../src/audit/suggested-rules';
import type { Manifest } from '../../src/k8s/manifest';
import { EffectiveAccess } from '../../src/rbac/effective-access';

/** What a client can ask for: verbs per resource, whether names apply, and the scope. */
interface Target {
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly verbs: ReadonlyArray<SimRequest['verb']>;
  readonly cluster: boolean;
}

const TARGETS: readonly Target[] = [
  { apiGroup: '', resource: 'configmaps', verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'], cluster: false },
  { apiGroup: '', resource: 'secrets', verbs: ['get', 'list', 'watch'], cluster: false },
  { apiGroup: '', resource: 'pods', subresource: 'log', verbs: ['get'], cluster: false },
  { apiGroup: '', resource: 'serviceaccounts', subresource: 'token', verbs: ['create'], cluster: false },
  { apiGroup: 'apps', resource: 'deployments', verbs: ['get', 'list', 'watch', 'update', 'patch'], cluster: false },
  { apiGroup: 'apps', resource: 'deployments', subresource: 'status', verbs: ['get', 'update', 'patch'], cluster: false },
  { apiGroup: 'cache.example.com', resource: 'memcacheds', verbs: ['get', 'list', 'watch', 'update'], cluster: false },
  { apiGroup: '', resource: 'nodes', verbs: ['get', 'list', 'watch'], cluster: true },
  { apiGroup: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'], cluster: false },
];
const NAMESPACES = ['team-a', 'team-b'];
const NAMES = ['alpha', 'beta', 'gamma'];

/** One permission of the "true" policy the cluster enforces: a verb on a target, in a namespace ('' = everywhere), maybe only for some names. */
interface TrueGrant {
  readonly target: number;
  readonly verb: SimRequest['verb'];
  readonly namespace: string;
  readonly names?: readonly string[];
}

/** The authorizer's name for a request (none for a create of a resource, a plain list/watch, deletecollection). */
function authorizedName(target: Target, verb: string, name: string | undefined): string {
  if (name === undefined || verb === 'deletecollection') return '';
  if (verb === 'create' && target.subresource === undefined) return '';
  return name;
}

/** The true policy's decision, written independently of the code under test: exact tuple match. */
function trulyAllowed(policy: readonly TrueGrant[], target: number, verb: string, namespace: string, name: string): boolean {
  return policy.some((g) => g.target === target && g.verb === verb
    && (g.namespace === '' || g.namespace === namespace)
    && (g.names === undefined || g.names.includes(name)));
}

const grantArb = fc.integer({ min: 0, max: TARGETS.length - 1 }).chain((target) => fc.record({
  target: fc.constant(target),
  verb: fc.constantFrom(...TARGETS[target].verbs),
  namespace: TARGETS[target].cluster ? fc.constant('') : fc.constantFrom('', ...NAMESPACES),
  names: fc.option(fc.subarray(NAMES, { minLength: 1 }), { nil: undefined }),
}));

const askArb = fc.integer({ min: 0, max: TARGETS.length - 1 }).chain((target) => fc.record({
  target: fc.constant(target),
  verb: fc.constantFrom(...TARGETS[target].verbs),
  namespace: TARGETS[target].cluster ? fc.constant('') : fc.constantFrom('', ...NAMESPACES),
  name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  stages: fc.constantFrom(undefined, ['ResponseComplete'], ['RequestReceived', 'ResponseComplete']),
  duplicated: fc.boolean(),
  impersonated: fc.boolean(),
  // Most asks follow the policy (an operator mostly does what it may): the ask's verb and target come from grant `follow`.
  follow: fc.option(fc.nat(), { nil: undefined, freq: 4 }),
}));

/** The suggested rules, applied as Roles/ClusterRoles and bindings to the account. */
function applied(account: SimAccount, roles: readonly SuggestedRole[]): Manifest[] {
  const subject = { kind: 'ServiceAccount', name: account.name, namespace: account.namespace };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account.name, namespace: account.namespace } },
    ...roles.flatMap((role, i): Manifest[] => role.kind === 'Role'
      ? [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `suggested-${i}`, namespace: role.namespace }, rules: role.rules },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `suggested-${i}`, namespace: role.namespace },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `suggested-${i}` },
          subjects: [subject],
        },
      ]
      : [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: `suggested-${i}` }, rules: role.rules },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: `suggested-${i}` },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `suggested-${i}` },
          subjects: [subject],
        },
      ]),
  ];
}

describe('suggested rules (property)', () => {
  test('for any log, the suggested rules applied as Roles allow every used request and nothing that was denied (through effective access)', () => {
    const logs = fc.array(askArb, { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(fc.integer(), fc.array(grantArb, { maxLength: 12 }), logs, (seed, policy, asks) => {
      // GIVEN an operator whose cluster enforces `policy`, and a log of what it asked for
      const account = simAccount(new Random(seed), 'operators', 'op', 2);
      const requests: SimRequest[] = asks.map((random, i) => {
        const followed = random.follow !== undefined && policy.length > 0 ? policy[random.follow % policy.length] : undefined;
        const ask = followed
          ? { ...random, target: followed.target, verb: followed.verb, namespace: TARGETS[followed.target].cluster ? '' : followed.namespace || random.namespace || 'team-a' }
          : random;
        const target = TARGETS[ask.target];
        const name = ask.verb === 'deletecollection' ? undefined : ask.name ?? (ask.verb === 'get' || ask.verb === 'update' || ask.verb === 'patch' || target.subresource !== undefined ? 'alpha' : undefined);
        const allowed = trulyAllowed(policy, ask.target, ask.verb, ask.namespace, authorizedName(target, ask.verb, name));
        return {
          account,
          pod: i % 2,
          verb: ask.verb,
          apiGroup: target.apiGroup,
          resource: target.resource,
          ...(target.subresource ? { subresource: target.subresource } : {}),
          namespace: ask.namespace,
          ...(name !== undefined ? { name } : {}),
          allowed,
          stages: ask.stages,
          duplicated: ask.duplicated,
          ...(ask.impersonated ? { impersonatedBy: 'alice' } : {}),
          time: i * 1000,
          auditID: `id-${i}`,
        };
      });
      // WHEN the log is summarized and the rules are suggested
      const summarizer = new AuditSummarizer();
      toLines(requests).split('\n').forEach((text, i) => summarizer.addLine(text, 'audit.log', i + 1));
      const activity = summarizer.summary().accounts.find((a) => a.name === 'op')!;
      const suggested = SuggestedRules.of(activity.used.values());
      // THEN through effective access, the account may do every allowed request, and no denied one
      const grants = EffectiveAccess.compute(applied(account, suggested)).forServiceAccount('operators', 'op')!.grants;
      const counted = requests.filter((r) => !(r.stages?.length === 1 && r.stages[0] === 'RequestReceived'));
      for (const r of counted) {
        const target = TARGETS.find((t) => t.apiGroup === r.apiGroup && t.resource === r.resource && t.subresource === r.subresource)!;
        const attributes: RequestAttributes = {
          verb: r.verb,
          apiGroup: r.apiGroup,
          namespace: r.namespace,
          resource: r.resource,
          subresource: r.subresource ?? '',
          name: authorizedName(target, r.verb, r.name),
        };
        const allows = grants.some((g) => RbacRuleMatch.grantAllows(g, attributes));
        if (allows !== r.allowed) {
          throw new Error(`${r.allowed ? 'used' : 'denied'} ${JSON.stringify(attributes)} is ${allows ? 'allowed' : 'not allowed'} by ${JSON.stringify(suggested)}`);
        }
      }
    }), { numRuns: 300 });
  });

  test('names are kept only where every request named an object; a list without a field selector drops them', () => {
    // GIVEN gets of two named ConfigMaps, a named watch, and a plain list of secrets
    const account = simAccount(new Random(1), 'operators', 'op');
    const base = { account, apiGroup: '', namespace: 'team-a', allowed: true } as const;
    const summarizer = new AuditSummarizer();
    toLines([
      { ...base, verb: 'get', resource: 'configmaps', name: 'alpha', time: 1, auditID: '1' },
      { ...base, verb: 'get', resource: 'configmaps', name: 'beta', time: 2, auditID: '2' },
      { ...base, verb: 'watch', resource: 'configmaps', name: 'alpha', time: 3, auditID: '3' },
      { ...base, verb: 'list', resource: 'secrets', time: 4, auditID: '4' },
      { ...base, verb: 'create', resource: 'configmaps', name: 'gamma', time: 5, auditID: '5' },
    ]).split('\n').forEach((text, i) => summarizer.addLine(text, 'a.log', i + 1));
    // WHEN rules are suggested
    const [role] = SuggestedRules.of(summarizer.summary().accounts[0].used.values());
    // THEN
    expect(role).toEqual({
      kind: 'Role',
      namespace: 'team-a',
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['alpha', 'beta'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['watch'], resourceNames: ['alpha'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['list'] },
      ],
    });
  });

  test('discovery and self-reviews that every ServiceAccount may make are not suggested; cluster-wide requests go to a ClusterRole', () => {
    const summarizer = new AuditSummarizer();
    const user = { username: 'system:serviceaccount:ops:op' };
    const event = (auditID: string, verb: string, extra: object) => ({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      auditID,
      stage: 'ResponseComplete',
      verb,
      user,
      responseStatus: { code: 200 },
      annotations: { 'authorization.k8s.io/decision': 'allow' },
      ...extra,
    });
    summarizer.addEvent(event('1', 'get', { requestURI: '/apis/apps/v1' }));
    summarizer.addEvent(event('2', 'create', { objectRef: { apiGroup: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews' } }));
    summarizer.addEvent(event('3', 'get', { requestURI: '/metrics' }));
    summarizer.addEvent(event('4', 'list', { objectRef: { resource: 'pods' } }));
    const roles = SuggestedRules.of(summarizer.summary().accounts[0].used.values());
    expect(roles).toEqual([{
      kind: 'ClusterRole',
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }],
    }]);
  });
});

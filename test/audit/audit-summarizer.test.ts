import { eventsOf, Random, SimRequest, simAccount, toLines } from './audit-log-generator';
import { AuditSummarizer } from '../../src/audit/audit-summarizer';
import { AuditRequest } from '../../src/audit/request-attributes';

const random = new Random(7);
const operator = simAccount(random, 'shop', 'shop-operator', 2);
let nextId = 0;
function request(overrides: Partial<SimRequest>): SimRequest {
  nextId++;
  return {
    account: operator,
    verb: 'get',
    apiGroup: '',
    resource: 'configmaps',
    namespace: 'shop',
    name: 'settings',
    allowed: true,
    time: nextId * 1000,
    auditID: `00000000-0000-4000-a000-${String(nextId).padStart(12, '0')}`,
    ...overrides,
  };
}

function summarize(requests: readonly SimRequest[]) {
  const summarizer = new AuditSummarizer();
  toLines(requests).split('\n').forEach((text, i) => summarizer.addLine(text, 'audit.log', i + 1));
  return summarizer.summary();
}

function account(summary: ReturnType<typeof summarize>, namespace: string, name: string) {
  const found = summary.accounts.find((a) => a.namespace === namespace && a.name === name);
  if (!found) throw new Error(`no activity for ${namespace}/${name}`);
  return found.report();
}

describe('AuditRequest.attributesOf: the authorizer\'s view of a logged request', () => {
  test('a create of a resource has no name at authorization time, although the Event names the object', () => {
    // GIVEN a POST to the collection, whose objectRef the API server completes from the body
    const [, complete] = eventsOf(request({ verb: 'create', name: 'new-cm' }));
    expect((complete as any).objectRef.name).toBe('new-cm');
    // WHEN it is mapped
    const attributes = AuditRequest.attributesOf(complete as any)!;
    // THEN the name is empty, as RequestInfo had it
    expect(attributes).toMatchObject({ verb: 'create', resource: 'configmaps', name: '', namespace: 'shop' });
  });

  test('a create of a subresource has the name in its path, so the authorizer sees it', () => {
    const [, complete] = eventsOf(request({ verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'builder' }));
    expect((complete as any).requestURI).toBe('/api/v1/namespaces/shop/serviceaccounts/builder/token');
    expect(AuditRequest.attributesOf(complete as any)).toMatchObject({ verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'builder' });
  });

  test('a list with a metadata.name field selector is authorized with that name; a plain list with none', () => {
    const [, named] = eventsOf(request({ verb: 'list', name: 'settings' }));
    const [, plain] = eventsOf(request({ verb: 'list', name: undefined }));
    expect(AuditRequest.attributesOf(named as any)!.name).toBe('settings');
    expect(AuditRequest.attributesOf(plain as any)!.name).toBe('');
  });

  test('a request without objectRef is a non-resource request on its path, without the query', () => {
    const attributes = AuditRequest.attributesOf({ verb: 'get', requestURI: '/metrics?x=1' });
    expect(attributes).toEqual({ verb: 'get', apiGroup: '', namespace: '', resource: '', subresource: '', name: '', path: '/metrics' });
  });

  test('impersonating a ServiceAccount checks impersonate on serviceaccounts in its namespace, and groups beyond the implied ones', () => {
    const checks = AuditRequest.impersonationChecks({
      username: 'system:serviceaccount:shop:worker',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated', 'auditors'],
      extra: { scopes: ['view'] },
    });
    expect(checks).toEqual([
      { verb: 'impersonate', apiGroup: '', namespace: 'shop', resource: 'serviceaccounts', subresource: '', name: 'worker' },
      { verb: 'impersonate', apiGroup: '', namespace: '', resource: 'groups', subresource: '', name: 'auditors' },
      { verb: 'impersonate', apiGroup: 'authentication.k8s.io', namespace: '', resource: 'userextras', subresource: 'scopes', name: 'view' },
    ]);
  });
});

describe('AuditSummarizer', () => {
  test('each request counts once, whatever stages were logged: received+complete, complete only, a watch\'s three stages, a duplicated line', () => {
    // GIVEN four requests logged in four different ways
    const summary = summarize([
      request({ verb: 'get' }),
      request({ verb: 'get', stages: ['ResponseComplete'] }),
      request({ verb: 'watch', name: undefined }),
      request({ verb: 'get', duplicated: true }),
    ]);
    // THEN four requests are counted: three gets and one watch
    const report = account(summary, 'shop', 'shop-operator');
    expect(summary.requests).toBe(4);
    expect(report.requests).toBe(4);
    expect(report.used.map((p) => [p.verb, p.requests])).toEqual([['get', 3], ['watch', 1]]);
    expect(summary.events).toBe(2 + 1 + 3 + 3);
  });

  test('a request logged only at RequestReceived is not counted, and is reported as unfinished', () => {
    const summary = summarize([request({ stages: ['RequestReceived'] }), request({})]);
    expect(summary.requests).toBe(1);
    expect(summary.unfinishedRequests).toBe(1);
  });

  test('a RequestReceived line written after its ResponseComplete (files read out of order) does not count it again', () => {
    const summarizer = new AuditSummarizer();
    const [received, complete] = eventsOf(request({}));
    summarizer.addEvent(complete as any);
    summarizer.addEvent(received as any);
    expect(summarizer.summary().requests).toBe(1);
  });

  test('a batch of lines sent twice (a log shipper\'s retry: RequestReceived and ResponseComplete again) counts each request once', () => {
    const summarizer = new AuditSummarizer();
    const batch = [request({}), request({ verb: 'watch', name: undefined }), request({ verb: 'update' })].flatMap(eventsOf);
    for (const event of [...batch, ...batch]) summarizer.addEvent(event as any);
    expect(summarizer.summary().requests).toBe(3);
    expect(summarizer.summary().unfinishedRequests).toBe(0);
  });

  test('allowed requests are used with the authorizer\'s reason; forbidden ones are denied; an admission 403 after an allow is still used', () => {
    const summary = summarize([
      request({ verb: 'get', reason: 'RBAC: allowed by RoleBinding "op/shop" of Role "op" to ServiceAccount "shop-operator/shop"' }),
      request({ verb: 'list', resource: 'secrets', name: undefined, allowed: false }),
      request({ verb: 'create', resource: 'pods', name: 'p', code: 403 }),
    ]);
    const report = account(summary, 'shop', 'shop-operator');
    expect(report.used.map((p) => `${p.verb} ${p.resource}`)).toEqual(['get configmaps', 'create pods']);
    expect(report.used[0].reasons).toEqual(['RBAC: allowed by RoleBinding "op/shop" of Role "op" to ServiceAccount "shop-operator/shop"']);
    expect(report.denied.map((p) => `${p.verb} ${p.resource}`)).toEqual(['list secrets']);
  });

  test('a request rejected before authorization (429, no decision) is neither used nor denied', () => {
    const summarizer = new AuditSummarizer();
    const [, complete] = eventsOf(request({}));
    const { annotations, ...withoutDecision } = complete as any;
    summarizer.addEvent({ ...withoutDecision, responseStatus: { code: 429 } });
    const report = summarizer.summary().accounts[0].report();
    expect(report).toMatchObject({ requests: 1, undecidedRequests: 1, used: [], denied: [] });
    expect(annotations).toBeDefined();
  });

  test('impersonated requests count for the impersonated ServiceAccount, and say by whom; its tokens are untouched', () => {
    const summary = summarize([request({ impersonatedBy: 'alice@example.com' }), request({})]);
    const report = account(summary, 'shop', 'shop-operator');
    expect(report.requests).toBe(2);
    expect(report.impersonatedRequests).toBe(1);
    expect(report.impersonatedBy).toEqual(['alice@example.com']);
    expect(report.used[0].impersonatedRequests).toBe(1);
    expect(report.tokenRequests).toBe(1);
  });

  test('a ServiceAccount impersonating another used impersonate on it; the request counts for the other', () => {
    const summarizer = new AuditSummarizer();
    const [, complete] = eventsOf(request({}));
    summarizer.addEvent({ ...(complete as any), impersonatedUser: { username: 'system:serviceaccount:shop:reader', groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'] } });
    const summary = summarizer.summary();
    const actor = account(summary, 'shop', 'shop-operator');
    expect(actor.used.map((p) => `${p.verb} ${p.resource} ${p.names.join(',')}`)).toEqual(['impersonate serviceaccounts reader']);
    expect(actor.requests).toBe(0);
    expect(actor.tokenRequests).toBe(1);
    expect(account(summary, 'shop', 'reader').used.map((p) => p.verb)).toEqual(['get']);
  });

  test('a 403 without a decision whose message says "cannot impersonate" is a denied impersonation', () => {
    const summarizer = new AuditSummarizer();
    const [, complete] = eventsOf(request({}));
    const { annotations, ...event } = complete as any;
    summarizer.addEvent({
      ...event,
      responseStatus: { code: 403, message: 'serviceaccounts "admin" is forbidden: User "system:serviceaccount:shop:shop-operator" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"' },
    });
    const report = summarizer.summary().accounts[0].report();
    expect(report.denied.map((p) => [p.verb, p.resource, p.namespace, p.names])).toEqual([['impersonate', 'serviceaccounts', 'kube-system', ['admin']]]);
    expect(annotations).toBeDefined();
  });

  test('tokens: one per credential id, with pods, nodes, addresses and first/last use; legacy Secret tokens are flagged', () => {
    const legacy = { ...simAccount(random, 'shop', 'old-ci'), legacySecret: 'old-ci-token' };
    const summary = summarize([
      request({ pod: 0, time: 1000 }), request({ pod: 1, time: 2000 }), request({ pod: 0, time: 3000 }),
      request({ account: legacy }), request({ account: legacy }),
    ]);
    const op = account(summary, 'shop', 'shop-operator');
    expect(op.tokens.map((t) => [t.credentialId, t.requests, t.pods.map((p) => p.name), t.flags])).toEqual([
      [operator.pods[0].jti, 2, [operator.pods[0].name], []],
      [operator.pods[1].jti, 1, [operator.pods[1].name], []],
    ]);
    expect(op.tokens[0].firstUse < op.tokens[0].lastUse).toBe(true);
    const ci = account(summary, 'shop', 'old-ci');
    expect(ci.legacyTokenRequests).toBe(2);
    expect(ci.tokens.map((t) => [t.credentialId, t.flags])).toEqual([['secret/old-ci-token', ['legacy']]]);
  });

  test('one token presented from two addresses, or by two pods, is flagged', () => {
    const stolen = { ...operator, pods: [operator.pods[0], { ...operator.pods[1], jti: operator.pods[0].jti }] };
    const summary = summarize([request({ account: stolen, pod: 0 }), request({ account: stolen, pod: 1 })]);
    const [token] = account(summary, 'shop', 'shop-operator').tokens;
    expect(token.flags).toEqual(expect.arrayContaining(['multiple-pods', 'multiple-source-ips']));
  });

  test('malformed lines are counted with their line numbers and do not stop the run; other objects are skipped and counted', () => {
    const summarizer = new AuditSummarizer();
    const [, complete] = eventsOf(request({}));
    const lines = ['{"kind":', JSON.stringify(complete), '', '[1,2]', '{"kind":"Event","apiVersion":"audit.k8s.io/v2"}', JSON.stringify({ ...(complete as any), auditID: 'other' })];
    lines.forEach((text, i) => summarizer.addLine(text, 'a.log', i + 1));
    const summary = summarizer.summary();
    expect(summary.requests).toBe(2);
    expect(summary.malformedLines).toBe(2);
    expect(summary.notAuditEvents).toBe(1);
    expect(summary.skippedLines.map((s) => s.line)).toEqual([1, 4, 5]);
    expect(summary.skippedLines[0].reason).toMatch(/^not JSON/);
  });

  test('a generated reconcile log is summarized exactly as generated: counts per verb, denied, names', () => {
    // GIVEN 300 random requests with every kind of logging
    const r = new Random(42);
    const requests: SimRequest[] = [];
    const expected = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const verb = r.pick(['get', 'list', 'watch', 'update', 'patch', 'create'] as const);
      const allowed = r.next() < 0.85;
      const name = verb === 'list' || verb === 'watch' ? undefined : `obj-${r.int(5)}`;
      const resource = r.pick(['configmaps', 'services', 'pods']);
      requests.push(request({
        verb,
        name,
        resource,
        allowed,
        pod: r.int(2),
        duplicated: r.next() < 0.1,
        stages: r.next() < 0.3 ? ['ResponseComplete'] : undefined,
        impersonatedBy: r.next() < 0.05 ? 'bob' : undefined,
      }));
      const key = `${allowed ? 'used' : 'denied'} ${verb} ${resource}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    // WHEN summarized
    const report = account(summarize(requests), 'shop', 'shop-operator');
    // THEN every (outcome, verb, resource) has exactly the generated count
    const actual = new Map<string, number>([
      ...report.used.map((p) => [`used ${p.verb} ${p.resource}`, p.requests] as [string, number]),
      ...report.denied.map((p) => [`denied ${p.verb} ${p.resource}`, p.requests] as [string, number]),
    ]);
    expect(actual).toEqual(expected);
    expect(report.requests).toBe(300);
    const creates = report.used.filter((p) => p.verb === 'create');
    expect(creates.every((p) => p.names.length === 0 && p.unnamedRequests === p.requests)).toBe(true);
  });
});

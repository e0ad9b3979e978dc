import { CORE_GROUP, PolicyRuleJson, stringsOf, stringsOrEmptyOf, WILDCARD } from './policy-rule';

/** One dangerous permission (or binding) the library refuses, warns about, or checks. */
export interface Risk {
  /** Equal to the id of the compliance rule that reports it, e.g. `rbac/secrets-access`. */
  readonly id: string;
  readonly title: string;
  /** Why it is dangerous, in a sentence or two. */
  readonly why: string;
  /** `rule`: found in a Role/ClusterRole rule by `assess`; `binding`: found in a binding by `assessBinding`. */
  readonly appliesTo: 'rule' | 'binding';
}

/** Exactly which (apiGroup, resource, verb) of a rule triggered which risk. Values are as written in the rule. */
export interface RiskMatch {
  readonly riskId: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verb: string;
  readonly message: string;
}

/** Which subject or roleRef of a binding triggered which binding risk. */
export interface BindingRiskMatch {
  readonly riskId: string;
  /** `roleRef` or `subjects/<i>`: where in the binding the risk is. */
  readonly field: string;
  readonly message: string;
}

/** A binding as plain JSON (RoleBinding or ClusterRoleBinding). */
export interface BindingJson {
  readonly roleRef?: { readonly kind?: string; readonly name?: string };
  readonly subjects?: ReadonlyArray<{ readonly kind?: string; readonly name?: string; readonly namespace?: string }>;
}

/** The (groups, resources, verbs) a rule risk covers. `*` in `verbs` means any verb. */
interface RiskTarget {
  readonly groups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** The subjects CIS 5.1.7 names: binding them grants to everyone, or bypasses RBAC (masters). */
const DANGEROUS_SYSTEM_SUBJECTS = ['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'];

const RISK_LIST: readonly Risk[] = [
  {
    id: 'rbac/wildcard',
    title: 'Wildcard in apiGroups, resources or verbs',
    why: 'A `*` grants every current and future resource or verb, including ones added later by CRDs and upgrades; nobody can review what it allows.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/secrets-access',
    title: 'Reads Secrets',
    why: 'get/list/watch on secrets reveals every credential in scope (list and watch return the contents, not just the names).',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/create-pods',
    title: 'Creates pods or pod controllers',
    why: 'Whoever creates a pod (directly or through a Deployment, Job, ...) can run it as any ServiceAccount of the namespace and mount any of its Secrets.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/exec-attach',
    title: 'Execs into, attaches to or port-forwards to pods',
    why: 'pods/exec, pods/attach and pods/portforward give a shell or a socket inside running containers; the WebSocket streams are GET requests, so `get` is enough.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/escalate-bind-impersonate',
    title: 'Escalates, binds roles or impersonates',
    why: 'escalate/bind on roles lets a subject grant itself permissions it does not hold; impersonate acts as another user, group or ServiceAccount.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/token-request',
    title: 'Requests ServiceAccount tokens',
    why: 'create on serviceaccounts/token mints a token for any ServiceAccount in scope, and with it all of that account\'s permissions.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/nodes-proxy',
    title: 'Proxies to nodes',
    why: 'nodes/proxy reaches the kubelet API directly (exec into any pod on the node), bypassing admission and audit of the API server.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/webhook-config-write',
    title: 'Writes admission webhook configurations',
    why: 'Writing validating or mutating webhook configurations can disable policy enforcement or inject anything into every object created.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/csr-approval',
    title: 'Approves certificate signing requests',
    why: 'update on certificatesigningrequests/approval with approve on signers issues client certificates, e.g. as system:masters.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/persistent-volume-create',
    title: 'Creates PersistentVolumes',
    why: 'A PersistentVolume can point at a hostPath and so gives a pod access to the node\'s file system.',
    appliesTo: 'rule',
  },
  {
    id: 'rbac/cluster-admin-binding',
    title: 'Binds cluster-admin',
    why: 'cluster-admin is every verb on every resource in every namespace.',
    appliesTo: 'binding',
  },
  {
    id: 'rbac/system-group-binding',
    title: 'Binds system:anonymous, system:unauthenticated, system:authenticated or system:masters',
    why: 'These subjects are everyone (or every authenticated identity); system:masters bypasses RBAC entirely.',
    appliesTo: 'binding',
  },
  {
    id: 'rbac/default-service-account-binding',
    title: 'Grants permissions to a `default` ServiceAccount',
    why: 'Every pod that does not name a ServiceAccount runs as `default`, so its permissions go to workloads nobody meant to authorize.',
    appliesTo: 'binding',
  },
];

const TARGETS: Record<string, readonly RiskTarget[]> = {
  'rbac/secrets-access': [{ groups: [CORE_GROUP], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
  'rbac/create-pods': [
    { groups: [CORE_GROUP], resources: ['pods', 'replicationcontrollers'], verbs: ['create'] },
    { groups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: ['create'] },
    { groups: ['extensions'], resources: ['deployments', 'daemonsets', 'replicasets'], verbs: ['create'] },
    { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ['create'] },
  ],
  'rbac/exec-attach': [{ groups: [CORE_GROUP], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['get', 'create'] }],
  'rbac/escalate-bind-impersonate': [
    { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
    { groups: [CORE_GROUP], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
    // userextras is always written with the extra's key as subresource: userextras/scopes.
    { groups: ['authentication.k8s.io'], resources: ['uids', 'userextras', 'userextras/*'], verbs: ['impersonate'] },
  ],
  'rbac/token-request': [{ groups: [CORE_GROUP], resources: ['serviceaccounts/token'], verbs: ['create'] }],
  'rbac/nodes-proxy': [{ groups: [CORE_GROUP], resources: ['nodes/proxy'], verbs: [WILDCARD] }],
  'rbac/webhook-config-write': [
    { groups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], verbs: WRITE_VERBS },
  ],
  'rbac/csr-approval': [
    { groups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
    { groups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] },
  ],
  'rbac/persistent-volume-create': [{ groups: [CORE_GROUP], resources: ['persistentvolumes'], verbs: ['create'] }],
};

/** `TARGETS` as entries, computed once: `assess` runs for every (group, resource, verb) triple. */
const TARGET_ENTRIES = Object.entries(TARGETS);

// True when a rule's resource (`*`, `*` + `/sub`, or exact) covers the target resource (`res/*` = any subresource of res).
function resourceCovers(ruleResource: string, target: string): boolean {
  if (ruleResource === WILDCARD || ruleResource === target) return true;
  const [targetBase, targetSub] = target.split('/');
  // RBAC matches `*/<subresource>` against any resource's subresource.
  if (targetSub !== undefined && targetSub !== WILDCARD && ruleResource === `*/${targetSub}`) return true;
  // A target `res/*` stands for every subresource of res (userextras/<key>); `*/<key>` names
  // that subresource of every resource, so it covers res/<key> too.
  if (targetSub === WILDCARD && (ruleResource.startsWith(`${targetBase}/`) || ruleResource.startsWith(`${WILDCARD}/`))) return true;
  return false;
}

function targetCovers(target: RiskTarget, group: string, resource: string, verb: string): boolean {
  const groupOk = group === WILDCARD || target.groups.includes(group);
  const verbOk = verb === WILDCARD || target.verbs.includes(WILDCARD) || target.verbs.includes(verb);
  return groupOk && verbOk && target.resources.some((r) => resourceCovers(resource, r));
}

function quote(value: string): string {
  return `'${value}'`;
}

/**
 * The one catalogue of dangerous RBAC permissions. The constructs refuse or report with it and
 * the `rbac/*` compliance rules read it, so what the library generates and what it checks cannot
 * drift apart.
 */
export class RiskCatalogue {
  /** Every risk, rule risks first. */
  public static readonly RISKS: readonly Risk[] = RISK_LIST;

  /** The risk with this id, or undefined. */
  public static risk(id: string): Risk | undefined {
    return RISK_LIST.find((risk) => risk.id === id);
  }

  /**
   * Which risks a rule carries, one match per (risk, apiGroup, resource, verb) as written in the
   * rule. `*` in verbs or resources matches every risk it could cover; `*` anywhere (apiGroups
   * included) is also `rbac/wildcard`. Non-resource rules only carry `rbac/wildcard` (for `*`).
   */
  public static assess(rule: PolicyRuleJson): RiskMatch[] {
    const matches: RiskMatch[] = [];
    const verbs = stringsOf(rule?.verbs);
    for (const url of stringsOf(rule?.nonResourceURLs)) {
      for (const verb of verbs) {
        if (url === WILDCARD || verb === WILDCARD) {
          matches.push(RiskCatalogue.match('rbac/wildcard', CORE_GROUP, url, verb, `non-resource URL ${quote(url)} with verb ${quote(verb)}`));
        }
      }
    }
    for (const group of stringsOrEmptyOf(rule?.apiGroups)) {
      for (const resource of stringsOf(rule?.resources)) {
        for (const verb of verbs) {
          if (group === WILDCARD || resource.includes(WILDCARD) || verb === WILDCARD) {
            matches.push(RiskCatalogue.match('rbac/wildcard', group, resource, verb));
          }
          for (const [riskId, targets] of TARGET_ENTRIES) {
            if (targets.some((target) => targetCovers(target, group, resource, verb))) {
              matches.push(RiskCatalogue.match(riskId, group, resource, verb));
            }
          }
        }
      }
    }
    return matches;
  }

  /**
   * Which binding risks a RoleBinding or ClusterRoleBinding carries: a roleRef to
   * `cluster-admin`, a system:anonymous/unauthenticated/authenticated/masters subject, or a
   * ServiceAccount subject named `default`.
   */
  public static assessBinding(binding: BindingJson): BindingRiskMatch[] {
    const matches: BindingRiskMatch[] = [];
    if (binding?.roleRef?.kind === 'ClusterRole' && binding.roleRef?.name === 'cluster-admin') {
      matches.push({ riskId: 'rbac/cluster-admin-binding', field: 'roleRef', message: 'binds the ClusterRole cluster-admin (every verb on every resource)' });
    }
    const subjects = Array.isArray(binding?.subjects) ? binding.subjects : [];
    subjects.forEach((subject, i) => {
      if (!subject || typeof subject !== 'object') return;
      const name = typeof subject.name === 'string' ? subject.name : '';
      if ((subject.kind === 'Group' || subject.kind === 'User') && DANGEROUS_SYSTEM_SUBJECTS.includes(name)) {
        matches.push({ riskId: 'rbac/system-group-binding', field: `subjects/${i}`, message: `binds ${subject.kind} ${quote(name)}` });
      }
      if (subject.kind === 'ServiceAccount' && name === 'default') {
        const where = subject.namespace ? ` in namespace ${quote(subject.namespace)}` : '';
        matches.push({ riskId: 'rbac/default-service-account-binding', field: `subjects/${i}`, message: `grants to the ServiceAccount 'default'${where}, which every pod without a ServiceAccount runs as` });
      }
    });
    return matches;
  }

  private static match(riskId: string, apiGroup: string, resource: string, verb: string, what?: string): RiskMatch {
    const risk = RiskCatalogue.risk(riskId)!;
    const grants = what ?? `verb ${quote(verb)} on ${quote(resource)} in apiGroup ${quote(apiGroup)}`;
    return { riskId, apiGroup, resource, verb, message: `${risk.title}: ${grants}. ${risk.why}` };
  }

  private constructor() {}
}

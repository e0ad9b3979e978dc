import type { Rule } from '../rule';
import { GUARDRAILS_EXPIRED_SUPPRESSION } from './guardrails/expired-suppression';
import { GUARDRAILS_INVALID_SUPPRESSION } from './guardrails/invalid-suppression';
import { imageDigestRule } from './hardening/image-digest';
import { imageTagRule } from './hardening/image-tag';
import { readOnlyRootFsRule } from './hardening/read-only-root-fs';
import { resourcesRule } from './hardening/resources';
import { appArmorRule } from './pss/apparmor';
import { capabilitiesRule } from './pss/capabilities';
import { capabilitiesBaselineRule } from './pss/capabilities-baseline';
import { hostNamespacesRule } from './pss/host-namespaces';
import { hostPathRule } from './pss/host-path';
import { hostPortsRule } from './pss/host-ports';
import { hostProbesRule } from './pss/host-probes';
import { hostProcessRule } from './pss/host-process';
import { privilegeEscalationRule } from './pss/privilege-escalation';
import { privilegedRule } from './pss/privileged';
import { procMountRule } from './pss/proc-mount';
import { runAsNonRootRule } from './pss/run-as-non-root';
import { runAsUserRule } from './pss/run-as-user';
import { seccompRule } from './pss/seccomp';
import { seccompBaselineRule } from './pss/seccomp-baseline';
import { seLinuxRule } from './pss/selinux';
import { sysctlsRule } from './pss/sysctls';
import { volumeTypesRule } from './pss/volume-types';
import { ADMISSION_POLICY_WRITE } from './rbac/admission-policy-write';
import { APISERVICE_WRITE } from './rbac/apiservice-write';
import { AUTH_DELEGATION } from './rbac/auth-delegation';
import { CLUSTER_ADMIN_BINDING } from './rbac/cluster-admin-binding';
import { CLUSTER_ADMIN_EQUIVALENT } from './rbac/cluster-admin-equivalent';
import { CLUSTER_SCOPE } from './rbac/cluster-scope';
import { CREATE_PODS } from './rbac/create-pods';
import { CSR_APPROVAL } from './rbac/csr-approval';
import { DANGLING_REFERENCE } from './rbac/dangling-reference';
import { DEFAULT_SERVICE_ACCOUNT_BINDING } from './rbac/default-service-account-binding';
import { EPHEMERAL_CONTAINERS } from './rbac/ephemeral-containers';
import { ESCALATE_BIND_IMPERSONATE } from './rbac/escalate-bind-impersonate';
import { EXEC_ATTACH } from './rbac/exec-attach';
import { NAMESPACE_WRITE } from './rbac/namespace-write';
import { NODES_PROXY } from './rbac/nodes-proxy';
import { PERSISTENT_VOLUME_CREATE } from './rbac/persistent-volume-create';
import { SECRET_TOKEN_MINTING } from './rbac/secret-token-minting';
import { SECRETS_ACCESS } from './rbac/secrets-access';
import { STATUS_WRITE } from './rbac/status-write';
import { SYSTEM_GROUP_BINDING } from './rbac/system-group-binding';
import { TOKEN_REQUEST } from './rbac/token-request';
import { UNMATCHABLE_PERMISSION } from './rbac/unmatchable-permission';
import { WEBHOOK_CONFIG_WRITE } from './rbac/webhook-config-write';
import { WILDCARD } from './rbac/wildcard';
import { WORKLOAD_WRITE } from './rbac/workload-write';
import { AUTOMOUNT_POD } from './token/automount-pod';
import { AUTOMOUNT_SERVICE_ACCOUNT } from './token/automount-service-account';
import { DEFAULT_SERVICE_ACCOUNT } from './token/default-service-account';
import { LEGACY_TOKEN_SECRET } from './token/legacy-token-secret';
import { PROJECTED_TTL } from './token/projected-ttl';
import { SERVICE_ACCOUNT_EXISTS } from './token/service-account-exists';
import { SIDECAR_EXPOSURE } from './token/sidecar-exposure';
import { UNNECESSARY_TOKEN } from './token/unnecessary-token';

/**
 * The rule catalogue: every rule, by family, in documentation order. A rule is one file at
 * `rules/<id>.ts`; adding one means adding its file and one line here (packs, docs, the README
 * table and the catalogue tests follow).
 */

/** Family `token`: how pods get (or, preferably, do not get) API credentials. */
export const TOKEN_RULES: readonly Rule[] = [
  AUTOMOUNT_POD,
  AUTOMOUNT_SERVICE_ACCOUNT,
  DEFAULT_SERVICE_ACCOUNT,
  SERVICE_ACCOUNT_EXISTS,
  LEGACY_TOKEN_SECRET,
  PROJECTED_TTL,
  SIDECAR_EXPOSURE,
  UNNECESSARY_TOKEN,
];

/**
 * Family `rbac`: dangerous permissions in Roles/ClusterRoles, dangerous bindings, and the paths
 * by which a ServiceAccount becomes cluster-admin-equivalent.
 */
export const RBAC_RULES: readonly Rule[] = [
  WILDCARD,
  SECRETS_ACCESS,
  CREATE_PODS,
  WORKLOAD_WRITE,
  EXEC_ATTACH,
  EPHEMERAL_CONTAINERS,
  ESCALATE_BIND_IMPERSONATE,
  CLUSTER_ADMIN_BINDING,
  SYSTEM_GROUP_BINDING,
  TOKEN_REQUEST,
  SECRET_TOKEN_MINTING,
  NODES_PROXY,
  WEBHOOK_CONFIG_WRITE,
  ADMISSION_POLICY_WRITE,
  APISERVICE_WRITE,
  NAMESPACE_WRITE,
  STATUS_WRITE,
  CSR_APPROVAL,
  PERSISTENT_VOLUME_CREATE,
  AUTH_DELEGATION,
  DEFAULT_SERVICE_ACCOUNT_BINDING,
  CLUSTER_SCOPE,
  DANGLING_REFERENCE,
  UNMATCHABLE_PERMISSION,
  CLUSTER_ADMIN_EQUIVALENT,
];

/** Family `pss`, Baseline controls, in the order of the Pod Security Standards. */
export const PSS_BASELINE_RULES: readonly Rule[] = [
  hostProcessRule,
  hostNamespacesRule,
  privilegedRule,
  capabilitiesBaselineRule,
  hostPathRule,
  hostPortsRule,
  hostProbesRule,
  appArmorRule,
  seLinuxRule,
  procMountRule,
  seccompBaselineRule,
  sysctlsRule,
];

/**
 * Family `pss`, the controls Restricted adds to Baseline (the `pss-restricted` pack is Baseline +
 * these). Each reports only what Baseline does not, so a problem is reported once.
 */
export const PSS_RESTRICTED_RULES: readonly Rule[] = [
  volumeTypesRule,
  privilegeEscalationRule,
  runAsNonRootRule,
  runAsUserRule,
  seccompRule,
  capabilitiesRule,
];

/** Family `hardening`: beyond the Pod Security Standards. */
export const HARDENING_RULES: readonly Rule[] = [
  readOnlyRootFsRule,
  resourcesRule,
  imageTagRule,
  imageDigestRule,
];

/** The engine's own rule: a suppression it cannot accept. */
export const INVALID_SUPPRESSION: Rule = GUARDRAILS_INVALID_SUPPRESSION;

/** The engine's own rule: a suppression past its expiry date. */
export const EXPIRED_SUPPRESSION: Rule = GUARDRAILS_EXPIRED_SUPPRESSION;

/** The rules the engine reports itself (about suppressions), always as errors, whatever the packs. */
export const ENGINE_RULES: readonly Rule[] = [INVALID_SUPPRESSION, EXPIRED_SUPPRESSION];

/** Every rule of every family, in catalogue order, plus the engine's own `guardrails/*` rules. */
export const ALL_RULES: readonly Rule[] = [
  ...TOKEN_RULES,
  ...RBAC_RULES,
  ...PSS_BASELINE_RULES,
  ...PSS_RESTRICTED_RULES,
  ...HARDENING_RULES,
  ...ENGINE_RULES,
];

const BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/** Lookups in the rule catalogue. */
export class RuleRegistry {
  /** The rule with this id, or undefined. */
  public static get(id: string): Rule | undefined {
    return BY_ID.get(id);
  }

  /** Every rule id, in catalogue order. */
  public static ids(): string[] {
    return ALL_RULES.map((rule) => rule.id);
  }

  private constructor() {}
}

import { CLUSTER_ADMIN_BINDING } from './cluster-admin-binding';
import { CLUSTER_SCOPE } from './cluster-scope';
import { CREATE_PODS } from './create-pods';
import { CSR_APPROVAL } from './csr-approval';
import { DANGLING_REFERENCE } from './dangling-reference';
import { DEFAULT_SERVICE_ACCOUNT_BINDING } from './default-service-account-binding';
import { ESCALATE_BIND_IMPERSONATE } from './escalate-bind-impersonate';
import { EXEC_ATTACH } from './exec-attach';
import { NODES_PROXY } from './nodes-proxy';
import { PERSISTENT_VOLUME_CREATE } from './persistent-volume-create';
import { SECRETS_ACCESS } from './secrets-access';
import { SYSTEM_GROUP_BINDING } from './system-group-binding';
import { TOKEN_REQUEST } from './token-request';
import { WEBHOOK_CONFIG_WRITE } from './webhook-config-write';
import { WILDCARD } from './wildcard';
import type { Rule } from '../../rule';

/** Pack `rbac`: dangerous permissions in Roles/ClusterRoles and dangerous bindings. */
export const RBAC_RULES: readonly Rule[] = [
  WILDCARD,
  SECRETS_ACCESS,
  CREATE_PODS,
  EXEC_ATTACH,
  ESCALATE_BIND_IMPERSONATE,
  CLUSTER_ADMIN_BINDING,
  SYSTEM_GROUP_BINDING,
  TOKEN_REQUEST,
  NODES_PROXY,
  WEBHOOK_CONFIG_WRITE,
  CSR_APPROVAL,
  PERSISTENT_VOLUME_CREATE,
  DEFAULT_SERVICE_ACCOUNT_BINDING,
  CLUSTER_SCOPE,
  DANGLING_REFERENCE,
];

import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/ephemeral-containers`: No update or patch on pods/ephemeralcontainers. */
export const EPHEMERAL_CONTAINERS = roleRiskRule({
  id: 'rbac/ephemeral-containers',
  title: 'No update or patch on pods/ephemeralcontainers',
  risk: 'Adds ephemeral containers to running pods',
  defaultSeverity: 'error',
  rationale: 'An ephemeral container (kubectl debug) runs any image inside a running pod, with its ServiceAccount token, volumes and network, and with a shared process namespace its processes: code execution in the pod, as exec gives.',
  remediation: 'Remove update and patch on pods/ephemeralcontainers; grant debugging to people, for a limited time, not to workloads.',
  references: ['rbac-police pods_ephemeral_ctrs', 'Kubernetes ephemeral containers'],
  examples: {
    failing: exampleGrant('Role', 'debugger', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
      { apiGroups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] },
    ]),
    passing: exampleGrant('Role', 'debugger', [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] }],
});

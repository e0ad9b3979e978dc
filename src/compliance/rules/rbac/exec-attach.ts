import { CORE_GROUP } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/exec-attach`: No get or create on pods/exec, pods/attach, pods/portforward. */
export const EXEC_ATTACH = roleRiskRule({
  id: 'rbac/exec-attach',
  title: 'No get or create on pods/exec, pods/attach, pods/portforward',
  risk: 'Execs into, attaches to or port-forwards to pods',
  defaultSeverity: 'error',
  rationale: 'pods/exec, pods/attach and pods/portforward open a shell or a socket inside running containers. The WebSocket streams are GET requests, so `get` alone is enough to exec.',
  remediation: 'Remove every verb on pods/exec, pods/attach and pods/portforward.',
  references: ['C-0002', 'C-0063', 'Polaris *PodExecAttach'],
  examples: {
    failing: exampleGrant('Role', 'dashboard', [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    ]),
    passing: exampleGrant('Role', 'dashboard', [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
    ]),
  },
  matches: [{ groups: [CORE_GROUP], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['get', 'create'] }],
});

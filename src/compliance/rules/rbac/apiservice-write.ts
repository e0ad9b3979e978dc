import { WRITE_VERBS } from '../../../rbac/policy-rule';
import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/apiservice-write`: No write verbs on apiservices. */
export const APISERVICE_WRITE = roleRiskRule({
  id: 'rbac/apiservice-write',
  title: 'No write verbs on apiservices',
  risk: 'Writes APIServices',
  defaultSeverity: 'error',
  rationale: 'An APIService routes a whole API group version to a Service: whoever writes APIServices can send every request for that group (with the caller\'s identity in headers) to a server of their choice, read what clients send, and answer in the API server\'s name.',
  remediation: 'Remove create/update/patch/delete on apiservices.apiregistration.k8s.io; ship APIServices as manifests. A controller that only injects the CA bundle needs update/patch limited by resourceNames to its own APIService (reported at a lower severity).',
  references: ['Kubernetes API aggregation layer'],
  examples: {
    failing: exampleGrant('ClusterRole', 'metrics-adapter', [
      { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['get', 'list', 'watch', 'create', 'update'] },
    ]),
    passing: exampleGrant('ClusterRole', 'metrics-adapter', [
      { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['get', 'list', 'watch'] },
    ]),
  },
  matches: [{ groups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: WRITE_VERBS }],
});

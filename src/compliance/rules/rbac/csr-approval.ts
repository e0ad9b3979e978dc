import { exampleGrant } from '../examples';
import { roleRiskRule } from '../role-risks';

/** `rbac/csr-approval`: No update on certificatesigningrequests/approval, no approve on signers. */
export const CSR_APPROVAL = roleRiskRule({
  id: 'rbac/csr-approval',
  title: 'No update on certificatesigningrequests/approval, no approve on signers',
  risk: 'Approves certificate signing requests',
  defaultSeverity: 'error',
  rationale: 'Approving certificate signing requests issues client certificates, for example as a member of system:masters, which bypasses RBAC.',
  remediation: 'Remove update/patch on certificatesigningrequests/approval and approve on signers.',
  references: ['CIS 5.1.11', 'C-0280'],
  examples: {
    failing: exampleGrant('ClusterRole', 'csr-monitor', [
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update'] },
      { apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/kubelet-serving'], verbs: ['approve'] },
    ]),
    passing: exampleGrant('ClusterRole', 'csr-monitor', [
      { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['get', 'list', 'watch'] },
    ]),
  },
  matches: [
    { groups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'], verbs: ['update', 'patch'] },
    { groups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] },
  ],
});

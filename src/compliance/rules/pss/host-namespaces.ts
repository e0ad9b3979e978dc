import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { PSS_BASELINE_URL } from '../pod-fields';

const HOST_NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** PSS baseline "Host Namespaces": `hostNetwork`, `hostPID`, `hostIPC` must be undefined or false. */
export const hostNamespacesRule: Rule = {
  id: 'pss/host-namespaces',
  title: 'Pods must not share the host network, PID or IPC namespace',
  defaultSeverity: 'error',
  rationale: 'Sharing the host namespaces lets a container see and reach host processes, host IPC and every network interface of the node, which defeats container isolation.',
  remediation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC from the pod spec (or set them to false).',
  references: [
    `Pod Security Standards, Baseline: Host Namespaces (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: hostNamespaces',
    'CIS Kubernetes Benchmark v1.8: 5.2.3, 5.2.4, 5.2.5',
    'checkov: CKV_K8S_17, CKV_K8S_18, CKV_K8S_19',
    'Kyverno: disallow-host-namespaces',
    'Kubescape: C-0038, C-0041',
    'kube-linter: host-network, host-pid, host-ipc',
    'Polaris: hostNetworkSet, hostPIDSet, hostIPCSet',
  ],
  examples: {
    failing: [exampleDeployment({ hostNetwork: true, containers: [exampleContainer()] })],
    passing: [exampleDeployment({ containers: [exampleContainer()] })],
  },
  checkPod(pod) {
    const violations: PodViolation[] = [];
    for (const field of HOST_NAMESPACE_FIELDS) {
      const value = pod.spec[field];
      if (value !== undefined && value !== null && value !== false) {
        violations.push({ path: `${pod.path}/${field}`, message: `The pod sets ${field}: ${JSON.stringify(value)}; remove ${field} or set it to false.` });
      }
    }
    return violations;
  },
};

import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, isUnset, podSecurityContext, PSS_RESTRICTED_URL } from '../pod-fields';


/**
 * PSS restricted "Running as Non-root": `runAsNonRoot` must be true. A container may leave it
 * undefined when the pod sets `spec.securityContext.runAsNonRoot: true`; an explicit `false`
 * anywhere fails. From v1.35 a pod with its own user namespace (`hostUsers: false`) is not
 * checked: root in it is not root on the node (check_runAsNonRoot.go).
 */
export const runAsNonRootRule: Rule = {
  id: 'pss/run-as-non-root',
  title: 'Containers must run with runAsNonRoot: true',
  defaultSeverity: 'error',
  rationale: 'With runAsNonRoot: true the kubelet refuses to start a container whose user is root (UID 0); root in a container is one kernel bug away from root on the node.',
  remediation: 'Set spec.securityContext.runAsNonRoot: true on the pod (and do not set it to false on any container), or set it to true on every container.',
  references: [
    `Pod Security Standards, Restricted: Running as Non-root (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: runAsNonRoot',
    'CIS Kubernetes Benchmark v1.8: 5.2.7',
    'checkov: CKV_K8S_23',
    'Kyverno: require-run-as-nonroot',
    'Kubescape: C-0013',
    'kube-linter: run-as-non-root',
    'Polaris: runAsRootAllowed',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer()] })],
    passing: [exampleDeployment({ securityContext: { runAsNonRoot: true }, containers: [exampleContainer()] })],
  },
  checkPod(pod, { options }) {
    if (PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec)) return undefined;
    const podValue = podSecurityContext(pod)?.runAsNonRoot;
    if (isUnset(podValue) || podValue === true) return undefined;
    return [{ path: `${pod.path}/securityContext/runAsNonRoot`, message: `The pod sets securityContext.runAsNonRoot: ${JSON.stringify(podValue)}; set it to true.` }];
  },
  checkContainer(container, pod, { options }) {
    if (PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec)) return undefined;
    const value = containerSecurityContext(container)?.runAsNonRoot;
    if (value === true) return undefined;
    if (!isUnset(value)) {
      return [{ path: '/securityContext/runAsNonRoot', message: `The ${describeContainer(container)} sets securityContext.runAsNonRoot: ${JSON.stringify(value)}; set it to true.` }];
    }
    if (podSecurityContext(pod)?.runAsNonRoot === true) return undefined;
    return [{
      path: '/securityContext/runAsNonRoot',
      message: `The ${describeContainer(container)} does not set securityContext.runAsNonRoot and the pod does not set it to true; set runAsNonRoot: true on the pod or the container.`,
    }];
  },
};

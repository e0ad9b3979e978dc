import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, podSecurityContext, PSS_RESTRICTED_URL } from '../pod-fields';

/**
 * PSS restricted "Running as Non-root user": `runAsUser` (pod and every container) must be
 * undefined or non-zero. From v1.35 a pod with its own user namespace (`hostUsers: false`) is not
 * checked: UID 0 in it maps to an unprivileged UID on the node (check_runAsUser.go).
 */
export const runAsUserRule: Rule = {
  id: 'pss/run-as-user',
  title: 'Pods and containers must not set runAsUser: 0',
  defaultSeverity: 'error',
  rationale: 'runAsUser: 0 runs the container as root, whatever the image says.',
  remediation: 'Remove runAsUser: 0 or set a non-zero UID (for example 65532) on the pod and every container.',
  references: [
    `Pod Security Standards, Restricted: Running as Non-root user (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: runAsUser',
    'Kyverno: require-run-as-non-root-user',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { runAsUser: 0 } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { runAsUser: 65532 } })] })],
  },
  checkPod(pod, { options }) {
    if (PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec) || podSecurityContext(pod)?.runAsUser !== 0) return undefined;
    return [{ path: `${pod.path}/securityContext/runAsUser`, message: 'The pod sets securityContext.runAsUser: 0 (root); set a non-zero UID or remove it.' }];
  },
  checkContainer(container, pod, { options }) {
    if (PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec) || containerSecurityContext(container)?.runAsUser !== 0) return undefined;
    return [{ path: '/securityContext/runAsUser', message: `The ${describeContainer(container)} sets securityContext.runAsUser: 0 (root); set a non-zero UID or remove it.` }];
  },
};

import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { ContainerRef } from '../../manifest-index';
import type { ContainerViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asObject, describeContainer, PSS_BASELINE_URL } from '../pod-fields';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];

/** Reports a `host` set in the `httpGet` or `tcpSocket` action of one probe or lifecycle handler. */
function hostViolations(container: ContainerRef, where: string, handler: unknown, out: ContainerViolation[]): void {
  for (const action of ACTIONS) {
    const host = asObject(asObject(handler)?.[action])?.host;
    if (host !== undefined && host !== null && host !== '') {
      out.push({
        path: `/${where}/${action}/host`,
        message: `The ${describeContainer(container)} sets ${where.replace('/', '.')}.${action}.host ${JSON.stringify(host)}; remove host so that the kubelet targets the pod.`,
      });
    }
  }
}

/**
 * PSS baseline "Probes and lifecycle hooks" (v1.34+): the `host` of `httpGet`/`tcpSocket` in
 * liveness, readiness and startup probes and in postStart/preStop handlers must be undefined or
 * empty, on every container.
 */
export const hostProbesRule: Rule = {
  id: 'pss/host-probes',
  title: 'Probes and lifecycle hooks must not set a host',
  defaultSeverity: 'error',
  rationale: 'The kubelet runs probes and lifecycle hooks from the node; a custom host turns them into requests from the node to any address, which can reach services the pod itself could not.',
  remediation: 'Remove host from httpGet and tcpSocket in every probe and lifecycle handler (the kubelet then targets the pod IP).',
  references: [
    `Pod Security Standards, Baseline: Probes / Lifecycle Hooks (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: hostProbesAndHostLifecycle (v1.34+)',
    'Gatekeeper library: k8spsphostprobeslifecycle',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ readinessProbe: { httpGet: { host: '127.0.0.1', path: '/healthz', port: 8080 } } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } })] })],
  },
  checkContainer(container, _pod, { options }) {
    if (!PodSecurityVersion.atLeast(options, 34)) return undefined;
    const violations: ContainerViolation[] = [];
    // Plain loops over the constant field lists: this runs for every container of the input.
    for (const probe of PROBES) hostViolations(container, probe, container.container[probe], violations);
    const lifecycle = asObject(container.container.lifecycle);
    if (lifecycle) {
      for (const handler of LIFECYCLE_HANDLERS) hostViolations(container, `lifecycle/${handler}`, lifecycle[handler], violations);
    }
    return violations;
  },
};

import { PodSecurityVersion } from './pod-security-version';
import { asObject, containerViolation, describeContainer, PSS_BASELINE_URL } from './pod-spec';
import type { Rule, Violation } from '../../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const LIFECYCLE_HANDLERS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];

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
  check(index, options) {
    if (!PodSecurityVersion.atLeast(options, 34)) return [];
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      for (const container of pod.containers) {
        const handlers: Array<[string, unknown]> = [
          ...PROBES.map((p): [string, unknown] => [p, container.container[p]]),
          ...LIFECYCLE_HANDLERS.map((h): [string, unknown] => [`lifecycle/${h}`, asObject(container.container.lifecycle)?.[h]]),
        ];
        for (const [where, handler] of handlers) {
          for (const action of ACTIONS) {
            const host = asObject(asObject(handler)?.[action])?.host;
            if (host !== undefined && host !== null && host !== '') {
              violations.push(containerViolation(pod, container, `/${where}/${action}/host`,
                `The ${describeContainer(container)} sets ${where.replace('/', '.')}.${action}.host ${JSON.stringify(host)}; remove host so that the kubelet targets the pod.`));
            }
          }
        }
      }
    }
    return violations;
  },
};

import type { ContainerViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asObject, describeContainer } from '../pod-fields';

type Field = 'requests.cpu' | 'requests.memory' | 'limits.memory';

/**
 * Each required field with the sections that satisfy it (Kubernetes defaults a missing request
 * to the limit, so a limit satisfies the request). Precomputed: this runs for every container.
 */
const REQUIRED: ReadonlyArray<{ readonly field: Field; readonly resource: string; readonly sections: readonly string[] }> = [
  { field: 'requests.cpu', resource: 'cpu', sections: ['requests', 'limits'] },
  { field: 'requests.memory', resource: 'memory', sections: ['requests', 'limits'] },
  { field: 'limits.memory', resource: 'memory', sections: ['limits'] },
];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * Whether a resource field is effectively set for a container: in one of its sections, on the
 * container or at pod level (`spec.resources`, v1.32+, covers every container).
 */
function effectivelySet(podLevel: Record<string, any> | undefined, own: Record<string, any> | undefined, required: typeof REQUIRED[number]): boolean {
  for (const section of required.sections) {
    if (isSet(asObject(own?.[section])?.[required.resource]) || isSet(asObject(podLevel?.[section])?.[required.resource])) return true;
  }
  return false;
}

/**
 * Every init and regular container declares CPU and memory requests and a memory limit.
 *
 * A CPU limit is deliberately not required: CPU is compressible, and a CPU limit throttles the
 * container (CFS quota) even when the node is idle, which causes latency spikes; the request
 * already guarantees the container's share under contention. Memory is not compressible, so
 * without a memory limit one container can push the node into OOM and evict its neighbours.
 * Ephemeral containers are skipped: the API does not allow resources on them.
 */
export const resourcesRule: Rule = {
  id: 'hardening/resources',
  title: 'Containers must declare CPU and memory requests and a memory limit',
  defaultSeverity: 'warning',
  rationale: 'Without requests the scheduler cannot place pods safely and the pod gets BestEffort QoS (first to be evicted); without a memory limit one container can exhaust the node\'s memory (a denial of service for every pod on it).',
  remediation: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container. A CPU limit is optional and often better left out (it throttles even on an idle node).',
  references: [
    'NSA/CISA Kubernetes Hardening Guide: resource policies',
    'checkov: CKV_K8S_10, CKV_K8S_12, CKV_K8S_13',
    'Kyverno: require-requests-limits',
    'Kubescape: C-0004',
    'kube-linter: unset-cpu-requirements, unset-memory-requirements',
    'Polaris: cpuRequestsMissing, memoryRequestsMissing, memoryLimitsMissing',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer()] })],
    passing: [exampleDeployment({
      containers: [exampleContainer({ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } })],
    })],
  },
  checkContainer(container, pod) {
    if (container.kind === 'ephemeralContainers') return undefined;
    const own = asObject(container.container.resources);
    const podLevel = asObject(pod.spec.resources);
    const violations: ContainerViolation[] = [];
    for (const required of REQUIRED) {
      if (effectivelySet(podLevel, own, required)) continue;
      // All on the container's resources: the engine reports them as one finding that lists the fields.
      const subject = `The ${describeContainer(container)} does not set`;
      const item = `resources.${required.field}`;
      violations.push({ path: '/resources', message: `${subject} ${item}.`, grouping: { subject, item } });
    }
    return violations;
  },
};

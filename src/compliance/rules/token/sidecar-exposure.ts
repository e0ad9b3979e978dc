import type { PodSpecRef } from '../../manifest-index';
import { containersMounting, isAutomounted, projectedTokens } from '../../pod-tokens';
import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount, exampleTokenMount, exampleTokenVolume } from '../examples';

/** The target for the automounted token (no volume of its own in the manifest). */
const AUTOMOUNT_TARGET = 'automount';

/** `token/sidecar-exposure`: an API token reaches only the containers that need it. */
export const SIDECAR_EXPOSURE: Rule = {
  id: 'token/sidecar-exposure',
  title: 'An API token is mounted only into the containers that need it (not into init containers or every container of a multi-container pod)',
  defaultSeverity: 'warning',
  rationale: 'A token mounted into a container that does not call the API server only widens the attack surface: a compromised sidecar or init container (often third-party images) can use the workload\'s permissions. Automount always gives the token to every container.',
  remediation: 'Disable automount and mount a projected serviceAccountToken volume only into the container that talks to the API server. Init containers rarely need it.',
  references: ['none'],
  examples: {
    failing: [
      exampleServiceAccount(),
      exampleDeployment({
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        containers: [
          exampleContainer({ volumeMounts: [exampleTokenMount('api-token')] }),
          { name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', volumeMounts: [exampleTokenMount('api-token')] },
        ],
        volumes: [exampleTokenVolume('api-token', { expirationSeconds: 3600 })],
      }),
    ],
    passing: [
      exampleServiceAccount(),
      exampleDeployment({
        serviceAccountName: 'web',
        automountServiceAccountToken: false,
        containers: [
          exampleContainer({ volumeMounts: [exampleTokenMount('api-token')] }),
          { name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9' },
        ],
        volumes: [exampleTokenVolume('api-token', { expirationSeconds: 3600 })],
      }),
    ],
  },
  checkPod(pod, { index }) {
    const violations: PodViolation[] = [];
    if (isAutomounted(pod, index)) {
      report(pod, AUTOMOUNT_TARGET, new Set(pod.containers.map((c) => c.name)), `${pod.path}/automountServiceAccountToken`, 'The automounted API token', violations);
    }
    const tokens = projectedTokens(pod);
    const seen = new Set<string>();
    for (const token of tokens) {
      if (seen.has(token.volumeName)) continue;
      seen.add(token.volumeName);
      report(pod, token.volumeName, containersMounting(pod, token.volumeName), token.path, `The projected token in volume '${token.volumeName}'`, violations);
    }
    return violations;
  },
};

function report(pod: PodSpecRef, source: string, mountedBy: Set<string>, path: string, what: string, out: PodViolation[]): void {
  for (const c of pod.containers) {
    if (c.kind === 'initContainers' && mountedBy.has(c.name)) {
      out.push({
        path: c.path,
        target: c.name,
        message: `${what} is mounted into init container '${c.name}'. Mount it only into the container that calls the API server.`,
      });
    }
  }
  // Counted in one loop rather than filtered: this runs for every token source of every pod.
  let regularCount = 0;
  let allMount = true;
  for (const c of pod.containers) {
    if (c.kind !== 'containers') continue;
    regularCount++;
    if (!mountedBy.has(c.name)) allMount = false;
  }
  if (regularCount > 1 && allMount) {
    const regular = pod.containers.filter((c) => c.kind === 'containers');
    out.push({
      path,
      target: source,
      message: `${what} is mounted into all ${regular.length} containers (${regular.map((c) => c.name).join(', ')}). Mount it only into the container that calls the API server.`,
    });
  }
}

import type { PodSpecRef } from '../../manifest-index';
import { ContainerTokens, describeRole, PodTokenModel, PodTokens, TokenHolding } from '../../pod-tokens';
import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment, exampleServiceAccount, exampleTokenMount, exampleTokenVolume } from '../examples';

/** The target for the automounted token (no volume of its own in the manifest). */
const AUTOMOUNT_TARGET = 'automount';

/** How a holding reads in a message. */
function how(holding: TokenHolding): string {
  switch (holding.via) {
    case 'automount': return 'automounted';
    case 'projected': return `projected volume '${holding.token.volumeName}'`;
    case 'kubelet-pods-dir': return `host path ${holding.volume.hostPath} in volume '${holding.volume.volumeName}'`;
    case 'process-namespace': return `from '${holding.from}' through the shared process namespace`;
  }
}

/** `container 'a' (automounted; projected volume 't')`, each way once (a volume listed twice reads once). */
function holderList(holders: readonly ContainerTokens[]): string {
  return holders.map((c) => `${describeRole(c)} (${[...new Set(c.apiTokens.map(how))].join('; ')})`).join(', ');
}

/**
 * `token/sidecar-exposure`: API tokens reach more containers than those that use them. A static
 * check cannot know which containers call the API server; it reports a pod whose token reaches
 * every one of its containers (so the holders cannot be told apart from those that do not need
 * it), or reaches containers beyond those that mount it (a shared process namespace).
 */
export const SIDECAR_EXPOSURE: Rule = {
  id: 'token/sidecar-exposure',
  title: 'API tokens reach only the containers that use them (not every container of the pod, not through a shared process namespace)',
  defaultSeverity: 'warning',
  rationale: 'A token in a container that does not call the API server only widens the attack surface: a compromised sidecar, proxy or log shipper (often third-party images) can use the workload\'s permissions. Automount gives the token to every init and regular container; `shareProcessNamespace: true` lets each container read the others\' mounted tokens through /proc/<pid>/root. '
    + 'Any container may be the one that needs the token (a pre-start migration, a CNI installer writing a kubeconfig, an IPAM upgrade in an init container): the rule does not guess which, it reports when the token reaches all of them.',
  remediation: 'Disable automount and mount a projected serviceAccountToken volume only into the containers that call the API server: with this library, name them in `apiAccess.containers` (SecureDeployment, SecureStatefulSet, ...); for third-party manifests, `cdk8s-guardrails harden --token-containers NAME[,NAME]`. Do not share the process namespace of a pod that holds a token; if every container really calls the API server, suppress the finding with that reason.',
  references: ['none: no peer checks this'],
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
    // A single container cannot share its token with another (the model is not built for it).
    if (pod.containers.length < 2) return undefined;
    const model = PodTokenModel.of(pod, index);
    const holders = PodTokenModel.holders(model);
    if (holders.length < 2) return undefined;
    const spread = holders.filter((c) => c.apiTokens.every((h) => h.via === 'process-namespace'));
    if (spread.length > 0) return [sharedNamespace(pod, model, holders, spread)];
    if (holders.length < model.containers.length) return undefined;
    // Every container holds a token of its own: which ones need it cannot be told apart.
    const all = `An API token reaches all ${holders.length} containers of the pod: ${holderList(holders)}. The rule cannot tell which of them call the API server.`;
    if (holders.some((c) => c.apiTokens.some((h) => h.via === 'automount'))) {
      return [{ path: `${pod.path}/automountServiceAccountToken`, target: AUTOMOUNT_TARGET, message: all }];
    }
    const first = holders.flatMap((c) => c.apiTokens).find((h) => h.via === 'projected');
    if (first?.via === 'projected') return [{ path: first.token.path, target: first.token.volumeName, message: all }];
    const volume = holders.flatMap((c) => c.apiTokens).find((h) => h.via === 'kubelet-pods-dir');
    return volume?.via === 'kubelet-pods-dir' ? [{ path: `${pod.path}/volumes/${volume.volume.position}`, target: volume.volume.volumeName, message: all }] : undefined;
  },
};

/** The finding for tokens read through a shared process namespace, on the field that shares it. */
function sharedNamespace(pod: PodSpecRef, model: PodTokens, holders: readonly ContainerTokens[], spread: readonly ContainerTokens[]): PodViolation {
  const own = holders.filter((c) => !spread.includes(c));
  const message = `${own.map(describeRole).join(', ')} ${own.length === 1 ? 'holds' : 'hold'} an API token, and ${spread.map(describeRole).join(', ')} `
    + `can read it through /proc/<pid>/root of the shared process namespace (unless ${spread.length === 1 ? 'it runs' : 'they run'} as another user without CAP_SYS_PTRACE, which the manifest does not settle): ${holderList(spread)}.`;
  if (pod.spec.shareProcessNamespace === true) return { path: `${pod.path}/shareProcessNamespace`, target: 'shareProcessNamespace', message };
  // Without a shared namespace, only an ephemeral container's targetContainerName shares one.
  const reader = model.containers.find((c) => spread.includes(c) && c.role === 'ephemeral')!;
  return { path: `${reader.container.path}/targetContainerName`, target: reader.container.name, message };
}

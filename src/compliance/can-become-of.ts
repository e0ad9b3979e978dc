import { EffectiveAccessOf } from './effective-access-of';
import type { ManifestIndex } from './manifest-index';
import { CanBecome, RunningPod } from '../rbac/can-become';

/**
 * "Who can become whom" for the input (plus the bootstrap policy), computed once per index and
 * only when a rule or report asks for it. The pods are the engine's pod specs: every Pod and
 * workload template, in the namespace `kubectl apply -n` puts it.
 */
export class CanBecomeOf {
  public static of(index: ManifestIndex): CanBecome {
    return index.memo('can-become', () => {
      const runningPods = CanBecomeOf.runningPods(index);
      // The input's effective access is computed once per index: the graph only adds the bootstrap
      // bindings to it, and reads the input's RBAC objects through it (no manifests are passed).
      const access = EffectiveAccessOf.of(index);
      return CanBecome.compute([], { runningPods, defaultNamespace: index.defaultNamespace, access });
    });
  }

  /** Every pod spec of the input as a running pod: its namespace, its ServiceAccount, and its name for a Pod. */
  public static runningPods(index: ManifestIndex): RunningPod[] {
    return index.podSpecs.map((pod) => {
      const namespace = pod.owner.namespace ?? index.defaultNamespace;
      const manifest = pod.owner.manifest;
      return manifest.kind === 'Pod'
        ? { namespace, serviceAccountName: pod.serviceAccountName, podName: manifest.metadata.name }
        : { namespace, serviceAccountName: pod.serviceAccountName };
    });
  }

  private constructor() {}
}

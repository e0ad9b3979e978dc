import * as kplus from 'cdk8s-plus-28';
import type * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import type { Construct } from 'constructs';

/**
 * cdk8s-plus-28 has no projected volume. We create an ordinary `Volume` (so that
 * `container.mount()` and the pod's volume list work unchanged) and replace what it renders
 * with the projected source. `_toKube()` returns the TypeScript-cased L1 struct, which the L1
 * mapping then turns into Kubernetes keys (`downwardApi` -> `downwardAPI`); a JsonPatch would
 * have had to use the same TypeScript names, and would break on container indices.
 */
export function projectedVolume(scope: Construct, id: string, name: string, projected: k8s.ProjectedVolumeSource): kplus.Volume {
  const volume = kplus.Volume.fromEmptyDir(scope, id, name);
  const rendered: k8s.Volume = { name, projected };
  Object.defineProperty(volume, '_toKube', { value: () => rendered });
  return volume;
}

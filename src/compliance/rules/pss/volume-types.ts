import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { PodViolation, Rule, RuleOptions } from '../../rule';
import { EXAMPLE_NAMESPACE, exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, PSS_RESTRICTED_URL } from '../pod-fields';

/** The only volume sources the Restricted profile allows (and `image` from v1.33: `restrictedVolumeTypes`). */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
];

/** The volume sources Restricted allows at the configured version: `image` (read-only OCI artifacts) from v1.33. */
export function restrictedVolumeTypes(options: RuleOptions): readonly string[] {
  return PodSecurityVersion.atLeast(options, PodSecurityVersion.IMAGE_VOLUMES_MINOR) ? [...RESTRICTED_VOLUME_TYPES, 'image'] : RESTRICTED_VOLUME_TYPES;
}

function volumeLabel(name: string | undefined, position: number): string {
  return `Volume '${name ?? `#${position}`}'`;
}

/**
 * PSS restricted "Volume Types": every volume must set one of the allowed sources. hostPath is
 * left to `pss/host-path` (part of the same pack) so that it is reported once.
 */
export const volumeTypesRule: Rule = {
  id: 'pss/volume-types',
  title: 'Pods may use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes (and image from v1.33)',
  defaultSeverity: 'error',
  rationale: 'Other volume types (nfs, iscsi, gitRepo, cloud disks, flexVolume, ...) are mounted by the node with node credentials and bypass the PersistentVolume admission path; Restricted limits pods to core, self-contained types.',
  remediation: 'Replace the volume with one of the allowed types; use a PersistentVolumeClaim for network or cloud storage.',
  references: [
    `Pod Security Standards, Restricted: Volume Types (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: restrictedVolumes',
    'Kyverno: restrict-volume-types',
  ],
  examples: {
    failing: [exampleDeployment({
      containers: [exampleContainer({ volumeMounts: [{ name: 'media', mountPath: '/srv/media' }] })],
      volumes: [{ name: 'media', nfs: { server: 'nfs.example.com', path: '/exports/media' } }],
    })],
    passing: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'media', namespace: EXAMPLE_NAMESPACE },
        spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '20Gi' } } },
      },
      exampleDeployment({
        containers: [exampleContainer({ volumeMounts: [{ name: 'media', mountPath: '/srv/media' }] })],
        volumes: [{ name: 'media', persistentVolumeClaim: { claimName: 'media' } }],
      }),
    ],
  },
  checkPod(pod, { options }) {
    const allowed = restrictedVolumeTypes(options);
    const violations: PodViolation[] = [];
    asArray(pod.spec.volumes).forEach((raw, i) => {
      const volume = asObject(raw) ?? {};
      const name = typeof volume.name === 'string' ? volume.name : undefined;
      const target = name !== undefined ? { target: name } : {};
      // One pass over the keys, without intermediate arrays: this runs for every volume of the input.
      let hasSource = false;
      for (const key of Object.keys(volume)) {
        if (key === 'name' || volume[key] === undefined || volume[key] === null) continue;
        hasSource = true;
        if (allowed.includes(key) || key === 'hostPath') continue;
        violations.push({
          path: `${pod.path}/volumes/${i}/${key}`,
          message: `${volumeLabel(name, i)} uses the ${key} volume type; Restricted allows only ${allowed.join(', ')} (use a PersistentVolumeClaim for other storage).`,
          ...target,
        });
      }
      if (!hasSource) {
        violations.push({ path: `${pod.path}/volumes/${i}`, message: `${volumeLabel(name, i)} sets no volume source; set one of ${allowed.join(', ')}.`, ...target });
      }
    });
    return violations;
  },
};

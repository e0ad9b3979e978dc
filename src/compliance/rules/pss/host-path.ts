import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, PSS_BASELINE_URL } from '../pod-fields';

/** PSS baseline "HostPath Volumes": `spec.volumes[*].hostPath` must be undefined. */
export const hostPathRule: Rule = {
  id: 'pss/host-path',
  title: 'Pods must not mount hostPath volumes',
  defaultSeverity: 'error',
  rationale: 'A hostPath volume exposes the node\'s filesystem to the container: writing to it (or even reading kubelet credentials, the container runtime socket or other pods\' data) is a direct path to node compromise.',
  remediation: 'Replace the hostPath volume with an emptyDir, a ConfigMap/Secret, a projected volume or a PersistentVolumeClaim.',
  references: [
    `Pod Security Standards, Baseline: HostPath Volumes (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: hostPathVolumes',
    'CIS Kubernetes Benchmark v1.8: 5.2.12',
    'Kyverno: disallow-host-path',
    'Kubescape: C-0048',
  ],
  examples: {
    failing: [exampleDeployment({
      containers: [exampleContainer({ volumeMounts: [{ name: 'cache', mountPath: '/var/cache/web' }] })],
      volumes: [{ name: 'cache', hostPath: { path: '/var/cache/web', type: 'DirectoryOrCreate' } }],
    })],
    passing: [exampleDeployment({
      containers: [exampleContainer({ volumeMounts: [{ name: 'cache', mountPath: '/var/cache/web' }] })],
      volumes: [{ name: 'cache', emptyDir: {} }],
    })],
  },
  checkPod(pod) {
    const violations: PodViolation[] = [];
    asArray(pod.spec.volumes).forEach((raw, i) => {
      const volume = asObject(raw) ?? {};
      const hostPath = volume.hostPath;
      if (hostPath === undefined || hostPath === null) return;
      const name = typeof volume.name === 'string' ? volume.name : undefined;
      const hostDir = asObject(hostPath)?.path;
      violations.push({
        path: `${pod.path}/volumes/${i}/hostPath`,
        message: `Volume '${name ?? `#${i}`}' is a hostPath volume${hostDir ? ` (${hostDir})` : ''}; use an emptyDir, ConfigMap, Secret, projected volume or PersistentVolumeClaim instead.`,
        ...(name !== undefined ? { target: name } : {}),
      });
    });
    return violations;
  },
};

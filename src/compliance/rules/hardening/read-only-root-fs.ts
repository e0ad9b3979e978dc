import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { containerSecurityContext, describeContainer, isWindowsPod } from '../pod-fields';

/**
 * Every container (init, regular and ephemeral) sets `securityContext.readOnlyRootFilesystem:
 * true`. Windows pods are skipped: the API rejects the field when `spec.os.name` is windows.
 */
export const readOnlyRootFsRule: Rule = {
  id: 'hardening/read-only-root-fs',
  title: 'Containers must run with a read-only root filesystem',
  defaultSeverity: 'warning',
  rationale: 'A writable root filesystem lets an attacker drop tools, modify binaries or persist inside the container; a read-only one forces writes into explicit volumes.',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true on every container and mount an emptyDir where the application must write (for example /tmp).',
  references: [
    'CIS Kubernetes Benchmark 5.7.3 (apply security context)',
    'NSA/CISA Kubernetes Hardening Guide: immutable container filesystems',
    'checkov: CKV_K8S_22',
    'Kyverno: require-ro-rootfs',
    'Kubescape: C-0017',
    'kube-linter: no-read-only-root-fs',
    'Polaris: notReadOnlyRootFilesystem',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer()] })],
    passing: [exampleDeployment({
      containers: [exampleContainer({ securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    })],
  },
  checkContainer(container, pod) {
    if (isWindowsPod(pod)) return undefined;
    const value = containerSecurityContext(container)?.readOnlyRootFilesystem;
    if (value === true) return undefined;
    const state = value === undefined ? 'does not set' : `sets ${JSON.stringify(value)} for`;
    return [{
      path: '/securityContext/readOnlyRootFilesystem',
      message: `The ${describeContainer(container)} ${state} securityContext.readOnlyRootFilesystem; set it to true and mount an emptyDir where it must write.`,
    }];
  },
};

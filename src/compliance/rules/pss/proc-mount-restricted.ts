import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { PSS_RESTRICTED_URL } from '../pod-fields';
import { procMountViolation } from './proc-mount';

/**
 * PSS restricted "/proc Mount Type" (v1.35+, check_procMount_restricted.go): `procMount` must be
 * undefined or `Default` even in a pod with its own user namespace. It reports only what
 * `pss/proc-mount` (baseline, part of the same pack) lets through, so a problem is reported once.
 */
export const procMountRestrictedRule: Rule = {
  id: 'pss/proc-mount-restricted',
  title: 'Containers must use the default /proc mount, in a user namespace too (v1.35+)',
  defaultSeverity: 'error',
  rationale: 'The default /proc mount masks and makes read-only the parts of /proc that expose or control the host kernel. From v1.35, baseline lets a pod with its own user namespace (hostUsers: false) unmask it; restricted does not.',
  remediation: 'Remove securityContext.procMount from every container (or set it to Default), or run the pod under baseline only.',
  references: [
    `Pod Security Standards, Restricted: /proc Mount Type (${PSS_RESTRICTED_URL})`,
    'Pod Security Admission check: procMount_restricted',
  ],
  examples: {
    failing: [exampleDeployment({ hostUsers: false, containers: [exampleContainer({ securityContext: { procMount: 'Unmasked' } })] })],
    passing: [exampleDeployment({ hostUsers: false, containers: [exampleContainer()] })],
  },
  checkContainer(container, pod, { options }) {
    // Elsewhere pss/proc-mount reports it.
    if (!PodSecurityVersion.relaxesUserNamespacePod(options, pod.spec)) return undefined;
    return procMountViolation(container);
  },
};

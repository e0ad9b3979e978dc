import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { Rule, RuleOptions } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asObject, containerSecurityContext, describeContainer, podSecurityContext, PSS_BASELINE_URL } from '../pod-fields';

/** The SELinux types Baseline allows (`container_engine_t` since v1.31). */
function allowedTypes(options: RuleOptions): string[] {
  const types = ['container_t', 'container_init_t', 'container_kvm_t'];
  if (PodSecurityVersion.atLeast(options, 31)) types.push('container_engine_t');
  return types;
}

const isUnset = (value: unknown) => value === undefined || value === null || value === '';

/** Problems with one seLinuxOptions object: [field, message] pairs. */
function problems(securityContext: Record<string, any> | undefined, options: RuleOptions): Array<[string, string]> {
  const selinux = asObject(securityContext?.seLinuxOptions);
  if (!selinux) return [];
  const found: Array<[string, string]> = [];
  const types = allowedTypes(options);
  if (!isUnset(selinux.type) && !types.includes(selinux.type)) {
    found.push(['type', `seLinuxOptions.type ${JSON.stringify(selinux.type)}; remove it or use one of ${types.join(', ')}`]);
  }
  for (const field of ['user', 'role']) {
    if (!isUnset(selinux[field])) found.push([field, `seLinuxOptions.${field} ${JSON.stringify(selinux[field])}; remove it (a custom SELinux ${field} is forbidden)`]);
  }
  return found;
}

/**
 * PSS baseline "SELinux": `seLinuxOptions.type` (pod and every container) must be undefined or
 * container_t, container_init_t, container_kvm_t, container_engine_t (v1.31+); `user` and `role`
 * must be undefined.
 */
export const seLinuxRule: Rule = {
  id: 'pss/selinux',
  title: 'Pods must not set custom SELinux users, roles or types',
  defaultSeverity: 'error',
  rationale: 'A custom SELinux user, role or type can place the container in a more privileged SELinux domain than the runtime would, escaping the isolation SELinux provides.',
  remediation: 'Remove seLinuxOptions.user and seLinuxOptions.role, and either remove seLinuxOptions.type or use container_t, container_init_t, container_kvm_t or container_engine_t.',
  references: [
    `Pod Security Standards, Baseline: SELinux (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: seLinuxOptions',
    'Kyverno: disallow-selinux',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { seLinuxOptions: { type: 'spc_t' } } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { seLinuxOptions: { type: 'container_t' } } })] })],
  },
  checkPod(pod, { options }) {
    return problems(podSecurityContext(pod), options).map(([field, message]) => ({
      path: `${pod.path}/securityContext/seLinuxOptions/${field}`,
      message: `The pod sets ${message}.`,
    }));
  },
  checkContainer(container, _pod, { options }) {
    return problems(containerSecurityContext(container), options).map(([field, message]) => ({
      path: `/securityContext/seLinuxOptions/${field}`,
      message: `The ${describeContainer(container)} sets ${message}.`,
    }));
  },
};

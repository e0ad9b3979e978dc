import { PodSecurityVersion } from '../../../k8s/pod-security-version';
import type { PodViolation, Rule, RuleOptions } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asArray, asObject, podSecurityContext, PSS_BASELINE_URL } from '../pod-fields';

/** The "safe" sysctls of the Baseline profile for the configured version. */
export function safeSysctls(options: RuleOptions): string[] {
  const safe = [
    'kernel.shm_rmid_forced',
    'net.ipv4.ip_local_port_range',
    'net.ipv4.ip_unprivileged_port_start',
    'net.ipv4.tcp_syncookies',
    'net.ipv4.ping_group_range',
  ];
  if (PodSecurityVersion.atLeast(options, 27)) safe.push('net.ipv4.ip_local_reserved_ports');
  if (PodSecurityVersion.atLeast(options, 29)) {
    safe.push('net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes');
  }
  if (PodSecurityVersion.atLeast(options, 32)) safe.push('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem');
  if (PodSecurityVersion.atLeast(options, 37)) safe.push('net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat');
  return safe;
}

/** PSS baseline "Sysctls": `spec.securityContext.sysctls[*].name` must be in the safe set. */
export const sysctlsRule: Rule = {
  id: 'pss/sysctls',
  title: 'Pods may set only the safe sysctls',
  defaultSeverity: 'error',
  rationale: 'Sysctls outside the safe set are not isolated per pod: they can disable security mechanisms or change the kernel for every container on the node.',
  remediation: 'Remove every sysctl from spec.securityContext.sysctls that is not in the Pod Security Standards safe set.',
  references: [
    `Pod Security Standards, Baseline: Sysctls (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: sysctls',
    'Kyverno: restrict-sysctls',
    'kube-linter: unsafe-sysctls',
  ],
  examples: {
    failing: [exampleDeployment({
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }, { name: 'net.core.somaxconn', value: '4096' }] },
      containers: [exampleContainer()],
    })],
    passing: [exampleDeployment({
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] },
      containers: [exampleContainer()],
    })],
  },
  checkPod(pod, { options }) {
    const sysctls = asArray(podSecurityContext(pod)?.sysctls);
    if (sysctls.length === 0) return undefined;
    const safe = safeSysctls(options);
    const violations: PodViolation[] = [];
    sysctls.forEach((sysctl, i) => {
      const name = asObject(sysctl)?.name;
      if (safe.includes(name)) return;
      violations.push({
        path: `${pod.path}/securityContext/sysctls/${i}/name`,
        message: `The pod sets sysctl ${JSON.stringify(name)}, which is not in the safe set; remove it (safe: ${safe.join(', ')}).`,
        ...(typeof name === 'string' ? { target: name } : {}),
      });
    });
    return violations;
  },
};

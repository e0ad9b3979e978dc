import { appArmorRule } from './apparmor';
import { capabilitiesRule } from './capabilities';
import { capabilitiesBaselineRule } from './capabilities-baseline';
import { hostNamespacesRule } from './host-namespaces';
import { hostPathRule } from './host-path';
import { hostPortsRule } from './host-ports';
import { hostProbesRule } from './host-probes';
import { hostProcessRule } from './host-process';
import { privilegeEscalationRule } from './privilege-escalation';
import { privilegedRule } from './privileged';
import { procMountRule } from './proc-mount';
import { runAsNonRootRule } from './run-as-non-root';
import { runAsUserRule } from './run-as-user';
import { seccompRule } from './seccomp';
import { seccompBaselineRule } from './seccomp-baseline';
import { seLinuxRule } from './selinux';
import { sysctlsRule } from './sysctls';
import { volumeTypesRule } from './volume-types';
import type { Rule } from '../../rule';

export { PodSecurityVersion } from './pod-security-version';

/** The Pod Security Standards Baseline controls, in the order of the standard. */
export const PSS_BASELINE_RULES: Rule[] = [
  hostProcessRule,
  hostNamespacesRule,
  privilegedRule,
  capabilitiesBaselineRule,
  hostPathRule,
  hostPortsRule,
  hostProbesRule,
  appArmorRule,
  seLinuxRule,
  procMountRule,
  seccompBaselineRule,
  sysctlsRule,
];

/**
 * The controls Restricted adds to Baseline; the `pss-restricted` pack is Baseline + these.
 * Each reports only what Baseline does not, so a problem is reported once.
 */
export const PSS_RESTRICTED_RULES: Rule[] = [
  volumeTypesRule,
  privilegeEscalationRule,
  runAsNonRootRule,
  runAsUserRule,
  seccompRule,
  capabilitiesRule,
];

import { cronJob, hardenedContainer, pod } from './pods';
import { PSS_BASELINE_RULES, PSS_RESTRICTED_RULES } from '../../../../src/compliance/rules';
import { check } from '../../rule-harness';

describe('PSS rule lists', () => {
  test('THEN the ids are the documented, stable pss/<control> ids, all errors', () => {
    expect(PSS_BASELINE_RULES.map(r => r.id)).toEqual([
      'pss/host-process', 'pss/host-namespaces', 'pss/privileged', 'pss/capabilities-baseline', 'pss/host-path', 'pss/host-ports',
      'pss/host-probes', 'pss/apparmor', 'pss/selinux', 'pss/proc-mount', 'pss/seccomp-baseline', 'pss/sysctls',
    ]);
    expect(PSS_RESTRICTED_RULES.map(r => r.id)).toEqual([
      'pss/volume-types', 'pss/privilege-escalation', 'pss/run-as-non-root', 'pss/run-as-user', 'pss/seccomp', 'pss/capabilities',
      'pss/proc-mount-restricted',
    ]);
    for (const rule of [...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES]) {
      expect(rule.defaultSeverity).toBe('error');
      expect(rule.references[0]).toMatch(/^Pod Security Standards, (Baseline|Restricted): .*pod-security-standards\/#(baseline|restricted)\)$/);
    }
  });

  test('GIVEN a restricted-compliant CronJob with init and ephemeral containers THEN no rule reports anything', () => {
    const manifests = [cronJob({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [hardenedContainer('init')],
      containers: [hardenedContainer('app')],
      ephemeralContainers: [hardenedContainer('debug', { resources: undefined })],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    })];
    for (const rule of [...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES]) {
      expect({ rule: rule.id, violations: check(rule, manifests) }).toEqual({ rule: rule.id, violations: [] });
    }
  });

  test('GIVEN a bare pod THEN baseline passes and restricted reports exactly the four missing settings', () => {
    const manifests = [pod({ containers: [{ name: 'app', image: 'nginx' }] })];
    expect(PSS_BASELINE_RULES.flatMap(rule => check(rule, manifests))).toEqual([]);
    expect(PSS_RESTRICTED_RULES.flatMap(rule => check(rule, manifests).map(v => `${rule.id} ${v.path}`))).toEqual([
      'pss/privilege-escalation /spec/containers/0/securityContext/allowPrivilegeEscalation',
      'pss/run-as-non-root /spec/containers/0/securityContext/runAsNonRoot',
      'pss/seccomp /spec/containers/0/securityContext/seccompProfile',
      'pss/capabilities /spec/containers/0/securityContext/capabilities/drop',
    ]);
  });
});

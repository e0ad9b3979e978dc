import type { Finding, Report } from '../../../src/compliance/model';
import type { Rule } from '../../../src/compliance/rule';
import { HARDENING_RULES } from '../../../src/compliance/rules/hardening';
import { PSS_BASELINE_RULES, PSS_RESTRICTED_RULES } from '../../../src/compliance/rules/pss';

/** The rules the sample report's findings come from. */
export const RULES: readonly Rule[] = [...PSS_BASELINE_RULES, ...PSS_RESTRICTED_RULES, ...HARDENING_RULES];

const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
const nightly = { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'prod', name: 'nightly' };
const legacy = { apiVersion: 'v1', kind: 'Pod', name: 'legacy' };

const findings: Finding[] = [
  {
    ruleId: 'pss/privileged',
    severity: 'error',
    suppressed: false,
    object: web,
    constructPath: 'web-chart/web/Resource',
    path: '/spec/template/spec/containers/0/securityContext/privileged',
    target: 'app',
    message: "The container 'app' sets securityContext.privileged: true; remove it or set it to false.",
  },
  {
    ruleId: 'hardening/resources',
    severity: 'warning',
    suppressed: false,
    object: web,
    constructPath: 'web-chart/web/Resource',
    path: '/spec/template/spec/containers/0/resources/limits/memory',
    target: 'app',
    message: "The container 'app' does not set resources.limits.memory; set it.",
  },
  {
    ruleId: 'hardening/read-only-root-fs',
    severity: 'warning',
    suppressed: true,
    reason: 'nginx writes its pid file to / (ticket OPS-12)',
    object: web,
    constructPath: 'web-chart/web/Resource',
    path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
    target: 'app',
    message: "The container 'app' does not set securityContext.readOnlyRootFilesystem; set it to true.",
  },
  {
    ruleId: 'hardening/image-digest',
    severity: 'info',
    suppressed: false,
    object: nightly,
    constructPath: 'jobs-chart/nightly/Resource',
    path: '/spec/jobTemplate/spec/template/spec/containers/0/image',
    target: 'job',
    message: "The container 'job' uses image 'busybox:1.36' without a digest; pin it as busybox:1.36@sha256:<digest>.",
  },
  {
    ruleId: 'pss/run-as-user',
    severity: 'error',
    suppressed: false,
    object: legacy,
    file: 'manifests/legacy app.yaml',
    line: 12,
    path: '/spec/securityContext/runAsUser',
    message: 'The pod sets runAsUser: 0 <root> & "friends" | `tick`\u0007 bell; set a non-zero UID.',
  },
];

/** A small report with an error, a warning, an info, a suppressed finding and an input error. */
export const SAMPLE_REPORT: Report = {
  summary: { objects: 3, errors: 2, warnings: 1, infos: 1, suppressed: 1 },
  findings,
  inputErrors: [{ file: 'manifests/broken.yaml', line: 3, message: 'invalid YAML: bad indentation of a mapping entry' }],
};

/** Freezes the report deeply, so that a reporter that mutates it throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

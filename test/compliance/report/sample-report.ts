import type { Finding, Report } from '../../../src/compliance/model';
import type { Rule } from '../../../src/compliance/rule';
import { HARDENING_RULES, PSS_BASELINE_RULES, PSS_RESTRICTED_RULES } from '../../../src/compliance/rules';
import type { InputError } from '../../../src/reader/input';

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

/** A rule for reporter tests: reporters only read its descriptive fields. */
export function fakeRule(id: string, extra: Partial<Pick<Rule, 'title' | 'defaultSeverity' | 'rationale' | 'remediation' | 'references'>> = {}): Rule {
  return { id, title: `Title of ${id}`, defaultSeverity: 'error', rationale: `Why ${id}.`, remediation: `Fix ${id}.`, references: [], examples: { failing: [], passing: [] }, ...extra, check: () => [] };
}

/** A finding with defaults for the fields a test does not look at. */
export function makeFinding(extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'test/rule', severity: 'error', suppressed: false, object: legacy, path: '/spec', message: 'Fix it.', ...extra };
}

/** A report of these findings and input errors, with the summary the engine computes. */
export function makeReport(items: Finding[], inputErrors: InputError[] = [], objects = 1): Report {
  const count = (test: (f: Finding) => boolean) => items.filter(test).length;
  return {
    summary: {
      objects,
      errors: count(f => !f.suppressed && f.severity === 'error'),
      warnings: count(f => !f.suppressed && f.severity === 'warning'),
      infos: count(f => !f.suppressed && f.severity === 'info'),
      suppressed: count(f => f.suppressed),
    },
    findings: items,
    inputErrors,
  };
}

/** Two rules for the exact-output tests: one with references (one a URL), one without. */
export const COMPACT_RULES: readonly Rule[] = [
  fakeRule('demo/privileged', {
    title: 'No privileged containers',
    rationale: 'A privileged container owns the node.',
    remediation: 'Remove securityContext.privileged.',
    references: ['CIS 5.2.2', 'https://example.com/psa'],
  }),
  fakeRule('demo/limits', {
    title: 'Set memory limits',
    defaultSeverity: 'warning',
    rationale: 'Pods without limits starve their neighbours.',
    remediation: 'Set resources.limits.memory.',
  }),
];

/**
 * A compact report for exact-output tests: a chart object with an error and a suppressed warning,
 * a file object with a warning, and an input error.
 */
export const COMPACT_REPORT: Report = makeReport([
  makeFinding({
    ruleId: 'demo/privileged',
    object: web,
    constructPath: 'web-chart/web/Resource',
    path: '/spec/template/spec/containers/0/securityContext/privileged',
    target: 'app',
    message: "Container 'app' is privileged.",
  }),
  makeFinding({
    ruleId: 'demo/limits',
    severity: 'warning',
    suppressed: true,
    reason: 'batch job (OPS-1)',
    object: web,
    constructPath: 'web-chart/web/Resource',
    path: '/spec/template/spec/containers/0/resources/limits/memory',
    target: 'app',
    message: "Container 'app' has no memory limit.",
  }),
  makeFinding({
    ruleId: 'demo/limits',
    severity: 'warning',
    object: legacy,
    file: 'manifests/pod.yaml',
    line: 7,
    path: '/spec/containers/0/resources/limits/memory',
    target: 'main',
    message: "Container 'main' has no memory limit.",
  }),
], [{ file: 'manifests/bad.yaml', line: 2, message: 'invalid YAML' }], 2);

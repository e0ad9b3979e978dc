import { asObject, containerSecurityContext, containerViolation, describeContainer, pointerSegment, podMetadataPath, podSecurityContext, podViolation, PSS_BASELINE_URL } from './pod-spec';
import type { ContainerRef, PodSpecRef } from '../../manifest-index';
import type { Rule, Violation } from '../../rule';

const ALLOWED_PROFILE_TYPES = ['RuntimeDefault', 'Localhost'];
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Field: undefined/nil, RuntimeDefault or Localhost. */
function badProfileType(securityContext: Record<string, any> | undefined): unknown {
  const profile = asObject(securityContext?.appArmorProfile);
  if (!profile) return undefined;
  return ALLOWED_PROFILE_TYPES.includes(profile.type) ? undefined : profile.type ?? '(unset)';
}

/** Annotation: undefined, empty, `runtime/default` or `localhost/*`. */
function isAllowedAnnotation(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === 'runtime/default'
    || (typeof value === 'string' && value.startsWith('localhost/'));
}

function annotationViolations(pod: PodSpecRef): Violation[] {
  const violations: Violation[] = [];
  const annotations = asObject(asObject(pod.metadata)?.annotations) ?? {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX) || isAllowedAnnotation(value)) continue;
    const containerName = key.slice(ANNOTATION_PREFIX.length);
    violations.push(podViolation(pod, `${podMetadataPath(pod)}/annotations/${pointerSegment(key)}`,
      `Annotation ${key}: ${JSON.stringify(value)} overrides the default AppArmor profile; use 'runtime/default' or a 'localhost/<profile>' profile, or set securityContext.appArmorProfile.type to RuntimeDefault or Localhost instead.`,
      containerName));
  }
  return violations;
}

function containerFieldViolation(pod: PodSpecRef, container: ContainerRef): Violation | undefined {
  const bad = badProfileType(containerSecurityContext(container));
  return bad === undefined ? undefined : containerViolation(pod, container, '/securityContext/appArmorProfile/type',
    `The ${describeContainer(container)} sets securityContext.appArmorProfile.type ${JSON.stringify(bad)}; set it to RuntimeDefault or Localhost, or remove it.`);
}

/**
 * PSS baseline "AppArmor": the `appArmorProfile.type` fields (pod and every container) must be
 * undefined, RuntimeDefault or Localhost; the beta annotations
 * `container.apparmor.security.beta.kubernetes.io/*` must be undefined, `runtime/default` or
 * `localhost/*`.
 */
export const appArmorRule: Rule = {
  id: 'pss/apparmor',
  title: 'Pods must not disable or override the default AppArmor profile',
  defaultSeverity: 'error',
  scope: 'pod',
  rationale: 'On hosts with AppArmor the container runtime applies its default profile, which blocks dangerous kernel operations; Unconfined removes that protection.',
  remediation: 'Remove securityContext.appArmorProfile (or set its type to RuntimeDefault or Localhost) on the pod and every container, and remove AppArmor annotations that are not runtime/default or localhost/*.',
  references: [
    `Pod Security Standards, Baseline: AppArmor (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: appArmorProfile',
    'Kyverno: restrict-apparmor-profiles',
  ],
  check(index) {
    const violations: Violation[] = [];
    for (const pod of index.podSpecs) {
      const badPod = badProfileType(podSecurityContext(pod));
      if (badPod !== undefined) {
        violations.push(podViolation(pod, `${pod.path}/securityContext/appArmorProfile/type`,
          `The pod sets securityContext.appArmorProfile.type ${JSON.stringify(badPod)}; set it to RuntimeDefault or Localhost, or remove it.`));
      }
      for (const container of pod.containers) {
        const violation = containerFieldViolation(pod, container);
        if (violation) violations.push(violation);
      }
      violations.push(...annotationViolations(pod));
    }
    return violations;
  },
};

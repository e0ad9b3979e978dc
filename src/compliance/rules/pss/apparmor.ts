import { JsonPointer } from '../../../k8s/json-pointer';
import type { PodSpecRef } from '../../manifest-index';
import type { PodViolation, Rule } from '../../rule';
import { exampleContainer, exampleDeployment } from '../examples';
import { asObject, containerSecurityContext, describeContainer, podMetadataPath, podSecurityContext, PSS_BASELINE_URL } from '../pod-fields';

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

function annotationViolations(pod: PodSpecRef): PodViolation[] {
  const violations: PodViolation[] = [];
  const annotations = asObject(asObject(pod.metadata)?.annotations) ?? {};
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(ANNOTATION_PREFIX) || isAllowedAnnotation(value)) continue;
    violations.push({
      path: `${podMetadataPath(pod)}/annotations/${JsonPointer.segment(key)}`,
      message: `Annotation ${key}: ${JSON.stringify(value)} overrides the default AppArmor profile; use 'runtime/default' or a 'localhost/<profile>' profile, or set securityContext.appArmorProfile.type to RuntimeDefault or Localhost instead.`,
      target: key.slice(ANNOTATION_PREFIX.length),
    });
  }
  return violations;
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
  rationale: 'On hosts with AppArmor the container runtime applies its default profile, which blocks dangerous kernel operations; Unconfined removes that protection.',
  remediation: 'Remove securityContext.appArmorProfile (or set its type to RuntimeDefault or Localhost) on the pod and every container, and remove AppArmor annotations that are not runtime/default or localhost/*.',
  references: [
    `Pod Security Standards, Baseline: AppArmor (${PSS_BASELINE_URL})`,
    'Pod Security Admission check: appArmorProfile',
    'Kyverno: restrict-apparmor-profiles',
  ],
  examples: {
    failing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })] })],
    passing: [exampleDeployment({ containers: [exampleContainer({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] })],
  },
  checkPod(pod) {
    const violations = annotationViolations(pod);
    const badPod = badProfileType(podSecurityContext(pod));
    if (badPod !== undefined) {
      violations.push({
        path: `${pod.path}/securityContext/appArmorProfile/type`,
        message: `The pod sets securityContext.appArmorProfile.type ${JSON.stringify(badPod)}; set it to RuntimeDefault or Localhost, or remove it.`,
      });
    }
    return violations;
  },
  checkContainer(container) {
    const bad = badProfileType(containerSecurityContext(container));
    if (bad === undefined) return undefined;
    return [{
      path: '/securityContext/appArmorProfile/type',
      message: `The ${describeContainer(container)} sets securityContext.appArmorProfile.type ${JSON.stringify(bad)}; set it to RuntimeDefault or Localhost, or remove it.`,
    }];
  },
};

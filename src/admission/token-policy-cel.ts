import { AdmissionRule } from './admission-options';
import { TokenLifetime } from '../k8s/token-lifetime';

/**
 * The CEL of the token admission policy: match conditions, variables and validations, written as
 * plain JSON for a ValidatingAdmissionPolicy spec. TypeScript-only (not part of the jsii API).
 *
 * The semantics mirror the engine's token rules exactly (a differential test evaluates these
 * expressions with a real CEL implementation against the engine's verdict):
 * - the pod spec is `spec` of a Pod, `spec.jobTemplate.spec.template.spec` of a CronJob and
 *   `spec.template.spec` of every other workload kind;
 * - "unset" counts as the insecure value where Kubernetes does (automount unset is `true`, an
 *   unset ServiceAccount is `default`, an unset `expirationSeconds` is 3600).
 *
 * Every expression is safe on every kind the policy matches (no field is read without `has()`
 * or a kind check first), because an evaluation error applies the policy's failure policy.
 * Only the standard CEL macros are used, plus `join` of the Kubernetes strings library in
 * message expressions (if a message expression fails, the API server falls back to `message`).
 */

/** A `matchConditions` entry. */
export interface CelMatchCondition {
  readonly name: string;
  readonly expression: string;
}

/** A `variables` entry. */
export interface CelVariable {
  readonly name: string;
  readonly expression: string;
}

/** A `validations` entry. */
export interface CelValidation {
  readonly expression: string;
  readonly message: string;
  readonly messageExpression?: string;
  readonly reason: string;
}

/** The settings the CEL depends on. */
export interface TokenPolicyCelOptions {
  readonly rules: readonly AdmissionRule[];
  readonly maxTokenTtlSeconds: number;
  /** The exemption label and reason annotation; `undefined` when exemptions are not allowed. */
  readonly exemption?: { readonly label: string; readonly reasonAnnotation: string };
}

/** The CEL parts of the policy spec. */
export interface TokenPolicyCel {
  readonly matchConditions: CelMatchCondition[];
  readonly variables: CelVariable[];
  readonly validations: CelValidation[];
}

/** The rule id a policy message starts with when an exemption label lacks its reason. */
export const EXEMPTION_REASON_RULE_ID = 'admission/exemption-reason';

const MIN_TOKEN_TTL_SECONDS = TokenLifetime.MIN_SECONDS;
const DEFAULT_TOKEN_TTL_SECONDS = TokenLifetime.DEFAULT_SECONDS;
const EXTENDED_TOKEN_TTL_SECONDS = TokenLifetime.EXTENDED_SENTINEL_SECONDS;

const LEGACY_TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';

/** Builds the match conditions, variables and validations for the chosen rules. */
export function buildTokenPolicyCel(options: TokenPolicyCelOptions): TokenPolicyCel {
  const podRules = options.rules.filter((r) => r !== AdmissionRule.LEGACY_TOKEN_SECRET);
  const matchConditions: CelMatchCondition[] = [];
  const variables: CelVariable[] = [];
  const validations: CelValidation[] = [];

  // Messages name the object; a Pod created from generateName may have no name yet.
  variables.push({
    name: 'objectName',
    expression: "has(object.metadata.name) && object.metadata.name != '' ? object.metadata.name"
      + " : has(object.metadata.generateName) ? object.metadata.generateName : '(unnamed)'",
  });

  if (options.exemption) {
    const { label, reasonAnnotation } = options.exemption;
    const requested = exemptionRequested(label);
    const reasonGiven = exemptionReasonGiven(reasonAnnotation);
    // An exempt object with a reason is not evaluated at all; one without a reason is, and fails.
    matchConditions.push({ name: 'not-exempt-with-reason', expression: `!(${requested} && ${reasonGiven})` });
    variables.push({ name: 'exemptionRequested', expression: requested });
    variables.push({ name: 'exemptionReasonGiven', expression: reasonGiven });
    validations.push({
      expression: '!variables.exemptionRequested || variables.exemptionReasonGiven',
      message: `${EXEMPTION_REASON_RULE_ID}: the label ${label}=true exempts an object only with a non-empty annotation ${reasonAnnotation} that says why; add the annotation or remove the label.`,
      reason: 'Forbidden',
    });
  }

  if (podRules.length > 0) {
    variables.push({ name: 'isWorkload', expression: "object.kind != 'Secret'" });
    variables.push({
      name: 'podSpec',
      expression: "object.kind == 'Pod' ? object.spec"
        + " : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec"
        + " : object.kind == 'Secret' ? {}"
        + ' : object.spec.template.spec',
    });
  }

  for (const rule of options.rules) {
    switch (rule) {
      case AdmissionRule.AUTOMOUNT_POD:
        validations.push({
          expression: '!variables.isWorkload || (has(variables.podSpec.automountServiceAccountToken) && variables.podSpec.automountServiceAccountToken == false)',
          message: `${rule}: the pod spec must set automountServiceAccountToken: false explicitly (unset means true); mount a projected, short-lived token only into the containers that call the API server.`,
          messageExpression: `'${rule}: ' + object.kind + ' ' + variables.objectName + ' must set automountServiceAccountToken: false in its pod spec explicitly (unset means true); mount a projected, short-lived token only into the containers that call the API server.'`,
          reason: 'Forbidden',
        });
        break;
      case AdmissionRule.DEFAULT_SERVICE_ACCOUNT:
        variables.push({
          name: 'serviceAccountName',
          expression: "has(variables.podSpec.serviceAccountName) && variables.podSpec.serviceAccountName != '' ? variables.podSpec.serviceAccountName"
            + " : has(variables.podSpec.serviceAccount) && variables.podSpec.serviceAccount != '' ? variables.podSpec.serviceAccount"
            + " : 'default'",
        });
        validations.push({
          expression: "!variables.isWorkload || variables.serviceAccountName != 'default'",
          message: `${rule}: the pod runs as the namespace's default ServiceAccount (named or implied); create a dedicated ServiceAccount and set serviceAccountName.`,
          messageExpression: `'${rule}: ' + object.kind + ' ' + variables.objectName + ' runs as the namespace\\'s default ServiceAccount (named or implied); create a dedicated ServiceAccount and set serviceAccountName.'`,
          reason: 'Forbidden',
        });
        break;
      case AdmissionRule.PROJECTED_TTL: {
        const max = options.maxTokenTtlSeconds;
        const ttl = `has(s.serviceAccountToken.expirationSeconds) ? s.serviceAccountToken.expirationSeconds : ${DEFAULT_TOKEN_TTL_SECONDS}`;
        variables.push({
          name: 'volumesWithBadTokenTtl',
          expression: 'has(variables.podSpec.volumes) ? variables.podSpec.volumes.filter(v, has(v.projected) && has(v.projected.sources)'
            + ` && v.projected.sources.filter(s, has(s.serviceAccountToken)).map(s, ${ttl})`
            + `.exists(t, t < ${MIN_TOKEN_TTL_SECONDS} || t > ${max} || t == ${EXTENDED_TOKEN_TTL_SECONDS})).map(v, v.name) : []`,
        });
        const fix = `set expirationSeconds between ${MIN_TOKEN_TTL_SECONDS} and ${max} (unset means ${DEFAULT_TOKEN_TTL_SECONDS}), never ${EXTENDED_TOKEN_TTL_SECONDS}: the API server silently extends a ${EXTENDED_TOKEN_TTL_SECONDS} s token to one year.`;
        validations.push({
          expression: '!variables.isWorkload || size(variables.volumesWithBadTokenTtl) == 0',
          message: `${rule}: a projected serviceAccountToken has a lifetime outside the allowed range; ${fix}`,
          messageExpression: `'${rule}: projected volume(s) ' + variables.volumesWithBadTokenTtl.join(', ') + ' of ' + object.kind + ' ' + variables.objectName + ' hold a serviceAccountToken with a lifetime outside the allowed range; ${fix}'`,
          reason: 'Forbidden',
        });
        break;
      }
      case AdmissionRule.LEGACY_TOKEN_SECRET:
        validations.push({
          expression: `object.kind != 'Secret' || !has(object.type) || object.type != '${LEGACY_TOKEN_SECRET_TYPE}'`,
          message: `${rule}: a Secret of type ${LEGACY_TOKEN_SECRET_TYPE} is a token that never expires; delete it and use a projected, short-lived token (or the TokenRequest API).`,
          messageExpression: `'${rule}: Secret ' + variables.objectName + ' of type ${LEGACY_TOKEN_SECRET_TYPE} is a token that never expires; delete it and use a projected, short-lived token (or the TokenRequest API).'`,
          reason: 'Forbidden',
        });
        break;
    }
  }
  return { matchConditions, variables, validations };
}

/** CEL: the object carries the exemption label with value `true`. */
function exemptionRequested(label: string): string {
  return `has(object.metadata.labels) && '${label}' in object.metadata.labels && object.metadata.labels['${label}'] == 'true'`;
}

/** CEL: the object carries the reason annotation with some non-blank text. */
function exemptionReasonGiven(annotation: string): string {
  return `has(object.metadata.annotations) && '${annotation}' in object.metadata.annotations && object.metadata.annotations['${annotation}'].matches('\\\\S')`;
}

import { ApiObject, Chart, Duration, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { PropertyError } from '../errors';
import {
  AdmissionAction,
  AdmissionApiVersion,
  AdmissionNamespaceSelector,
  AdmissionRule,
  AdmissionSelectorOperator,
  AdmissionSelectorRequirement,
} from './admission-options';
import { buildTokenPolicyCel } from './token-policy-cel';
import { LabelSelectors } from '../k8s/label-selector';
import { KubernetesNames } from '../k8s/names';
import { TokenLifetime } from '../k8s/token-lifetime';

/** Properties of a `TokenAdmissionPolicy`. */
export interface TokenAdmissionPolicyProps {
  /**
   * The name of the ValidatingAdmissionPolicy; the binding is named `<name>-binding`.
   * @default 'guardrails-token-policy'
   */
  readonly name?: string;

  /**
   * The rules to enforce.
   * @default - all four: AUTOMOUNT_POD, DEFAULT_SERVICE_ACCOUNT, PROJECTED_TTL, LEGACY_TOKEN_SECRET
   */
  readonly rules?: AdmissionRule[];

  /**
   * The longest lifetime a projected ServiceAccount token may ask for (`token/projected-ttl`).
   * Between 600 s and 2^32 s, and never 3607 s.
   * @default Duration.hours(1)
   */
  readonly maxTokenTtl?: Duration;

  /**
   * What the API server does with a violation. `DENY` and `WARN` cannot be combined. Start with
   * `WARN` (clients see the violations, nothing breaks), then switch to `DENY`.
   * @default [AdmissionAction.WARN]
   */
  readonly actions?: AdmissionAction[];

  /**
   * The `admissionregistration.k8s.io` version to write: `V1` for Kubernetes 1.30 and later,
   * `V1BETA1` for 1.28 and 1.29 (behind the `ValidatingAdmissionPolicy` feature gate).
   * @default AdmissionApiVersion.V1
   */
  readonly apiVersion?: AdmissionApiVersion;

  /**
   * The namespaces the policy applies to, by their labels (the binding's `namespaceSelector`).
   * @default - every namespace (except the system namespaces, see `excludeSystemNamespaces`)
   */
  readonly namespaceSelector?: AdmissionNamespaceSelector;

  /**
   * Leave out `kube-system`, `kube-public` and `kube-node-lease`, whose components (kube-proxy,
   * CoreDNS, CNI agents) are installed by the platform and often need an API token.
   * @default true
   */
  readonly excludeSystemNamespaces?: boolean;

  /**
   * Let an object opt out with the exemption label set to `true`, provided it also carries the
   * reason annotation with a non-empty reason. A labelled object without a reason is evaluated
   * as usual and also violates `admission/exemption-reason`.
   * @default true
   */
  readonly allowExemptions?: boolean;

  /**
   * The label that exempts an object when set to `true` (only when `allowExemptions` is true).
   * @default 'guardrails.cdk8s.io/exempt'
   */
  readonly exemptionLabel?: string;

  /**
   * The annotation that must say why an exempt object is exempt (only when `allowExemptions`
   * is true).
   * @default 'guardrails.cdk8s.io/exempt-reason'
   */
  readonly exemptionReasonAnnotation?: string;
}

const TYPE_NAME = 'TokenAdmissionPolicy';
const DEFAULT_NAME = 'guardrails-token-policy';
const ALL_RULES = [
  AdmissionRule.AUTOMOUNT_POD,
  AdmissionRule.DEFAULT_SERVICE_ACCOUNT,
  AdmissionRule.PROJECTED_TTL,
  AdmissionRule.LEGACY_TOKEN_SECRET,
];
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Enforces the token rules in the cluster: a ValidatingAdmissionPolicy and its binding that check
 * every Pod, every pod template of the workload kinds (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, ReplicationController, Job, CronJob) and every Secret on create and update, with
 * the same semantics as the synth-time rules of the `tokens` pack. Each violation names the rule
 * id and the fix.
 *
 * The default action is `Warn`, so a rollout starts gently: clients see warnings, nothing breaks.
 */
export class TokenAdmissionPolicy extends Construct {
  /** The name of the ValidatingAdmissionPolicy. */
  public readonly policyName: string;
  /** The name of the ValidatingAdmissionPolicyBinding. */
  public readonly bindingName: string;
  /** The ValidatingAdmissionPolicy object. */
  public readonly policy: ApiObject;
  /** The ValidatingAdmissionPolicyBinding object. */
  public readonly binding: ApiObject;
  /** The rules enforced, in the order of the policy's validations. */
  public readonly rules: AdmissionRule[];
  /** The binding's validation actions. */
  public readonly actions: AdmissionAction[];
  /** The longest projected token lifetime accepted, in seconds. */
  public readonly maxTokenTtlSeconds: number;

  constructor(scope: Construct, id: string, props: TokenAdmissionPolicyProps = {}) {
    super(scope, id);
    this.policyName = props.name ?? DEFAULT_NAME;
    this.bindingName = `${this.policyName}-binding`;
    this.validateName();
    this.rules = this.validateRules(props.rules ?? ALL_RULES);
    this.actions = this.validateActions(props.actions ?? [AdmissionAction.WARN]);
    this.maxTokenTtlSeconds = this.validateMaxTokenTtl(props.maxTokenTtl ?? Duration.hours(1));
    const apiVersion = props.apiVersion ?? AdmissionApiVersion.V1;
    const exemption = this.validateExemption(props);
    const namespaceSelector = this.buildNamespaceSelector(props.namespaceSelector, props.excludeSystemNamespaces ?? true);

    const cel = buildTokenPolicyCel({ rules: this.rules, maxTokenTtlSeconds: this.maxTokenTtlSeconds, exemption });
    this.policy = new ApiObject(this, 'Policy', {
      apiVersion,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: this.policyName },
      spec: {
        // An evaluation error counts as a violation, and then the binding's actions apply.
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: this.resourceRules() },
        ...(cel.matchConditions.length > 0 ? { matchConditions: cel.matchConditions } : {}),
        variables: cel.variables,
        validations: cel.validations,
      },
    });
    this.binding = new ApiObject(this, 'Binding', {
      apiVersion,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: this.bindingName },
      spec: {
        policyName: this.policyName,
        validationActions: this.actions,
        ...(namespaceSelector ? { matchResources: { namespaceSelector } } : {}),
      },
    });
    // Both kinds are cluster-scoped: a chart's namespace must not be written on them.
    if (Chart.of(this).namespace !== undefined) {
      this.policy.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      this.binding.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }

  /** The resources each chosen rule needs to see, on create and update. */
  private resourceRules(): any[] {
    const operations = ['CREATE', 'UPDATE'];
    const podRules = this.rules.some((r) => r !== AdmissionRule.LEGACY_TOKEN_SECRET);
    const secrets = this.rules.includes(AdmissionRule.LEGACY_TOKEN_SECRET);
    const core = [...(podRules ? ['pods', 'replicationcontrollers'] : []), ...(secrets ? ['secrets'] : [])];
    const result: any[] = [{ apiGroups: [''], apiVersions: ['v1'], operations, resources: core }];
    if (podRules) {
      result.push({ apiGroups: ['apps'], apiVersions: ['v1'], operations, resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] });
      result.push({ apiGroups: ['batch'], apiVersions: ['v1'], operations, resources: ['jobs', 'cronjobs'] });
    }
    return result;
  }

  private fail(property: string, problem: string): never {
    throw new PropertyError(TYPE_NAME, this, property, problem);
  }

  private validateName(): void {
    // The binding's name is the longer one and must be a DNS subdomain too.
    if (!KubernetesNames.isDnsSubdomain(this.policyName) || !KubernetesNames.isDnsSubdomain(this.bindingName)) {
      this.fail('name', `'${this.policyName}' is not a valid object name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 245 characters (the binding adds '-binding')`);
    }
  }

  private validateRules(rules: AdmissionRule[]): AdmissionRule[] {
    if (rules.length === 0) {
      this.fail('rules', `is empty: name at least one of ${ALL_RULES.join(', ')}`);
    }
    for (const rule of rules) {
      if (!ALL_RULES.includes(rule)) this.fail('rules', `contains '${rule}', which is not one of ${ALL_RULES.join(', ')}`);
    }
    return [...new Set(rules)];
  }

  private validateActions(actions: AdmissionAction[]): AdmissionAction[] {
    const allowed = Object.values(AdmissionAction);
    if (actions.length === 0) this.fail('actions', `is empty: use ${allowed.join(', ')} (Deny or Warn, optionally with Audit)`);
    for (const action of actions) {
      if (!allowed.includes(action)) this.fail('actions', `contains '${action}', which is not one of ${allowed.join(', ')}`);
    }
    if (actions.includes(AdmissionAction.DENY) && actions.includes(AdmissionAction.WARN)) {
      this.fail('actions', '[Deny, Warn] combines Deny and Warn, which Kubernetes rejects: use Warn first, then Deny (either may be combined with Audit)');
    }
    return [...new Set(actions)];
  }

  private validateMaxTokenTtl(duration: Duration): number {
    const seconds = duration.toSeconds({ integral: false });
    const shown = `${seconds}s`;
    if (!Number.isInteger(seconds)) this.fail('maxTokenTtl', `${shown} is not a whole number of seconds`);
    const { MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS, EXTENDED_SENTINEL_SECONDS } = TokenLifetime;
    if (seconds < MIN_SECONDS) this.fail('maxTokenTtl', `${shown} is below the Kubernetes minimum of ${MIN_SECONDS}s`);
    if (seconds > MAX_SECONDS) this.fail('maxTokenTtl', `${shown} is above the Kubernetes maximum of ${MAX_SECONDS}s (2^32)`);
    if (seconds === EXTENDED_SENTINEL_SECONDS) {
      this.fail('maxTokenTtl', `${shown} is not allowed: the API server silently extends a ${EXTENDED_SENTINEL_SECONDS}s token to one year; use ${DEFAULT_SECONDS}s or another value`);
    }
    return seconds;
  }

  private validateExemption(props: TokenAdmissionPolicyProps): { label: string; reasonAnnotation: string } | undefined {
    if (!(props.allowExemptions ?? true)) {
      if (props.exemptionLabel !== undefined) this.fail('exemptionLabel', `'${props.exemptionLabel}' is set but allowExemptions is false: remove one of them`);
      if (props.exemptionReasonAnnotation !== undefined) {
        this.fail('exemptionReasonAnnotation', `'${props.exemptionReasonAnnotation}' is set but allowExemptions is false: remove one of them`);
      }
      return undefined;
    }
    const label = props.exemptionLabel ?? 'guardrails.cdk8s.io/exempt';
    const reasonAnnotation = props.exemptionReasonAnnotation ?? 'guardrails.cdk8s.io/exempt-reason';
    this.validateKey('exemptionLabel', label);
    this.validateKey('exemptionReasonAnnotation', reasonAnnotation);
    return { label, reasonAnnotation };
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  private validateKey(property: string, key: string): void {
    if (!KubernetesNames.isQualifiedKey(key)) {
      this.fail(property, `'${key}' is not a valid label or annotation key: use an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);
    }
  }

  private buildNamespaceSelector(selector: AdmissionNamespaceSelector | undefined, excludeSystem: boolean): any | undefined {
    const matchLabels = selector?.matchLabels ?? {};
    for (const [key, value] of Object.entries(matchLabels)) {
      this.validateKey(`namespaceSelector.matchLabels['${key}']`, key);
      this.validateLabelValue(`namespaceSelector.matchLabels['${key}']`, value);
    }
    const expressions = (selector?.matchExpressions ?? []).map((req, i) => this.validateRequirement(req, i));
    if (excludeSystem) {
      expressions.push({ key: 'kubernetes.io/metadata.name', operator: AdmissionSelectorOperator.NOT_IN, values: SYSTEM_NAMESPACES });
    }
    const result: any = {};
    if (Object.keys(matchLabels).length > 0) result.matchLabels = { ...matchLabels };
    if (expressions.length > 0) result.matchExpressions = expressions;
    return Object.keys(result).length > 0 ? result : undefined;
  }

  private validateRequirement(req: AdmissionSelectorRequirement, i: number): any {
    const property = `namespaceSelector.matchExpressions[${i}]`;
    this.validateKey(`${property}.key`, req.key);
    const values = req.values ?? [];
    const problem = LabelSelectors.requirementProblem(req.operator, values);
    if (problem) this.fail(`${property}.${problem.field}`, problem.problem);
    values.forEach((value) => this.validateLabelValue(`${property}.values`, value));
    return values.length > 0 ? { key: req.key, operator: req.operator, values: [...values] } : { key: req.key, operator: req.operator };
  }

  private validateLabelValue(property: string, value: string): void {
    if (typeof value !== 'string' || !KubernetesNames.isLabelValue(value)) {
      this.fail(property, `'${value}' is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);
    }
  }
}

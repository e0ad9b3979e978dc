import { isCelError, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/**
 * A test-only evaluator of a synthesized ValidatingAdmissionPolicy, using a real CEL
 * implementation (@bufbuild/cel). It follows the API server's order: resource rules, match
 * conditions (any false: the policy does not apply), variables (in order, each may use the
 * earlier ones as `variables.<name>`), then validations (false: a violation with the
 * `messageExpression` result, or `message`).
 *
 * Stricter than the API server on purpose: any evaluation error throws (the API server would
 * apply the failure policy), so a test fails on an expression that can error on some input.
 * The Kubernetes strings library (`join`) comes from @bufbuild/cel's strings extension.
 */

/** Where each kind is served: what `matchConstraints.resourceRules` compares with. */
const RESOURCES: Record<string, { group: string; resource: string }> = {
  Pod: { group: '', resource: 'pods' },
  ReplicationController: { group: '', resource: 'replicationcontrollers' },
  Secret: { group: '', resource: 'secrets' },
  ConfigMap: { group: '', resource: 'configmaps' },
  ServiceAccount: { group: '', resource: 'serviceaccounts' },
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', resource: 'daemonsets' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
  Job: { group: 'batch', resource: 'jobs' },
  CronJob: { group: 'batch', resource: 'cronjobs' },
};

export interface AdmissionViolation {
  /** The rule id the message starts with (`token/automount-pod`). */
  readonly ruleId: string;
  readonly message: string;
}

export interface AdmissionVerdict {
  /** Whether the policy applies to the object at all (resource rules and match conditions). */
  readonly applies: boolean;
  readonly violations: AdmissionViolation[];
}

/** Evaluates the policy's CEL against one object, as the API server would on `operation`. */
export function evaluatePolicy(policy: any, manifest: any, operation: 'CREATE' | 'UPDATE' = 'CREATE'): AdmissionVerdict {
  const resource = RESOURCES[manifest.kind];
  if (!resource) throw new Error(`vap-evaluator: no resource known for kind ${manifest.kind}`);
  const matched = (policy.spec.matchConstraints.resourceRules as any[]).some((rule) =>
    rule.apiGroups.includes(resource.group) && rule.resources.includes(resource.resource) && rule.operations.includes(operation));
  if (!matched) return { applies: false, violations: [] };

  const object = toCel(manifest);
  const [group, version] = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/') : ['', manifest.apiVersion];
  const request = toCel({ operation, kind: { group, version, kind: manifest.kind }, name: manifest.metadata.name, namespace: manifest.metadata.namespace ?? '' });
  const base = { object, oldObject: null, request };

  for (const condition of policy.spec.matchConditions ?? []) {
    if (evaluate(condition.expression, base, `matchCondition ${condition.name}`) !== true) return { applies: false, violations: [] };
  }
  const variables = new Map<string, any>();
  for (const variable of policy.spec.variables ?? []) {
    variables.set(variable.name, evaluate(variable.expression, { ...base, variables }, `variable ${variable.name}`));
  }
  const violations: AdmissionViolation[] = [];
  for (const validation of policy.spec.validations) {
    const ok = evaluate(validation.expression, { ...base, variables }, `validation ${validation.message}`);
    if (typeof ok !== 'boolean') throw new Error(`vap-evaluator: validation did not return a bool: ${validation.expression}`);
    if (ok) continue;
    const message = validation.messageExpression
      ? evaluate(validation.messageExpression, { ...base, variables }, 'messageExpression')
      : validation.message;
    if (typeof message !== 'string') throw new Error(`vap-evaluator: messageExpression did not return a string: ${validation.messageExpression}`);
    violations.push({ ruleId: message.split(':')[0], message });
  }
  return { applies: true, violations };
}

function evaluate(expression: string, bindings: Record<string, any>, what: string): any {
  const result = run(expression, bindings, { funcs: strings });
  if (isCelError(result)) throw new Error(`vap-evaluator: ${what} failed: ${result.message}\n  expression: ${expression}`);
  return result;
}

/**
 * JSON as the API server hands it to CEL: objects are maps, whole numbers are `int`
 * (Kubernetes integer fields are int64), other numbers `double`.
 */
function toCel(value: any): any {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value;
}

// The module `cdk8s.yaml` names as the validation plugin package: `package: ./node_modules/cdk8s-guardrails/lib/plugin`.
export * from './guardrails-validation';

// Public (jsii) API. Internals (the compliance engine, rules, reporters, CLI) are TypeScript-only.
export * from './identity/api-credentials';
export * from './identity/secure-service-account';
export * from './workloads/secure-deployment';
export * from './rbac/api-resource';
export * from './rbac/permission';
export * from './rbac/grant-scope';
export * from './rbac/rbac-subject';
export * from './rbac/granted';
export * from './rbac/least-privilege';
export * from './identity/role-grant';
export * from './compliance/report/format';
export * from './admission';
export * from './synth/guardrails';
export * from './operator/operator-access-summary';
export * from './operator/operator-bundle';
export * from './operator/watch-scope';

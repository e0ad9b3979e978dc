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
export * from './rbac/role-grant';
export * from './compliance/report/format';
export * from './admission';
export * from './compliance/aspect';
export * from './operator/operator-access-summary';
export * from './operator/operator-bundle';
export * from './operator/watch-scope';
export * from './audit/token-audit-policy';

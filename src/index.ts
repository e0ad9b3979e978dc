// Public (jsii) API. Internals (the compliance engine, rules, reporters, CLI) are TypeScript-only.
export * from './identity/api-credentials';
export * from './identity/secure-service-account';
export * from './workloads/secure-deployment';

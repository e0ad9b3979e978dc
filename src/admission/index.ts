export * from './admission-options';
export * from './token-admission-policy';

export * from './operator-access-summary';
export * from './operator-bundle';
export * from './watch-scope';

export { openStore, type OpenStoreOptions } from './store.ts';
export { parseDatabaseUrl } from './connect.ts';
export { computeStreaks } from './streaks.ts';
export * from './types.ts';

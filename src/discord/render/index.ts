/**
 * Every user-visible Discord payload is built in this folder, with discord.js builders (which validate shapes)
 * and clipped to Discord's limits (limits.ts), so handlers in `commands/` stay thin.
 */
export * from './common.ts';
export * from './limits.ts';
export * from './lookups.ts';
export * from './practice.ts';
export * from './quiz.ts';
export * from './reports.ts';
export * from './scores.ts';

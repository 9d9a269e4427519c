import { periodOf, type PeriodKind } from '../store/periods.ts';
import type { Period } from '../store/types.ts';
import { localDateOf } from './localTime.ts';

export { PERIOD_KINDS, type PeriodKind } from '../store/periods.ts';

/**
 * Inclusive local-date bounds of the leaderboard period containing `now`, in the guild's zone: the ISO week
 * (Monday–Sunday), the calendar month, or all time (no bounds). Feed it to `store.leaderboard` / `store.rankOf`;
 * week and month bounds are exactly the ranges the store keeps rollups for.
 */
export function periodRange(kind: PeriodKind, now: Date, timeZone: string): Period {
  // Converted first even for 'all', so a bad zone is reported whatever the kind.
  const today = localDateOf(now, timeZone);
  return periodOf(kind, today);
}

import { DateTime } from 'luxon';
import type { Period } from '../store/types.ts';
import { isValidTimeZone } from './localTime.ts';

export const PERIOD_KINDS = ['week', 'month', 'all'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * Inclusive local-date bounds of the leaderboard period containing `now`, in the guild's zone: the ISO week
 * (Monday–Sunday), the calendar month, or all time (no bounds). Feed it to `store.leaderboard` / `store.rankOf`.
 */
export function periodRange(kind: PeriodKind, now: Date, timeZone: string): Period {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not an IANA time zone such as Europe/Berlin`);
  if (kind === 'all') return {};
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  // Luxon's 'week' unit is the ISO week, which starts on Monday.
  const unit = kind === 'week' ? 'week' : 'month';
  return { from: local.startOf(unit).toFormat('yyyy-MM-dd'), to: local.endOf(unit).toFormat('yyyy-MM-dd') };
}

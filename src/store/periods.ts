import { DateTime } from 'luxon';
import type { Period } from './types.ts';

/*
 * Rollup keys for the boards people ask for most. They are calendar arithmetic on the guild-local date already stored
 * on each ledger row — no time zone involved. Keys of the three kinds never collide.
 */
export const ALL_TIME = 'all';

/** Calendar month of a local date: `2026-03`. */
export function monthKey(localDate: string): string {
  return localDate.slice(0, 7);
}

/** ISO week (Monday–Sunday) of a local date, with its ISO week-year: `2026-W10`. */
export function isoWeekKey(localDate: string): string {
  return DateTime.fromISO(localDate, { zone: 'utc' }).toISOWeekDate()?.slice(0, 8) ?? localDate;
}

/** Every rollup key a ledger row dated `localDate` adds to. */
export function rollupKeys(localDate: string): string[] {
  return [ALL_TIME, monthKey(localDate), isoWeekKey(localDate)];
}

/**
 * The rollup key that holds exactly this period — all time, a whole calendar month or a whole ISO week — or
 * undefined when the range is anything else (then the board sums daily rows instead).
 */
export function rollupKeyFor(period: Period): string | undefined {
  const { from, to } = period;
  if (from === undefined && to === undefined) return ALL_TIME;
  if (from === undefined || to === undefined) return undefined;
  const start = DateTime.fromISO(from, { zone: 'utc' });
  const end = DateTime.fromISO(to, { zone: 'utc' });
  if (!start.isValid || !end.isValid) return undefined;
  if (start.day === 1 && end.hasSame(start, 'month') && end.day === start.daysInMonth) return monthKey(from);
  if (start.weekday === 1 && end.toISODate() === start.plus({ days: 6 }).toISODate()) return isoWeekKey(from);
  return undefined;
}

import { DateTime } from 'luxon';
import type { Period } from './types.ts';

/*
 * Leaderboard periods as calendar arithmetic on guild-local dates (YYYY-MM-DD) — no time zone involved. The one
 * definition of "a week" (ISO, Monday–Sunday) and "a month" (calendar month): the scheduler's `periodRange` asks
 * for the period around today, and the store recognises exactly those ranges to read their rollup.
 */
export const ALL_TIME = 'all';

export const PERIOD_KINDS = ['week', 'month', 'all'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const day = (localDate: string) => DateTime.fromISO(localDate, { zone: 'utc' });

/**
 * Inclusive bounds of the period of `kind` containing `localDate`: its ISO week, its calendar month, or all time
 * (no bounds). Throws RangeError for a date that does not exist.
 */
export function periodOf(kind: PeriodKind, localDate: string): Period {
  if (kind === 'all') return {};
  const d = day(localDate);
  if (!d.isValid) throw new RangeError(`local date "${localDate}" must be a real date YYYY-MM-DD`);
  // Luxon's 'week' unit is the ISO week, which starts on Monday.
  return { from: d.startOf(kind).toFormat('yyyy-MM-dd'), to: d.endOf(kind).toFormat('yyyy-MM-dd') };
}

/** Calendar month of a local date: `2026-03`. */
export function monthKey(localDate: string): string {
  return localDate.slice(0, 7);
}

/** ISO week (Monday–Sunday) of a local date, with its ISO week-year: `2026-W10`. */
export function isoWeekKey(localDate: string): string {
  return day(localDate).toISOWeekDate()?.slice(0, 8) ?? localDate;
}

/** Every rollup key a ledger row dated `localDate` adds to. Keys of the three kinds never collide. */
export function rollupKeys(localDate: string): string[] {
  return [ALL_TIME, monthKey(localDate), isoWeekKey(localDate)];
}

/**
 * The rollup key that holds exactly this period — all time, or what `periodOf` gives for a month or a week — or
 * undefined when the range is anything else (then the board sums daily rows instead).
 */
export function rollupKeyFor(period: Period): string | undefined {
  const { from, to } = period;
  if (from === undefined && to === undefined) return ALL_TIME;
  if (from === undefined || to === undefined || !day(from).isValid) return undefined;
  const same = (p: Period) => p.from === from && p.to === to;
  if (same(periodOf('month', from))) return monthKey(from);
  if (same(periodOf('week', from))) return isoWeekKey(from);
  return undefined;
}

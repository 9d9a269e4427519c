import { DateTime, IANAZone } from 'luxon';
import { POST_TIME_PATTERN } from '../store/types.ts';

/*
 * Wall-clock arithmetic in a guild's IANA zone. Everything the database stores is an instant (epoch ms) or a local
 * date string (YYYY-MM-DD); these helpers are the only place that converts between the two.
 */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** What a person types (`9:05`, `09:05`) as the stored `HH:MM`; undefined when it is not a 24-hour time. */
export function normalizePostTime(text: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const normalized = m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '';
  return POST_TIME_PATTERN.test(normalized) ? normalized : undefined;
}

function parseHHMM(postTime: string): { hour: number; minute: number } {
  const m = POST_TIME_PATTERN.exec(postTime);
  if (!m) throw new RangeError(`post time "${postTime}" must be HH:MM (24-hour), e.g. 09:00`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function parseYMD(localDate: string): { year: number; month: number; day: number } {
  const m = YMD.exec(localDate);
  if (!m) throw new RangeError(`local date "${localDate}" must be YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function zoneOrThrow(zone: string): string {
  if (!isValidTimeZone(zone)) throw new RangeError(`"${zone}" is not an IANA time zone such as Europe/Berlin`);
  return zone;
}

/** The calendar date of `instant` in `zone`. */
export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone: zoneOrThrow(zone) }).toFormat('yyyy-MM-dd');
}

/** `localDate` plus `days` calendar days. */
export function addDays(localDate: string, days: number): string {
  return DateTime.fromObject(parseYMD(localDate), { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd');
}

/**
 * The instant the wall clock in `zone` reads `hh:mm` on `localDate`.
 * - In a spring-forward gap (02:30 on a day that jumps 02:00→03:00) the time does not exist: it moves forward by the
 *   gap (03:30), like a person whose clock just changed.
 * - In a fall-back overlap (02:30 happens twice) it is the first occurrence, which is also when node-cron first fires.
 */
export function zonedInstant(localDate: string, hhmm: string, zone: string): Date {
  const dt = DateTime.fromObject({ ...parseYMD(localDate), ...parseHHMM(hhmm) }, { zone: zoneOrThrow(zone) });
  // Luxon resolves an ambiguous wall time to the later offset; look for an earlier instant with the same wall time.
  const offsetBefore = DateTime.fromMillis(dt.toMillis() - 12 * 3600_000, { zone }).offset;
  const shift = offsetBefore - dt.offset;
  if (shift > 0) {
    const earlier = DateTime.fromMillis(dt.toMillis() - shift * 60_000, { zone });
    if (earlier.toFormat('yyyy-MM-dd HH:mm') === dt.toFormat('yyyy-MM-dd HH:mm')) return earlier.toJSDate();
  }
  return dt.toJSDate();
}

/** node-cron pattern for a daily HH:MM post; the zone goes in the task's `timezone` option. */
export function dailyCronExpression(postTime: string): string {
  const { hour, minute } = parseHHMM(postTime);
  return `${minute} ${hour} * * *`;
}

import type { GuildConfig } from '../store/types.ts';
import { addDays, localDateOf, zonedInstant } from './localTime.ts';

export type PostSchedule = Pick<GuildConfig, 'postTime' | 'timeZone' | 'openForMinutes'>;

/** The default window: open until this long before the next day's post. */
export const DEFAULT_CLOSE_BEFORE_NEXT_MS = 60 * 60_000;
/** A post this late (after its time) still keeps its normal window; later ones start their window when posted. */
export const ON_TIME_GRACE_MS = 5 * 60_000;
const MIN_WINDOW_MS = 60_000;

export function postInstant(schedule: Pick<GuildConfig, 'postTime' | 'timeZone'>, localDate: string): Date {
  return zonedInstant(localDate, schedule.postTime, schedule.timeZone);
}

/**
 * The local date whose post is due at `now`: today (in the guild's zone) once today's post time has passed, else
 * nothing — yesterday's quiz, if it was missed entirely, is not posted a day late.
 */
export function dueLocalDate(schedule: Pick<GuildConfig, 'postTime' | 'timeZone'>, now: Date): string | undefined {
  const today = localDateOf(now, schedule.timeZone);
  return now.getTime() >= postInstant(schedule, today).getTime() ? today : undefined;
}

export type QuizWindow =
  | { ok: true; opensAt: Date; closesAt: Date; late: boolean }
  | { ok: false; reason: string };

/**
 * When the quiz for `localDate` takes answers, if it is claimed at `now`.
 * On time: from the post time for `open_for` (default: until one hour before the next post).
 * Late (catch-up after downtime): from `now` for the same length, and never past the next day's post; when less than
 * a minute would be left, there is no quiz that day.
 */
export function quizWindow(schedule: PostSchedule, localDate: string, now: Date): QuizWindow {
  const postAt = postInstant(schedule, localDate).getTime();
  const nextPostAt = postInstant(schedule, addDays(localDate, 1)).getTime();
  const late = now.getTime() > postAt + ON_TIME_GRACE_MS;
  const opensAt = late ? now.getTime() : postAt;
  const closesAt =
    schedule.openForMinutes === null
      ? nextPostAt - DEFAULT_CLOSE_BEFORE_NEXT_MS
      : Math.min(opensAt + schedule.openForMinutes * 60_000, nextPostAt);
  if (closesAt - opensAt < MIN_WINDOW_MS) {
    return { ok: false, reason: `too late to post the ${localDate} quiz: its answer window would already be over` };
  }
  return { ok: true, opensAt: new Date(opensAt), closesAt: new Date(closesAt), late };
}

/** The next post instant strictly after `now` (for "next quiz: …" replies). */
export function nextPostInstant(schedule: Pick<GuildConfig, 'postTime' | 'timeZone'>, now: Date): Date {
  const today = localDateOf(now, schedule.timeZone);
  const todayAt = postInstant(schedule, today);
  return todayAt.getTime() > now.getTime() ? todayAt : postInstant(schedule, addDays(today, 1));
}

/**
 * Real node-cron, on a bot whose clock runs ahead of the wall clock by `offset`: a daily job at HH:MM fires (for
 * real, through node-cron) at the wall-clock second when the bot's clock reads HH:MM, so a test can put the post
 * "at the next minute" and see node-cron fire it within seconds. The sweep can be held off (so a post is known to
 * come from the guild's own job) and made to run every second (so a reveal follows a clock jump at once).
 */
import { DateTime } from 'luxon';
import { localDateOf, zonedInstant } from '../../src/schedule/localTime.ts';
import { nodeCron, SWEEP_EXPRESSION, type CronLike } from '../../src/schedule/scheduler.ts';

export interface ShiftedClock {
  now: () => Date;
  offsetMs: number;
  /** Moves the bot's clock forward. */
  advance(ms: number): void;
}

/**
 * A clock ahead of the wall clock so that, `leadMs` from now (rounded to a whole second), it reads a whole minute.
 * `aim` sets that up again later (e.g. once a slow start-up is over), before anything has been scheduled.
 */
export function clockBeforeMinute(leadMs = 3_000): ShiftedClock & { minute: Date; aim(leadMs: number): void } {
  const clock = {
    offsetMs: 0,
    minute: new Date(0),
    now: () => new Date(Date.now() + clock.offsetMs),
    advance(ms: number) {
      clock.offsetMs += ms;
    },
    aim(lead: number) {
      const fireAt = Math.ceil((Date.now() + lead) / 1000) * 1000;
      const minute = Math.ceil(fireAt / 60_000) * 60_000;
      clock.offsetMs = minute - fireAt;
      clock.minute = new Date(minute);
    },
  };
  clock.aim(leadMs);
  return clock;
}

export interface TestCron extends CronLike {
  /** Names of jobs node-cron has fired, in order. */
  fired: string[];
  sweeping: boolean;
}

/** node-cron with the daily expressions translated to the wall-clock second they mean for the shifted clock. */
export function shiftedCron(clock: ShiftedClock): TestCron {
  const cron: TestCron = {
    fired: [],
    sweeping: false,
    schedule(expression, run, options) {
      if (expression === SWEEP_EXPRESSION) {
        return nodeCron.schedule('* * * * * *', async () => {
          if (!cron.sweeping) return;
          cron.fired.push(options.name);
          await run();
        }, { name: options.name });
      }
      const [minute, hour] = expression.split(' ');
      const zone = options.timezone ?? 'UTC';
      const hhmm = `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}`;
      const shifted = zonedInstant(localDateOf(clock.now(), zone), hhmm, zone).getTime();
      const real = DateTime.fromMillis(shifted - clock.offsetMs, { zone: 'UTC' });
      return nodeCron.schedule(
        `${real.second} ${real.minute} ${real.hour} ${real.day} ${real.month} *`,
        async () => {
          cron.fired.push(options.name);
          await run();
        },
        { name: options.name, timezone: 'UTC' },
      );
    },
  };
  return cron;
}

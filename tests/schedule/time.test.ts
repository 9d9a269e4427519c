import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { addDays, dailyCronExpression, localDateOf, normalizePostTime, zonedInstant } from '../../src/schedule/localTime.ts';
import { periodRange } from '../../src/schedule/periods.ts';
import { rollupKeyFor } from '../../src/store/periods.ts';
import { dueLocalDate, nextPostInstant, quizWindow } from '../../src/schedule/window.ts';

const berlin = (postTime: string, openForMinutes: number | null = null) => ({ postTime, timeZone: 'Europe/Berlin', openForMinutes });
const newYork = (postTime: string, openForMinutes: number | null = null) => ({ postTime, timeZone: 'America/New_York', openForMinutes });
const iso = (d: Date) => d.toISOString();

describe('zonedInstant: local post time to an instant, across DST', () => {
  it('uses the zone offset on ordinary days (winter and summer)', () => {
    expect(iso(zonedInstant('2026-01-15', '09:00', 'Europe/Berlin'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedInstant('2026-07-15', '09:00', 'Europe/Berlin'))).toBe('2026-07-15T07:00:00.000Z');
  });

  it('Europe/Berlin spring-forward 2026-03-29: 09:00 is CEST; 02:30 does not exist and becomes 03:30 CEST', () => {
    expect(iso(zonedInstant('2026-03-28', '09:00', 'Europe/Berlin'))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '09:00', 'Europe/Berlin'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('Europe/Berlin fall-back 2026-10-25: 02:30 happens twice and the first one (CEST) is used', () => {
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '09:00', 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('America/New_York: 2026-03-08 02:30 skipped → 03:30 EDT; 2026-11-01 01:30 twice → first (EDT)', () => {
    expect(iso(zonedInstant('2026-03-08', '02:30', 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(zonedInstant('2026-11-01', '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(zonedInstant('2026-11-01', '09:00', 'America/New_York'))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('rejects a bad time, date or zone with a clear message', () => {
    expect(() => zonedInstant('2026-01-01', '9:00', 'Europe/Berlin')).toThrow(/HH:MM/);
    expect(() => zonedInstant('2026-1-1', '09:00', 'Europe/Berlin')).toThrow(/YYYY-MM-DD/);
    expect(() => zonedInstant('2026-01-01', '09:00', 'Mars/Olympus')).toThrow(/IANA/);
  });
});

describe('local dates', () => {
  it('takes the calendar date in the guild zone, not UTC', () => {
    expect(localDateOf(new Date('2026-03-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-02');
    expect(localDateOf(new Date('2026-03-02T03:30:00Z'), 'America/New_York')).toBe('2026-03-01');
  });
  it('adds calendar days over month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('the daily cron job matches the computed post instant (node-cron with timezone)', () => {
  it('fires at 09:00 Berlin on both sides of spring-forward and fall-back', () => {
    const task = cron.createTask(dailyCronExpression('09:00'), () => {}, { timezone: 'Europe/Berlin' });
    try {
      for (const date of ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
        expect(task.match(zonedInstant(date, '09:00', 'Europe/Berlin')), date).toBe(true);
      }
    } finally {
      void task.destroy();
    }
  });

  it('node-cron skips a post time inside the skipped hour, so the sweep must post it (dueLocalDate says it is due)', () => {
    const task = cron.createTask(dailyCronExpression('02:30'), () => {}, { timezone: 'Europe/Berlin' });
    try {
      const shifted = zonedInstant('2026-03-29', '02:30', 'Europe/Berlin');
      expect(task.match(shifted)).toBe(false);
      expect(dueLocalDate(berlin('02:30'), shifted)).toBe('2026-03-29');
      expect(dueLocalDate(berlin('02:30'), new Date(shifted.getTime() - 60_000))).toBeUndefined();
    } finally {
      void task.destroy();
    }
  });

  it('writes HH:MM as minute hour * * *', () => {
    expect(dailyCronExpression('09:05')).toBe('5 9 * * *');
    expect(dailyCronExpression('00:00')).toBe('0 0 * * *');
  });
});

describe('quizWindow', () => {
  it('defaults to closing one hour before the next post, 23 h on a normal day', () => {
    const w = quizWindow(berlin('09:00'), '2026-01-15', new Date('2026-01-15T08:00:00Z'));
    expect(w).toEqual({ ok: true, opensAt: new Date('2026-01-15T08:00:00Z'), closesAt: new Date('2026-01-16T07:00:00Z'), late: false });
  });

  it('the default window is 22 h on the spring-forward day and 24 h on the fall-back day (Berlin)', () => {
    const spring = quizWindow(berlin('09:00'), '2026-03-28', new Date('2026-03-28T08:00:00Z'));
    const fall = quizWindow(berlin('09:00'), '2026-10-24', new Date('2026-10-24T07:00:00Z'));
    if (!spring.ok || !fall.ok) throw new Error('expected windows');
    expect((spring.closesAt.getTime() - spring.opensAt.getTime()) / 3600_000).toBe(22);
    expect((fall.closesAt.getTime() - fall.opensAt.getTime()) / 3600_000).toBe(24);
    expect(iso(spring.closesAt)).toBe('2026-03-29T06:00:00.000Z'); // 08:00 CEST
  });

  it('open_for counts real elapsed time across a DST change (22:00 EDT + 6h = 03:00 EST)', () => {
    const w = quizWindow(newYork('22:00', 6 * 60), '2026-10-31', new Date('2026-11-01T02:00:00Z'));
    if (!w.ok) throw new Error('expected a window');
    expect(iso(w.opensAt)).toBe('2026-11-01T02:00:00.000Z');
    expect(iso(w.closesAt)).toBe('2026-11-01T08:00:00.000Z');
  });

  it('open_for never runs past the next post: 23h59m is cut to 23 h on the spring-forward day', () => {
    const w = quizWindow(berlin('09:00', 1439), '2026-03-28', new Date('2026-03-28T08:00:00Z'));
    if (!w.ok) throw new Error('expected a window');
    expect(iso(w.closesAt)).toBe('2026-03-29T07:00:00.000Z');
  });

  it('a late (catch-up) quiz opens when posted and keeps its length', () => {
    const w = quizWindow(berlin('09:00', 45), '2026-01-15', new Date('2026-01-15T12:00:00Z'));
    expect(w).toEqual({ ok: true, opensAt: new Date('2026-01-15T12:00:00Z'), closesAt: new Date('2026-01-15T12:45:00Z'), late: true });
  });

  it('within the grace period a post keeps its scheduled window', () => {
    const w = quizWindow(berlin('09:00', 45), '2026-01-15', new Date('2026-01-15T08:04:00Z'));
    expect(w).toMatchObject({ ok: true, opensAt: new Date('2026-01-15T08:00:00Z'), late: false });
  });

  it('is too late when the default window is already over', () => {
    const w = quizWindow(berlin('00:30'), '2026-01-15', new Date('2026-01-15T22:45:00Z'));
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.reason).toContain('too late');
  });

  it('nextPostInstant is today before the post time and tomorrow after it', () => {
    expect(iso(nextPostInstant(berlin('09:00'), new Date('2026-03-28T07:59:00Z')))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(nextPostInstant(berlin('09:00'), new Date('2026-03-28T08:00:00Z')))).toBe('2026-03-29T07:00:00.000Z');
  });
});

describe('periodRange', () => {
  it('week runs Monday to Sunday in the guild zone', () => {
    // Sunday 2026-03-01 23:30 UTC is already Monday 2026-03-02 in Berlin.
    expect(periodRange('week', new Date('2026-03-01T23:30:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodRange('week', new Date('2026-03-01T23:30:00Z'), 'UTC')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });
  it('month is the calendar month in the guild zone', () => {
    expect(periodRange('month', new Date('2026-03-01T03:00:00Z'), 'America/New_York')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', new Date('2026-03-01T03:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
  it('a week spanning a DST change is still seven dates', () => {
    expect(periodRange('week', new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toEqual({ from: '2026-03-23', to: '2026-03-29' });
  });
  it('all time has no bounds; a bad zone is an error', () => {
    expect(periodRange('all', new Date(), 'Europe/Berlin')).toEqual({});
    expect(() => periodRange('week', new Date(), 'Nowhere/Land')).toThrow(/IANA/);
    expect(() => periodRange('all', new Date(), 'Nowhere/Land')).toThrow(/IANA/);
  });
  it('gives exactly the ranges the store answers from its rollups', () => {
    const now = new Date('2026-03-01T23:30:00Z'); // Monday 2 March in Berlin
    expect(rollupKeyFor(periodRange('week', now, 'Europe/Berlin'))).toBe('2026-W10');
    expect(rollupKeyFor(periodRange('month', now, 'Europe/Berlin'))).toBe('2026-03');
    expect(rollupKeyFor(periodRange('all', now, 'Europe/Berlin'))).toBe('all');
  });
});

describe('post time as typed', () => {
  it('accepts H:MM and HH:MM and stores HH:MM; refuses anything that is not a 24-hour time', () => {
    expect(normalizePostTime('9:05')).toBe('09:05');
    expect(normalizePostTime(' 18:30 ')).toBe('18:30');
    for (const bad of ['24:00', '09:60', '9', '0905', '9:5', 'noon', '']) expect(normalizePostTime(bad)).toBeUndefined();
  });
});

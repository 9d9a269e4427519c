import { describe, expect, it } from 'vitest';
import { isoWeekKey, monthKey, periodOf, rollupKeyFor, rollupKeys } from '../../src/store/periods.ts';

describe('rollup period keys', () => {
  it('name the month and the ISO week of a local date, across a year boundary', () => {
    expect(monthKey('2026-03-02')).toBe('2026-03');
    expect(isoWeekKey('2026-03-02')).toBe('2026-W10');
    // Friday 1 January 2027 still belongs to ISO week 53 of 2026.
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(rollupKeys('2026-12-31')).toEqual(['all', '2026-12', '2026-W53']);
  });

  it('recognise exactly all time, a whole month and a whole Monday–Sunday week', () => {
    expect(rollupKeyFor({})).toBe('all');
    expect(rollupKeyFor({ from: '2026-02-01', to: '2026-02-28' })).toBe('2026-02');
    expect(rollupKeyFor({ from: '2028-02-01', to: '2028-02-29' })).toBe('2028-02');
    expect(rollupKeyFor({ from: '2026-03-09', to: '2026-03-15' })).toBe('2026-W11');
  });

  it('leave every other range to the daily sums', () => {
    expect(rollupKeyFor({ from: '2026-03-08', to: '2026-03-14' })).toBeUndefined(); // Sunday-start week
    expect(rollupKeyFor({ from: '2026-02-01', to: '2026-02-27' })).toBeUndefined();
    expect(rollupKeyFor({ from: '2026-03-01' })).toBeUndefined();
    expect(rollupKeyFor({ to: '2026-03-31' })).toBeUndefined();
  });
});

describe('periodOf: the week or month around a local date', () => {
  it('weeks run Monday to Sunday, also across a year boundary', () => {
    expect(periodOf('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodOf('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(periodOf('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('months are calendar months, leap February included; all time has no bounds', () => {
    expect(periodOf('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('all', '2026-03-04')).toEqual({});
  });

  it('every week and month it gives is one the store reads from a rollup, under the same key as the rows it holds', () => {
    for (let d = 0; d < 800; d += 3) {
      const date = new Date(Date.UTC(2025, 11, 20 + d)).toISOString().slice(0, 10);
      expect(rollupKeyFor(periodOf('week', date)), date).toBe(isoWeekKey(date));
      expect(rollupKeyFor(periodOf('month', date)), date).toBe(monthKey(date));
    }
  });

  it('rejects a date that does not exist', () => {
    expect(() => periodOf('week', '2026-02-30')).toThrow(RangeError);
  });
});

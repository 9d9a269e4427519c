import { describe, expect, it } from 'vitest';
import { isoWeekKey, monthKey, rollupKeyFor, rollupKeys } from '../../src/store/periods.ts';

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

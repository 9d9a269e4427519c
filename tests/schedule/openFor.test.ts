import { describe, expect, it } from 'vitest';
import { formatOpenFor, parseOpenFor } from '../../src/schedule/openFor.ts';

describe('parseOpenFor', () => {
  it.each([
    ['45m', 45],
    ['6h', 360],
    ['23h', 1380],
    ['1h30m', 90],
    ['1H 30M', 90],
    ['  2h05m ', 125],
    ['1m', 1],
    ['23h59m', 1439],
    ['90m', 90],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(parseOpenFor(text)).toEqual({ ok: true, minutes });
  });

  it('reads "default" as the until-one-hour-before-next-post rule', () => {
    expect(parseOpenFor('default')).toEqual({ ok: true, minutes: null });
  });

  it('rejects an empty value with an example', () => {
    const r = parseOpenFor('  ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/empty.*45m/);
  });

  it.each(['abc', '30', '1.5h', 'h', '-5m', '1d', '30m1h'])('rejects %s as not a duration', (text) => {
    const r = parseOpenFor(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('is not a duration');
  });

  it('rejects zero minutes', () => {
    const r = parseOpenFor('0m');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('at least 1 minute');
  });

  it.each(['24h', '1440m', '23h60m'])('rejects %s as longer than 24 h minus a minute', (text) => {
    const r = parseOpenFor(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/at most 23h59m .*got 24h\)/);
  });
});

describe('formatOpenFor', () => {
  it('writes durations the way parseOpenFor reads them', () => {
    for (const m of [1, 45, 60, 90, 360, 1439]) {
      const text = formatOpenFor(m);
      expect(parseOpenFor(text)).toEqual({ ok: true, minutes: m });
    }
    expect(formatOpenFor(90)).toBe('1h30m');
    expect(formatOpenFor(null)).toBe('until 1h before the next post');
  });
});

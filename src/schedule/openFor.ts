/** Shortest and longest answer window a guild may set (the longest closes before the next day's post). */
export const OPEN_FOR_MIN_MINUTES = 1;
export const OPEN_FOR_MAX_MINUTES = 24 * 60 - 1;

export type OpenForResult =
  /** minutes: null means the default, "until one hour before the next post". */
  | { ok: true; minutes: number | null }
  | { ok: false; error: string };

const DEFAULT_WORDS = new Set(['default', 'auto', 'next']);
const DURATION = /^(?:(\d{1,4})\s*h)?\s*(?:(\d{1,5})\s*m)?$/;

/**
 * Parses `/setup open_for`: `45m`, `6h`, `23h`, `1h30m` (spaces and case ignored), or `default` for
 * "until one hour before the next post". Errors say what was wrong and show a valid example.
 */
export function parseOpenFor(input: string): OpenForResult {
  const text = input.trim().toLowerCase();
  if (text === '') return { ok: false, error: 'open_for is empty: give a duration such as 45m, 6h or 1h30m (or "default")' };
  if (DEFAULT_WORDS.has(text)) return { ok: true, minutes: null };
  const match = DURATION.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) {
    return {
      ok: false,
      error: `open_for "${input.trim()}" is not a duration: use hours and/or minutes such as 45m, 6h or 1h30m`,
    };
  }
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  if (minutes < OPEN_FOR_MIN_MINUTES) return { ok: false, error: `open_for must be at least 1 minute (got ${input.trim()})` };
  if (minutes > OPEN_FOR_MAX_MINUTES) {
    return {
      ok: false,
      error: `open_for must be at most 23h59m so the quiz closes before the next one is posted (got ${formatMinutes(minutes)})`,
    };
  }
  return { ok: true, minutes };
}

/** 90 → `1h30m`, 45 → `45m`, 360 → `6h`; null → `until 1h before the next post`. */
export function formatOpenFor(minutes: number | null): string {
  return minutes === null ? 'until 1h before the next post' : formatMinutes(minutes);
}

function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

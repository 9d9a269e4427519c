/** The "N answered" counter: many answers make few edits, and the last edit always shows the final count. */
import { describe, expect, it } from 'vitest';
import { AnswerCounter } from '../../src/discord/answerCounter.ts';
import type { DailyQuiz } from '../../src/store/types.ts';
import { captureLogger } from './harness.ts';

/** A hand-driven clock and timer queue, so the test decides when time passes. */
function manualTimers() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; cleared: boolean }> = [];
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const t = { at: now + ms, run, cleared: false };
      timers.push(t);
      return { clear: () => void (t.cleared = true) };
    },
    /** Advances time, running due timers in order (and awaiting the async work they start). */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => !t.cleared && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = end;
    },
  };
}

const quiz = { id: 7 } as DailyQuiz;

describe('answer counter', () => {
  it('1,000 answers over 10 s make about one edit per interval, ending on the final count', async () => {
    const timers = manualTimers();
    let count = 0;
    const edits: number[] = [];
    const counter = new AnswerCounter({
      intervalMs: 2_000,
      count: async () => count,
      publish: async (_q, n) => void edits.push(n),
      logger: captureLogger().logger,
      now: timers.now,
      setTimer: timers.setTimer,
    });
    for (let i = 0; i < 1000; i++) {
      count += 1;
      counter.bump(quiz);
      await timers.advance(10);
    }
    await timers.advance(5_000);
    expect(edits.length).toBeGreaterThanOrEqual(5);
    expect(edits.length).toBeLessThanOrEqual(7);
    expect(edits.at(-1)).toBe(1000);
    expect(counter.pending()).toEqual([]);
  });

  it('a failed edit is logged and the next answer tries again; stop cancels what is pending', async () => {
    const timers = manualTimers();
    const { logger, lines } = captureLogger();
    let fail = true;
    const edits: number[] = [];
    const counter = new AnswerCounter({
      intervalMs: 1_000,
      count: async () => 3,
      publish: async (_q, n) => {
        if (fail) throw new Error('Discord is down');
        edits.push(n);
      },
      logger,
      now: timers.now,
      setTimer: timers.setTimer,
    });
    counter.bump(quiz);
    await timers.advance(0);
    expect(lines.some((l) => l.msg === 'could not update the answer count')).toBe(true);
    fail = false;
    counter.bump(quiz);
    await timers.advance(1_000);
    expect(edits).toEqual([3]);
    counter.bump(quiz);
    await counter.stop();
    await timers.advance(5_000);
    expect(edits).toEqual([3]);
  });
});
